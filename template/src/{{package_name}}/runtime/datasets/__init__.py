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
    "dataset_type_name",
    "generate_timestamp",
    "has_remote_protocol",
    "is_builtin_type",
    "local_path",
    "resolve_dataset_type",
]

from ._atomic import atomic_write
from ._base import AbstractDataset
from ._base import dataset_type_name
from ._errors import DatasetIOError
from ._errors import DatasetTypeError
from ._errors import MissingFileError
from ._errors import VersionExistsError
from ._errors import VersionNotFoundError
from ._files import FileDataset
from ._files import has_remote_protocol
from ._files import local_path
from ._json import JSONDataset
from ._memory import MemoryDataset
from ._pandas import CSVDataset
from ._pandas import ExcelDataset
from ._pandas import JSONDataset as PandasJSONDataset
from ._pandas import ParquetDataset
from ._pickle import PickleDataset
from ._registry import BUILTIN_DATASETS
from ._registry import is_builtin_type
from ._registry import resolve_dataset_type
from ._text import TextDataset
from ._version import AbstractVersionedDataset
from ._version import Version
from ._version import generate_timestamp
from ._yaml import YAMLDataset
