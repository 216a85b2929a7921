"""pandas datasets round-trip DataFrames through CSV, Parquet, Excel and JSON."""

from __future__ import annotations

from pathlib import Path

import pytest
from keelrt import DatasetError
from keelrt.datasets import CSVDataset
from keelrt.datasets import ExcelDataset
from keelrt.datasets import PandasJSONDataset
from keelrt.datasets import ParquetDataset

pd = pytest.importorskip("pandas")


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame({"company": ["a", "b"], "rating": [1.5, 2.0]})


def test_csv_round_trip_keeps_the_frame(tmp_path: Path, frame: pd.DataFrame) -> None:
    dataset = CSVDataset(filepath=str(tmp_path / "c.csv"))
    dataset.save(frame)
    pd.testing.assert_frame_equal(dataset.load(), frame)


def test_csv_saves_without_index_by_default(
    tmp_path: Path, frame: pd.DataFrame
) -> None:
    CSVDataset(filepath=str(tmp_path / "c.csv")).save(frame)
    assert (tmp_path / "c.csv").read_text().splitlines()[0] == "company,rating"


def test_csv_passes_load_args_to_read_csv(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text("a;b\n1;2\n")
    loaded = CSVDataset(filepath=str(tmp_path / "c.csv"), load_args={"sep": ";"}).load()
    assert list(loaded.columns) == ["a", "b"]


def test_parquet_round_trip_keeps_the_frame(
    tmp_path: Path, frame: pd.DataFrame
) -> None:
    pytest.importorskip("pyarrow")
    dataset = ParquetDataset(filepath=str(tmp_path / "c.parquet"))
    dataset.save(frame)
    pd.testing.assert_frame_equal(dataset.load(), frame)


def test_parquet_refuses_partition_cols(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="partition_cols"):
        ParquetDataset(
            filepath=str(tmp_path / "c.parquet"),
            save_args={"partition_cols": ["company"]},
        )


def test_excel_round_trip_keeps_the_frame(tmp_path: Path, frame: pd.DataFrame) -> None:
    pytest.importorskip("openpyxl")
    dataset = ExcelDataset(filepath=str(tmp_path / "c.xlsx"))
    dataset.save(frame)
    pd.testing.assert_frame_equal(dataset.load(), frame)


def test_excel_saves_a_dict_as_one_sheet_per_key(
    tmp_path: Path, frame: pd.DataFrame
) -> None:
    pytest.importorskip("openpyxl")
    path = str(tmp_path / "c.xlsx")
    ExcelDataset(filepath=path).save({"first": frame, "second": frame.head(1)})
    sheets = ExcelDataset(filepath=path, load_args={"sheet_name": None}).load()
    assert {name: len(df) for name, df in sheets.items()} == {"first": 2, "second": 1}


def test_pandas_json_round_trip_keeps_the_frame(
    tmp_path: Path, frame: pd.DataFrame
) -> None:
    dataset = PandasJSONDataset(filepath=str(tmp_path / "c.json"))
    dataset.save(frame)
    pd.testing.assert_frame_equal(dataset.load(), frame)


def test_pandas_dataset_repr_uses_catalog_type_name(tmp_path: Path) -> None:
    dataset = CSVDataset(filepath=str(tmp_path / "c.csv"))
    assert repr(dataset).startswith("pandas.CSVDataset(filepath=")
