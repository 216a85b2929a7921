"""Catalog errors: each keeps the name of the dataset (or entry) it is about."""

from __future__ import annotations

from pathlib import Path

from .._errors import CatalogError
from .._errors import DatasetError
from .._errors import DatasetNotFoundError

__all__ = [
    "DatasetAlreadyExistsError",
    "DatasetConfigError",
    "DatasetLoadError",
    "DatasetSaveError",
    "UnknownDatasetError",
]


class DatasetConfigError(CatalogError, ValueError):
    """A catalog entry (or factory pattern) is malformed.

    Attributes:
        dataset_name: The entry's name as written in the catalog.
    """

    def __init__(self, message: str, *, dataset_name: str) -> None:
        super().__init__(message)
        self.dataset_name = dataset_name


class UnknownDatasetError(DatasetNotFoundError):
    """A name is not in the catalog and matches no factory pattern.

    Attributes:
        dataset_name: The name that was asked for.
    """

    def __init__(self, message: str, *, dataset_name: str) -> None:
        super().__init__(message)
        self.dataset_name = dataset_name


class DatasetAlreadyExistsError(CatalogError):
    """Datasets would replace ones already registered although ``replace`` is False.

    Attributes:
        dataset_names: The names already registered.
    """

    def __init__(self, message: str, *, dataset_names: list[str]) -> None:
        super().__init__(message)
        self.dataset_names = dataset_names


class _DatasetOperationError(DatasetError):
    def __init__(self, message: str, *, dataset_name: str, path: Path | None) -> None:
        super().__init__(message)
        self.dataset_name = dataset_name
        self.path = path


class DatasetLoadError(_DatasetOperationError):
    """Loading a dataset failed; the original error is the ``__cause__``.

    Attributes:
        dataset_name: The dataset's catalog name.
        path: The file involved, when there is one.
    """


class DatasetSaveError(_DatasetOperationError):
    """Saving a dataset failed; the original error is the ``__cause__``.

    Attributes:
        dataset_name: The dataset's catalog name.
        path: The file involved, when there is one.
    """
