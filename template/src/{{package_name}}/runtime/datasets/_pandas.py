"""pandas datasets: CSV, Parquet, Excel and JSON files (pandas imported on use only)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any
from typing import ClassVar

from .._errors import DatasetError
from ._files import FileDataset
from ._version import Version

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CSVDataset", "ExcelDataset", "JSONDataset", "ParquetDataset"]


def _pandas() -> Any:
    try:
        import pandas  # noqa: PLC0415 - pandas is optional and slow to import
    except ImportError as exc:
        raise DatasetError(
            "pandas is not installed, but a pandas dataset needs it. Install it "
            "with 'pip install pandas'."
        ) from exc
    return pandas


class CSVDataset(FileDataset):
    """A CSV file loaded into and saved from a pandas DataFrame.

    Args mirror kedro-datasets' ``pandas.CSVDataset``: ``load_args`` go to
    `pandas.read_csv`, ``save_args`` to `DataFrame.to_csv` (``index`` is False unless
    set). See `FileDataset` for the rest.

    Example:
        >>> CSVDataset(filepath="data/01_raw/companies.csv").load()  # doctest: +SKIP
    """

    _TYPE_LABEL: ClassVar[str] = "pandas.CSVDataset"
    DEFAULT_SAVE_ARGS: ClassVar[dict[str, Any]] = {"index": False}

    def _read(self, path: Path) -> pd.DataFrame:
        return _pandas().read_csv(path, **self._load_args)

    def _write(self, path: Path, data: pd.DataFrame) -> None:
        data.to_csv(path, **self._save_args)


class ParquetDataset(FileDataset):
    """A Parquet file loaded into and saved from a pandas DataFrame (needs pyarrow).

    ``load_args`` go to `pandas.read_parquet`, ``save_args`` to
    `DataFrame.to_parquet`. Partitioned (folder) output is not supported, since it
    cannot be replaced atomically.
    """

    _TYPE_LABEL: ClassVar[str] = "pandas.ParquetDataset"

    def __init__(
        self,
        *,
        filepath: str | os.PathLike[str],
        load_args: dict[str, Any] | None = None,
        save_args: dict[str, Any] | None = None,
        version: Version | None = None,
        credentials: dict[str, Any] | None = None,
        fs_args: dict[str, Any] | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> None:
        if save_args and "partition_cols" in save_args:
            raise DatasetError(
                "save_args 'partition_cols' is not supported by pandas.ParquetDataset: "
                "it writes one file. Remove 'partition_cols'."
            )
        super().__init__(
            filepath=filepath,
            load_args=load_args,
            save_args=save_args,
            version=version,
            credentials=credentials,
            fs_args=fs_args,
            metadata=metadata,
        )

    def _read(self, path: Path) -> pd.DataFrame:
        return _pandas().read_parquet(path, **self._load_args)

    def _write(self, path: Path, data: pd.DataFrame) -> None:
        data.to_parquet(path, **self._save_args)


class ExcelDataset(FileDataset):
    """An Excel workbook read and written with openpyxl.

    Saving a dict of DataFrames writes one sheet per key. ``load_args`` go to
    `pandas.read_excel` (``sheet_name=None`` loads every sheet as a dict);
    ``save_args`` go to `DataFrame.to_excel`, except ``writer``, whose options go to
    `pandas.ExcelWriter`.
    """

    _TYPE_LABEL: ClassVar[str] = "pandas.ExcelDataset"
    DEFAULT_LOAD_ARGS: ClassVar[dict[str, Any]] = {"engine": "openpyxl"}
    DEFAULT_SAVE_ARGS: ClassVar[dict[str, Any]] = {"index": False}

    def _read(self, path: Path) -> Any:
        return _pandas().read_excel(path, **self._load_args)

    def _write(self, path: Path, data: Any) -> None:
        pandas = _pandas()
        save_args = dict(self._save_args)
        writer_args = {"engine": "openpyxl", **(save_args.pop("writer", None) or {})}
        with pandas.ExcelWriter(path, **writer_args) as writer:
            if isinstance(data, dict):
                for sheet_name, frame in data.items():
                    frame.to_excel(writer, sheet_name=sheet_name, **save_args)
            else:
                data.to_excel(writer, **save_args)


class JSONDataset(FileDataset):
    """A JSON file loaded into and saved from a pandas DataFrame.

    ``load_args`` go to `pandas.read_json`, ``save_args`` to `DataFrame.to_json`.
    """

    _TYPE_LABEL: ClassVar[str] = "pandas.JSONDataset"

    def _read(self, path: Path) -> pd.DataFrame:
        return _pandas().read_json(path, **self._load_args)

    def _write(self, path: Path, data: pd.DataFrame) -> None:
        data.to_json(path, **self._save_args)
