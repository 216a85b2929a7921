"""The data catalog: datasets by name, built lazily from ``catalog.yml``."""

from __future__ import annotations

__all__ = [
    "CatalogConfigResolver",
    "DataCatalog",
    "DatasetAlreadyExistsError",
    "DatasetConfigError",
    "DatasetLoadError",
    "DatasetSaveError",
    "UnknownDatasetError",
    "Version",
    "generate_timestamp",
]

from ..datasets import Version
from ..datasets import generate_timestamp
from ._catalog import DataCatalog
from ._errors import DatasetAlreadyExistsError
from ._errors import DatasetConfigError
from ._errors import DatasetLoadError
from ._errors import DatasetSaveError
from ._errors import UnknownDatasetError
from ._resolver import CatalogConfigResolver
