"""Errors raised by datasets: each keeps the file path it is about."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .._errors import DatasetError

__all__ = [
    "DatasetIOError",
    "DatasetTypeError",
    "MissingFileError",
    "VersionExistsError",
    "VersionNotFoundError",
]


def _plain(path: Path) -> str:
    return path.as_posix()


class DatasetIOError(DatasetError):
    """A dataset cannot read or write its file; the message names the path.

    Attributes:
        path: The file or folder the dataset was working on.
    """

    def __init__(self, template: str, path: Path) -> None:
        self.template = template
        self.path = path
        super().__init__(self.render(_plain))

    def render(self, show: Callable[[Path], str]) -> str:
        """Return the message with the path shown by ``show`` (e.g. relative)."""
        return self.template.format(path=show(self.path))


class MissingFileError(DatasetIOError):
    """The file a dataset should load does not exist."""


class VersionNotFoundError(DatasetIOError):
    """A versioned dataset has no saved version, or not the pinned one."""


class VersionExistsError(DatasetIOError):
    """A versioned dataset would overwrite a version that is already saved."""


class DatasetTypeError(DatasetError, TypeError):
    """A catalog ``type`` names no dataset class, or a class that is not a dataset.

    Attributes:
        type_name: The type as written in the catalog.
        dataset_name: The catalog entry, when known.
    """

    def __init__(
        self, message: str, *, type_name: str, dataset_name: str | None = None
    ) -> None:
        super().__init__(message)
        self.type_name = type_name
        self.dataset_name = dataset_name
