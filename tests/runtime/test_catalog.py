"""DataCatalog operations: load, save, exists, release, lookups, feeds."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
from keelrt import AbstractDataset
from keelrt import CatalogError
from keelrt import DataCatalog
from keelrt import DatasetError
from keelrt import DatasetNotFoundError
from keelrt import MemoryDataset
from keelrt.catalog import DatasetAlreadyExistsError
from keelrt.catalog import DatasetLoadError
from keelrt.catalog import DatasetSaveError
from keelrt.datasets import TextDataset


class Exploding(AbstractDataset):
    def __init__(self, filepath: str = "x.bin") -> None:
        self._filepath = filepath

    def load(self) -> Any:
        raise ValueError("bad bytes")

    def save(self, _data: Any) -> None:
        raise OSError("disk full")

    def _exists(self) -> bool:
        raise RuntimeError("no idea")

    def _release(self) -> None:
        raise RuntimeError("stuck")

    def _describe(self) -> dict[str, Any]:
        return {"filepath": self._filepath}


def test_save_then_load_returns_the_data() -> None:
    catalog = DataCatalog({"x": MemoryDataset()})
    catalog.save("x", 42)
    assert catalog.load("x") == 42


def test_loading_unknown_name_suggests_close_names() -> None:
    catalog = DataCatalog({"companies": MemoryDataset(1)})
    with pytest.raises(DatasetNotFoundError, match="did you mean 'companies'"):
        catalog.load("compnies")


def test_unknown_name_error_keeps_the_name() -> None:
    with pytest.raises(DatasetNotFoundError) as info:
        DataCatalog().load("ghost")
    assert info.value.dataset_name == "ghost"


def test_saving_unknown_name_raises_not_found() -> None:
    with pytest.raises(DatasetNotFoundError):
        DataCatalog().save("ghost", 1)


def test_saving_none_is_refused() -> None:
    with pytest.raises(DatasetSaveError, match="the data is None"):
        DataCatalog({"x": MemoryDataset()}).save("x", None)


def test_foreign_load_error_is_wrapped_naming_dataset_and_file() -> None:
    catalog = DataCatalog({"raw": Exploding("data/raw.bin")})
    with pytest.raises(
        DatasetLoadError, match=r"'raw' cannot be loaded from data/raw\.bin"
    ):
        catalog.load("raw")


def test_foreign_load_error_is_chained() -> None:
    with pytest.raises(DatasetError) as info:
        DataCatalog({"raw": Exploding()}).load("raw")
    assert isinstance(info.value.__cause__, ValueError)


def test_foreign_save_error_is_wrapped_naming_dataset() -> None:
    with pytest.raises(
        DatasetSaveError, match=r"'raw' cannot be saved to x.bin: OSError"
    ):
        DataCatalog({"raw": Exploding()}).save("raw", 1)


def test_exists_error_is_wrapped() -> None:
    with pytest.raises(DatasetError, match="'raw' cannot be checked"):
        DataCatalog({"raw": Exploding()}).exists("raw")


def test_release_error_is_wrapped() -> None:
    with pytest.raises(DatasetError, match="'raw' cannot be released"):
        DataCatalog({"raw": Exploding()}).release("raw")


def test_missing_file_message_names_dataset_and_path(tmp_path: Path) -> None:
    catalog = DataCatalog.from_config(
        {
            "companies": {
                "type": "pandas.CSVDataset",
                "filepath": "data/01_raw/companies.csv",
            }
        },
        project_path=tmp_path,
    )
    with pytest.raises(DatasetLoadError) as info:
        catalog.load("companies")
    assert str(info.value) == (
        "dataset 'companies' cannot be loaded: file data/01_raw/companies.csv does not "
        "exist. Check the filepath in the catalog or create the file."
    )


def test_missing_file_from_user_dataset_gets_the_same_message(tmp_path: Path) -> None:
    class Opener(Exploding):
        def load(self) -> Any:
            return open(self._filepath).read()

    catalog = DataCatalog({"notes": Opener(str(tmp_path / "n.txt"))})
    with pytest.raises(DatasetLoadError, match=r"file .*n\.txt does not exist"):
        catalog.load("notes")


def test_exists_is_false_for_unknown_names() -> None:
    assert not DataCatalog().exists("ghost")


def test_exists_reports_saved_data() -> None:
    catalog = DataCatalog({"x": MemoryDataset()})
    catalog.save("x", 1)
    assert catalog.exists("x")


def test_release_empties_a_memory_dataset() -> None:
    catalog = DataCatalog({"x": MemoryDataset(1)})
    catalog.release("x")
    assert not catalog.exists("x")


def test_getitem_returns_the_dataset_object() -> None:
    dataset = MemoryDataset(1)
    assert DataCatalog({"x": dataset})["x"] is dataset


def test_setitem_wraps_plain_data_in_memory_dataset() -> None:
    catalog = DataCatalog()
    catalog["x"] = [1, 2]
    assert isinstance(catalog["x"], MemoryDataset)
    assert catalog.load("x") == [1, 2]


def test_setitem_registers_a_dataset_as_is(tmp_path: Path) -> None:
    catalog = DataCatalog()
    dataset = TextDataset(filepath=str(tmp_path / "a.txt"))
    catalog["a"] = dataset
    assert catalog["a"] is dataset


def test_constructor_refuses_plain_data() -> None:
    with pytest.raises(CatalogError, match="is not a dataset"):
        DataCatalog({"x": 3})  # type: ignore[dict-item]


def test_contains_is_true_for_registered_names() -> None:
    assert "x" in DataCatalog({"x": MemoryDataset()})


def test_keys_lists_config_entries_then_added_datasets(tmp_path: Path) -> None:
    catalog = DataCatalog.from_config(
        {"b": {"type": "MemoryDataset"}, "a": {"type": "MemoryDataset"}},
        project_path=tmp_path,
    )
    catalog["c"] = 1
    assert catalog.keys() == ["b", "a", "c"]


def test_list_filters_names_by_regex() -> None:
    catalog = DataCatalog({"raw_a": MemoryDataset(), "model": MemoryDataset()})
    assert catalog.list("^raw") == ["raw_a"]


def test_list_without_regex_lists_all() -> None:
    assert DataCatalog({"a": MemoryDataset()}).list() == ["a"]


def test_list_with_invalid_regex_explains() -> None:
    with pytest.raises(CatalogError, match="regex '\\(' is not valid"):
        DataCatalog().list("(")


def test_iteration_and_len_follow_keys() -> None:
    catalog = DataCatalog({"a": MemoryDataset(), "b": MemoryDataset()})
    assert (list(catalog), len(catalog)) == (["a", "b"], 2)


def test_describe_gives_type_and_arguments(tmp_path: Path) -> None:
    catalog = DataCatalog({"t": TextDataset(filepath=str(tmp_path / "a.txt"))})
    described = catalog.describe("t")
    assert (described["type"], described["filepath"]) == (
        "text.TextDataset",
        (tmp_path / "a.txt").as_posix(),
    )


def test_memory_datasets_are_not_persistent() -> None:
    assert not DataCatalog({"x": MemoryDataset()}).is_persistent("x")


def test_file_datasets_are_persistent(tmp_path: Path) -> None:
    catalog = DataCatalog({"t": TextDataset(filepath=str(tmp_path / "a.txt"))})
    assert catalog.is_persistent("t")


def test_unknown_names_are_not_persistent() -> None:
    assert not DataCatalog().is_persistent("ghost")


def test_add_feed_dict_adds_parameters_as_memory_data() -> None:
    catalog = DataCatalog()
    catalog.add_feed_dict({"params:lr": 0.1, "parameters": {"lr": 0.1}})
    assert catalog.load("params:lr") == 0.1


def test_add_feed_dict_replaces_by_default() -> None:
    catalog = DataCatalog({"params:lr": MemoryDataset(0.1)})
    catalog.add_feed_dict({"params:lr": 0.2})
    assert catalog.load("params:lr") == 0.2


def test_add_feed_dict_without_replace_refuses_taken_names() -> None:
    catalog = DataCatalog({"params:lr": MemoryDataset(0.1)})
    with pytest.raises(DatasetAlreadyExistsError, match="'params:lr'"):
        catalog.add_feed_dict({"params:lr": 0.2, "params:new": 1}, replace=False)


def test_add_feed_dict_without_replace_changes_nothing_on_error() -> None:
    catalog = DataCatalog({"params:lr": MemoryDataset(0.1)})
    with pytest.raises(DatasetAlreadyExistsError):
        catalog.add_feed_dict({"params:new": 1, "params:lr": 0.2}, replace=False)
    assert "params:new" not in catalog


def test_add_feed_dict_accepts_dataset_objects() -> None:
    catalog = DataCatalog()
    dataset = MemoryDataset(1)
    catalog.add_feed_dict({"x": dataset})
    assert catalog["x"] is dataset


def test_repr_lists_names_and_patterns() -> None:
    catalog = DataCatalog.from_config({"{n}_csv": {"type": "MemoryDataset"}})
    catalog["a"] = 1
    assert repr(catalog) == "DataCatalog(datasets: 'a'; patterns: '{n}_csv')"


def test_catalog_survives_pickling() -> None:
    catalog = DataCatalog({"x": MemoryDataset(3)})
    assert pickle.loads(pickle.dumps(catalog)).load("x") == 3


def test_catalog_has_a_save_version_from_the_start() -> None:
    assert DataCatalog().save_version.endswith("Z")


def test_release_of_unknown_name_raises_not_found() -> None:
    with pytest.raises(DatasetNotFoundError):
        DataCatalog().release("ghost")


def test_concurrent_first_use_creates_one_dataset_object(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    config = {"t": {"type": "text.TextDataset", "filepath": "t.txt"}}
    catalog = DataCatalog.from_config(config, project_path=tmp_path)
    with ThreadPoolExecutor(max_workers=8) as pool:
        objects = list(pool.map(lambda _: catalog["t"], range(32)))
    assert len({id(o) for o in objects}) == 1


def test_load_versions_are_reported() -> None:
    config = {
        "a": {"type": "json.JSONDataset", "filepath": "a.json", "versioned": True}
    }
    catalog = DataCatalog.from_config(config, load_versions={"a": "v1"})
    assert catalog.load_versions == {"a": "v1"}


def test_config_resolver_reports_the_matching_pattern() -> None:
    catalog = DataCatalog.from_config({"{name}_csv": {"type": "MemoryDataset"}})
    assert catalog.config_resolver.match_pattern("cars_csv") == "{name}_csv"
