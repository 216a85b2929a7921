"""DataCatalog.from_config: lazy creation, paths, credentials, entry errors."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from keelrt import CatalogError
from keelrt import DataCatalog
from keelrt.catalog import DatasetConfigError
from keelrt.datasets import JSONDataset

LOADER = """
import importlib.util, sys
runtime = sys.argv[1]
spec = importlib.util.spec_from_file_location(
    "keelrt", runtime + "/__init__.py", submodule_search_locations=[runtime]
)
module = importlib.util.module_from_spec(spec)
sys.modules["keelrt"] = module
spec.loader.exec_module(module)
"""
RUNTIME_DIR = str(
    Path(__file__).resolve().parents[2]
    / "template"
    / "src"
    / "{{package_name}}"
    / "runtime"
)
SECRET = "hunter2-very-secret"
CREDENTIALS = {"warehouse": {"user": "analyst", "password": SECRET}}


def _csv(path: str = "data/01_raw/companies.csv", **extra: Any) -> dict[str, Any]:
    return {"type": "pandas.CSVDataset", "filepath": path, **extra}


class Recorder(JSONDataset):
    """A JSONDataset that remembers the arguments it was given."""

    created: list[dict[str, Any]] = []  # noqa: RUF012 - test bookkeeping

    def __init__(self, **kwargs: Any) -> None:
        Recorder.created.append(kwargs)
        super().__init__(**kwargs)


def test_from_config_creates_no_dataset_objects_until_used(tmp_path: Path) -> None:
    Recorder.created.clear()
    config = {f"d{i}": {"type": Recorder, "filepath": f"d{i}.json"} for i in range(50)}
    DataCatalog.from_config(config, project_path=tmp_path)
    assert Recorder.created == []


def test_first_use_creates_only_that_dataset(tmp_path: Path) -> None:
    Recorder.created.clear()
    config = {f"d{i}": {"type": Recorder, "filepath": f"d{i}.json"} for i in range(5)}
    catalog = DataCatalog.from_config(config, project_path=tmp_path)
    catalog.exists("d3")
    catalog.exists("d3")
    assert [Path(c["filepath"]).name for c in Recorder.created] == ["d3.json"]


def test_from_config_on_10000_entries_does_not_import_pandas() -> None:
    code = LOADER + textwrap.dedent(
        """
        from keelrt import DataCatalog
        config = {
            f"ds_{i}": {"type": "pandas.CSVDataset", "filepath": f"data/{i}.csv"}
            for i in range(10_000)
        }
        catalog = DataCatalog.from_config(config)
        assert len(catalog.keys()) == 10_000
        print("pandas" in sys.modules)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code, RUNTIME_DIR],
        check=True,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "False"


def test_keys_starting_with_underscore_are_ignored() -> None:
    catalog = DataCatalog.from_config(
        {"_anchor": {"sep": ","}, "a": {"type": "MemoryDataset"}}
    )
    assert catalog.keys() == ["a"]


def test_relative_filepath_resolves_against_project_path(tmp_path: Path) -> None:
    catalog = DataCatalog.from_config({"c": _csv()}, project_path=tmp_path)
    assert (
        catalog.describe("c")["filepath"]
        == (tmp_path / "data/01_raw/companies.csv").as_posix()
    )


def test_absolute_filepath_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "c.csv"
    catalog = DataCatalog.from_config({"c": _csv(str(target))}, project_path="/nowhere")
    assert catalog.describe("c")["filepath"] == target.as_posix()


def test_file_prefix_resolves_against_project_path(tmp_path: Path) -> None:
    catalog = DataCatalog.from_config(
        {"c": _csv("file://data/c.csv")}, project_path=tmp_path
    )
    assert catalog.describe("c")["filepath"] == (tmp_path / "data/c.csv").as_posix()


def test_remote_filepath_for_builtin_type_is_refused_at_config_time() -> None:
    with pytest.raises(
        DatasetConfigError, match=r"'c' has filepath 's3://b/c.csv'.*only local"
    ):
        DataCatalog.from_config({"c": _csv("s3://b/c.csv")})


def test_credentials_name_is_resolved_and_passed_to_the_dataset(tmp_path: Path) -> None:
    Recorder.created.clear()
    config = {"r": {"type": Recorder, "filepath": "r.json", "credentials": "warehouse"}}
    DataCatalog.from_config(config, CREDENTIALS, project_path=tmp_path).exists("r")
    assert Recorder.created[0]["credentials"] == CREDENTIALS["warehouse"]


def test_unknown_credentials_name_suggests_close_names() -> None:
    config = {"c": _csv(credentials="warehose")}
    with pytest.raises(
        DatasetConfigError,
        match=r"'c' uses credentials 'warehose'.*did you mean 'warehouse'",
    ):
        DataCatalog.from_config(config, CREDENTIALS)


def test_unknown_credentials_error_shows_no_credential_values() -> None:
    with pytest.raises(DatasetConfigError) as info:
        DataCatalog.from_config({"c": _csv(credentials="warehose")}, CREDENTIALS)
    assert SECRET not in str(info.value)


def test_describe_hides_credentials(tmp_path: Path) -> None:
    config = {"c": _csv(credentials="warehouse")}
    catalog = DataCatalog.from_config(config, CREDENTIALS, project_path=tmp_path)
    assert SECRET not in str(catalog.describe("c"))


def test_repr_of_catalog_and_dataset_hide_credentials(tmp_path: Path) -> None:
    config = {"c": _csv(credentials="warehouse")}
    catalog = DataCatalog.from_config(config, CREDENTIALS, project_path=tmp_path)
    assert SECRET not in repr(catalog) + repr(catalog["c"])


