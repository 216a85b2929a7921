"""Versioning through the catalog: one save version per catalog, pinned loads."""

from __future__ import annotations

from pathlib import Path

import pytest
from keelrt import CatalogError
from keelrt import DataCatalog
from keelrt import DatasetNotFoundError
from keelrt.catalog import DatasetConfigError
from keelrt.catalog import DatasetLoadError
from keelrt.catalog import DatasetSaveError
from keelrt.catalog import generate_timestamp


def _json(path: str) -> dict[str, object]:
    return {"type": "json.JSONDataset", "filepath": path, "versioned": True}


CONFIG = {"a": _json("data/a.json"), "b": _json("data/b.json")}


def test_every_save_in_one_catalog_shares_its_save_version(tmp_path: Path) -> None:
    catalog = DataCatalog.from_config(CONFIG, project_path=tmp_path)
    catalog.save("a", 1)
    catalog.save("b", 2)
    version = catalog.save_version
    assert (tmp_path / f"data/a.json/{version}/a.json").is_file()
    assert (tmp_path / f"data/b.json/{version}/b.json").is_file()


def test_save_version_can_be_given(tmp_path: Path) -> None:
    catalog = DataCatalog.from_config(
        CONFIG, save_version="2024-01-01T00.00.00.000Z", project_path=tmp_path
    )
    catalog.save("a", 1)
    assert (tmp_path / "data/a.json/2024-01-01T00.00.00.000Z/a.json").is_file()


def test_save_version_is_generated_once_at_creation(tmp_path: Path) -> None:
    catalog = DataCatalog.from_config(CONFIG, project_path=tmp_path)
    assert catalog.save_version == catalog.save_version
    assert catalog.save_version <= generate_timestamp()


def test_a_new_catalog_saves_a_new_version_and_loads_it(tmp_path: Path) -> None:
    DataCatalog.from_config(
        CONFIG, save_version="2024-01-01T00.00.00.000Z", project_path=tmp_path
    ).save("a", "old")
    DataCatalog.from_config(
        CONFIG, save_version="2024-02-01T00.00.00.000Z", project_path=tmp_path
    ).save("a", "new")
    assert DataCatalog.from_config(CONFIG, project_path=tmp_path).load("a") == "new"


def test_load_versions_pin_a_dataset(tmp_path: Path) -> None:
    for stamp, value in (
        ("2024-01-01T00.00.00.000Z", "old"),
        ("2024-02-01T00.00.00.000Z", "new"),
    ):
        DataCatalog.from_config(CONFIG, save_version=stamp, project_path=tmp_path).save(
            "a", value
        )
    pinned = DataCatalog.from_config(
        CONFIG, load_versions={"a": "2024-01-01T00.00.00.000Z"}, project_path=tmp_path
    )
    assert pinned.load("a") == "old"


def test_load_with_version_argument_overrides_newest(tmp_path: Path) -> None:
    for stamp, value in (
        ("2024-01-01T00.00.00.000Z", "old"),
        ("2024-02-01T00.00.00.000Z", "new"),
    ):
        DataCatalog.from_config(CONFIG, save_version=stamp, project_path=tmp_path).save(
            "a", value
        )
    catalog = DataCatalog.from_config(CONFIG, project_path=tmp_path)
    assert catalog.load("a", version="2024-01-01T00.00.00.000Z") == "old"


def test_load_with_version_on_unversioned_dataset_is_refused(tmp_path: Path) -> None:
    catalog = DataCatalog.from_config(
        {"m": {"type": "MemoryDataset"}}, project_path=tmp_path
    )
    with pytest.raises(CatalogError, match="'m' is not versioned"):
        catalog.load("m", version="2024-01-01T00.00.00.000Z")


def test_saving_twice_in_one_run_refuses_to_overwrite(tmp_path: Path) -> None:
    catalog = DataCatalog.from_config(CONFIG, project_path=tmp_path)
    catalog.save("a", 1)
    with pytest.raises(DatasetSaveError, match="never overwritten"):
        catalog.save("a", 2)


def test_loading_with_no_versions_names_dataset_and_path(tmp_path: Path) -> None:
    catalog = DataCatalog.from_config(CONFIG, project_path=tmp_path)
    with pytest.raises(
        DatasetLoadError, match=r"'a' cannot be loaded: no versions of data/a\.json"
    ):
        catalog.load("a")


def test_load_versions_for_unknown_dataset_is_refused(tmp_path: Path) -> None:
    with pytest.raises(
        DatasetNotFoundError, match=r"'aa' has a load version.*did you mean 'a'"
    ):
        DataCatalog.from_config(
            CONFIG, load_versions={"aa": "2024"}, project_path=tmp_path
        )


def test_load_versions_for_unversioned_entry_is_refused(tmp_path: Path) -> None:
    config = {"m": {"type": "json.JSONDataset", "filepath": "m.json"}}
    with pytest.raises(
        DatasetConfigError, match="'m' has a load version but is not versioned"
    ):
        DataCatalog.from_config(
            config, load_versions={"m": "2024"}, project_path=tmp_path
        )


def test_factory_datasets_are_versioned_with_the_catalog_version(
    tmp_path: Path,
) -> None:
    config = {"{name}_json": _json("data/{name}.json")}
    catalog = DataCatalog.from_config(config, project_path=tmp_path)
    catalog.save("x_json", [1])
    assert (tmp_path / f"data/x.json/{catalog.save_version}/x.json").is_file()


def test_describe_shows_the_version(tmp_path: Path) -> None:
    catalog = DataCatalog.from_config(CONFIG, save_version="v1", project_path=tmp_path)
    assert catalog.describe("a")["version"] == (None, "v1")
