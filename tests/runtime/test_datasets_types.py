"""Dataset types: resolving catalog names and subclassing AbstractDataset."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from keelrt import AbstractDataset
from keelrt.datasets import CSVDataset
from keelrt.datasets import DatasetTypeError
from keelrt.datasets import MemoryDataset
from keelrt.datasets import PandasJSONDataset
from keelrt.datasets import resolve_dataset_type


@pytest.mark.parametrize(
    "type_name",
    [
        "pandas.CSVDataset",
        "kedro_datasets.pandas.CSVDataset",
        "kedro_datasets.pandas.csv_dataset.CSVDataset",
    ],
)
def test_csv_type_names_resolve_to_csv_dataset(type_name: str) -> None:
    assert resolve_dataset_type(type_name) is CSVDataset


@pytest.mark.parametrize(
    "type_name",
    [
        "MemoryDataset",
        "kedro.io.MemoryDataset",
        "kedro.io.memory_dataset.MemoryDataset",
    ],
)
def test_memory_type_names_resolve_to_memory_dataset(type_name: str) -> None:
    assert resolve_dataset_type(type_name) is MemoryDataset


def test_pandas_json_short_name_is_not_the_json_family() -> None:
    assert resolve_dataset_type("pandas.JSONDataset") is PandasJSONDataset


def test_misspelled_type_suggests_the_builtin_name() -> None:
    with pytest.raises(DatasetTypeError, match=r"did you mean 'pandas\.CSVDataset'"):
        resolve_dataset_type("pandas.CSVDataSet")


def test_unknown_type_names_the_entry_when_given() -> None:
    with pytest.raises(DatasetTypeError, match="dataset 'cars' has type 'CSV'") as info:
        resolve_dataset_type("CSV", dataset_name="cars")
    assert info.value.dataset_name == "cars"


def test_unbundled_family_type_is_unknown_without_importing_it() -> None:
    with pytest.raises(DatasetTypeError, match="not a known dataset type"):
        resolve_dataset_type("pandas.SQLTableDataset")


def test_dotted_path_resolves_a_user_class(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "userds.py").write_text(
        "from keelrt import AbstractDataset\n"
        "class Mine(AbstractDataset):\n"
        "    def load(self): return 1\n"
        "    def save(self, data): pass\n"
        "    def _describe(self): return {}\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert resolve_dataset_type("userds.Mine").__name__ == "Mine"
    sys.modules.pop("userds", None)


def test_dotted_path_to_non_dataset_class_is_refused() -> None:
    with pytest.raises(DatasetTypeError, match="not a dataset class"):
        resolve_dataset_type("collections.OrderedDict")


def test_dotted_path_to_missing_module_says_it_cannot_be_imported() -> None:
    with pytest.raises(DatasetTypeError, match="cannot be imported"):
        resolve_dataset_type("no_such_package.Thing")


def test_dotted_path_to_missing_class_suggests_close_names() -> None:
    with pytest.raises(DatasetTypeError, match="did you mean 'OrderedDict'"):
        resolve_dataset_type("collections.OrderdDict")


def test_class_objects_are_accepted_as_types() -> None:
    assert resolve_dataset_type(CSVDataset) is CSVDataset


def test_non_string_type_is_refused() -> None:
    with pytest.raises(DatasetTypeError, match="expected a string"):
        resolve_dataset_type(3)  # type: ignore[arg-type]


class OldStyle(AbstractDataset):
    """Kedro's older style: _load and _save."""

    def __init__(self) -> None:
        self.saved: Any = None

    def _load(self) -> str:
        return "loaded"

    def _save(self, data: Any) -> None:
        self.saved = data

    def _describe(self) -> dict[str, Any]:
        return {"style": "old"}


def test_old_style_load_is_called_by_load() -> None:
    assert OldStyle().load() == "loaded"


def test_old_style_save_is_called_by_save() -> None:
    dataset = OldStyle()
    dataset.save(3)
    assert dataset.saved == 3


class DescribeOnly(AbstractDataset):
    def _describe(self) -> dict[str, Any]:
        return {}


def test_dataset_without_load_says_what_to_implement() -> None:
    with pytest.raises(NotImplementedError, match=r"Define load\(self\)"):
        DescribeOnly().load()


def test_dataset_without_save_says_what_to_implement() -> None:
    with pytest.raises(NotImplementedError, match=r"Define save\(self, data\)"):
        DescribeOnly().save(1)


def test_default_exists_is_false() -> None:
    assert not DescribeOnly().exists()


def test_user_dataset_repr_uses_module_path_and_describe() -> None:
    assert repr(OldStyle()).endswith("OldStyle(style='old')")


def test_describe_drops_credentials_a_user_dataset_reports() -> None:
    class Leaky(DescribeOnly):
        def _describe(self) -> dict[str, Any]:
            return {"url": "db", "credentials": {"password": "pw"}}

    assert Leaky().describe() == {"url": "db"}


def test_user_datasets_are_persistent_by_default() -> None:
    assert not OldStyle().is_ephemeral