def test_error_messages_redact_credential_values(tmp_path: Path) -> None:
    class Leaky(JSONDataset):
        def load(self) -> Any:
            raise ConnectionError(f"login failed for password {SECRET}")

    config = {"c": {"type": Leaky, "filepath": "c.json", "credentials": "warehouse"}}
    catalog = DataCatalog.from_config(config, CREDENTIALS, project_path=tmp_path)
    with pytest.raises(CatalogError) as info:
        catalog.load("c")
    assert SECRET not in str(info.value)


def test_inline_credentials_mapping_is_passed_through(tmp_path: Path) -> None:
    Recorder.created.clear()
    config = {
        "r": {"type": Recorder, "filepath": "r.json", "credentials": {"token": "abc"}}
    }
    DataCatalog.from_config(config, project_path=tmp_path).exists("r")
    assert Recorder.created[0]["credentials"] == {"token": "abc"}


def test_credentials_of_wrong_kind_are_refused() -> None:
    with pytest.raises(DatasetConfigError, match="neither a name nor a mapping"):
        DataCatalog.from_config({"c": _csv(credentials=3)})


def test_entry_that_is_not_a_mapping_is_named() -> None:
    with pytest.raises(
        DatasetConfigError, match=r"dataset 'c' is not a mapping.*got str"
    ):
        DataCatalog.from_config({"c": "pandas.CSVDataset"})


def test_entry_without_type_is_named() -> None:
    with pytest.raises(DatasetConfigError, match="dataset 'c' has no 'type'"):
        DataCatalog.from_config({"c": {"filepath": "c.csv"}})


def test_entry_with_misspelled_type_key_gets_suggestion() -> None:
    with pytest.raises(DatasetConfigError, match="did you mean 'typ'"):
        DataCatalog.from_config({"c": {"typ": "MemoryDataset"}})


def test_entry_with_unknown_type_names_entry_and_close_types() -> None:
    config = {"c": {"type": "pandas.CSVDataSet", "filepath": "c.csv"}}
    with pytest.raises(
        DatasetConfigError,
        match=r"'c' has type 'pandas\.CSVDataSet'.*did you mean 'pandas\.CSVDataset'",
    ):
        DataCatalog.from_config(config)


def test_misspelled_argument_suggests_the_signature_name() -> None:
    config = {"c": {"type": "pandas.CSVDataset", "filepth": "c.csv"}}
    with pytest.raises(DatasetConfigError, match=r"'filepth'.*did you mean 'filepath'"):
        DataCatalog.from_config(config)


def test_missing_required_argument_is_named() -> None:
    with pytest.raises(DatasetConfigError, match="'c' is missing argument 'filepath'"):
        DataCatalog.from_config({"c": {"type": "pandas.CSVDataset"}})


def test_versioned_must_be_a_boolean() -> None:
    with pytest.raises(DatasetConfigError, match="expected true or false"):
        DataCatalog.from_config({"c": _csv(versioned="yes")})


def test_versioned_on_a_type_without_versions_is_refused() -> None:
    with pytest.raises(DatasetConfigError, match="does not support versioning"):
        DataCatalog.from_config({"m": {"type": "MemoryDataset", "versioned": True}})


def test_version_key_is_reserved() -> None:
    with pytest.raises(DatasetConfigError, match="'version' key, which is reserved"):
        DataCatalog.from_config({"c": _csv(version="2024")})


def test_non_string_entry_name_is_refused() -> None:
    with pytest.raises(DatasetConfigError, match="is not text"):
        DataCatalog.from_config({3: {"type": "MemoryDataset"}})  # type: ignore[dict-item]


def test_constructor_failure_at_first_use_names_the_entry(tmp_path: Path) -> None:
    config = {
        "p": {"type": "pickle.PickleDataset", "filepath": "p.pkl", "backend": "nope_x"}
    }
    catalog = DataCatalog.from_config(config, project_path=tmp_path)
    with pytest.raises(
        DatasetConfigError,
        match=r"'p' cannot be created as pickle.PickleDataset: backend 'nope_x'",
    ):
        catalog.load("p")


def test_foreign_constructor_failure_names_the_entry(tmp_path: Path) -> None:
    class Picky(JSONDataset):
        def __init__(self, **_kwargs: Any) -> None:
            raise KeyError("needs more")

    catalog = DataCatalog.from_config({"p": {"type": Picky, "filepath": "p.json"}})
    with pytest.raises(DatasetConfigError, match=r"'p' cannot be created.*KeyError"):
        catalog["p"]


def test_user_type_requiring_version_gets_none_when_unversioned(tmp_path: Path) -> None:
    from keelrt import AbstractVersionedDataset

    class Mine(AbstractVersionedDataset):
        def __init__(self, filepath: str, version: Any) -> None:
            super().__init__(filepath, version)

        def load(self) -> Any:
            return self.version

        def save(self, data: Any) -> None:
            raise NotImplementedError

        def _describe(self) -> dict[str, Any]:
            return {}

    catalog = DataCatalog.from_config(
        {"m": {"type": Mine, "filepath": "m"}}, project_path=tmp_path
    )
    assert catalog.load("m") is None


def test_user_type_with_var_keywords_accepts_any_argument(tmp_path: Path) -> None:
    Recorder.created.clear()
    config = {"r": {"type": Recorder, "filepath": "r.json", "whatever": 1}}
    catalog = DataCatalog.from_config(config, project_path=tmp_path)
    with pytest.raises(DatasetConfigError, match="whatever"):
        catalog["r"]


def test_relative_project_path_is_made_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    catalog = DataCatalog.from_config({"c": _csv("c.csv")}, project_path=".")
    assert catalog.describe("c")["filepath"] == (tmp_path / "c.csv").as_posix()
