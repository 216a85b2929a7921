"""Datasets: what the catalog loads from and saves to.

Built-in types, by their catalog name: ``MemoryDataset``, ``pandas.CSVDataset``,
``pandas.ParquetDataset``, ``pandas.ExcelDataset``, ``pandas.JSONDataset``
(exported here as `PandasJSONDataset`), ``pickle.PickleDataset``,
``json.JSONDataset``, ``yaml.YAMLDataset`` and ``text.TextDataset``. Every file save
is atomic. Importing this package never imports pandas.
"""

from __future__ import annotations

__all__ = [
    "BUILTIN_DATASETS",
    "AbstractDataset",
    "AbstractVersionedDataset",
    "CSVDataset",
    "DatasetIOError",
    "DatasetTypeError",
    "ExcelDataset",
    "FileDataset",
    "JSONDataset",
    "MemoryDataset",
    "MissingFileError",
    "PandasJSONDataset",
    "ParquetDataset",
    "PickleDataset",
    "TextDataset",
    "Version",
    "VersionExistsError",
    "VersionNotFoundError",
    "YAMLDataset",
    "atomic_write",
    "generate_timestamp",
    "resolve_dataset_type",
]

from ._atomic import atomic_write
from ._base import AbstractDataset
from ._errors import DatasetIOError
from ._errors import DatasetTypeError
from ._errors import MissingFileError
from ._errors import VersionExistsError
from ._errors import VersionNotFoundError
from ._files import FileDataset
from ._json import JSONDataset
from ._memory import MemoryDataset
from ._pandas import CSVDataset
from ._pandas import ExcelDataset
from ._pandas import JSONDataset as PandasJSONDataset
from ._pandas import ParquetDataset
from ._pickle import PickleDataset
from ._registry import BUILTIN_DATASETS
from ._registry import resolve_dataset_type
from ._text import TextDataset
from ._version import AbstractVersionedDataset
from ._version import Version
from ._version import generate_timestamp
from ._yaml import YAMLDataset
