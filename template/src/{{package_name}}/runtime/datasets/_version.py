"""Versioned datasets in Kedro's layout: ``<filepath>/<version>/<basename>``."""

from __future__ import annotations

import copy
import logging
import os
import re
from collections.abc import Callable
from datetime import datetime
from datetime import timezone
from pathlib import Path
from typing import Any
from typing import NamedTuple

from .._suggest import quote_list
from ._base import AbstractDataset
from ._errors import DatasetIOError
from ._errors import MissingFileError
from ._errors import VersionExistsError
from ._errors import VersionNotFoundError

__all__ = ["AbstractVersionedDataset", "Version", "generate_timestamp"]

logger = logging.getLogger(__name__)

VERSION_FORMAT = "%Y-%m-%dT%H.%M.%S.%fZ"
_VERSION_SHAPE = "YYYY-MM-DDThh.mm.ss.sssZ"
_BAD_VERSION_CHARS = re.compile(r"[/\\]|^\.{1,2}$")


def generate_timestamp() -> str:
    """Return the current UTC time as a version string, ``YYYY-MM-DDThh.mm.ss.sssZ``.

    Returns:
        The version; later versions sort after earlier ones.
    """
    stamp = datetime.now(tz=timezone.utc).strftime(VERSION_FORMAT)
    return stamp[:-4] + stamp[-1:]  # keep milliseconds, drop microseconds


class Version(NamedTuple):
    """Versions to load and save; ``None`` means newest (load) or generated (save)."""

    load: str | None
    save: str | None


def _check_version_string(version: str, path: Path) -> None:
    if (
        not isinstance(version, str)
        or not version
        or _BAD_VERSION_CHARS.search(version)
    ):
        raise VersionNotFoundError(
            f"version {version!r} of {{path}} is not a valid version name: expected "
            f"a folder name like {_VERSION_SHAPE}. Use a name from the folder's "
            "listing.",
            path,
        )


class AbstractVersionedDataset(AbstractDataset):
    """Base class for file datasets that can keep every saved version.

    With a `Version`, data is saved to `<filepath>/<save version>/<file name>` and
    loaded from the newest such folder unless a load version is pinned. A version is
    never overwritten. Without a version the dataset reads and writes `filepath`.

    Args:
        filepath: The dataset's file (when versioned, the folder of versions).
        version: The versions to use, or None for an unversioned dataset.
        exists_function: Accepted for Kedro compatibility; local files are used.
        glob_function: Accepted for Kedro compatibility; local files are used.
    """

    def __init__(
        self,
        filepath: str | os.PathLike[str],
        version: Version | None,
        exists_function: Callable[[str], bool] | None = None,
        glob_function: Callable[[str], list[str]] | None = None,
    ) -> None:
        del exists_function, glob_function  # fsspec hooks; only local files here
        self._filepath = Path(filepath)
        self._version = version
        self._generated_save: str | None = None

    @property
    def filepath(self) -> Path:
        """The dataset's path as configured (the versions folder when versioned)."""
        return self._filepath

    @property
    def version(self) -> Version | None:
        """The dataset's versions, or None when it is not versioned."""
        return self._version

    def with_version(self, version: Version | None) -> AbstractVersionedDataset:
        """Return a copy of this dataset that uses ``version``."""
        clone = copy.copy(self)
        clone._version = version  # noqa: SLF001 - a copy of this very object
        return clone

    def _get_versioned_path(self, version: str) -> Path:
        return self._filepath / version / self._filepath.name

    def available_versions(self) -> list[str]:
        """Return the saved versions, newest first."""
        folder = self._filepath
        if not folder.is_dir():
            return []
        name = folder.name
        found = [
            entry.name
            for entry in os.scandir(folder)
            if entry.is_dir() and os.path.isfile(os.path.join(entry.path, name))
        ]
        return sorted(found, reverse=True)

    def resolve_load_version(self) -> str | None:
        """Return the version to load: the pinned one, else the newest saved one.

        Raises:
            VersionNotFoundError: No version is saved yet.
        """
        if not self._version:
            return None
        if self._version.load:
            return self._version.load
        versions = self.available_versions()
        if not versions:
            if self._filepath.is_file():
                raise VersionNotFoundError(
                    "{path} is a plain file, but the dataset is versioned, so it "
                    f"looks for {{path}}/{_VERSION_SHAPE}/{self._filepath.name}. "
                    "Move the file into a version folder or remove 'versioned: true'.",
                    self._filepath,
                )
            raise VersionNotFoundError(
                "no versions of {path} exist yet "
                f"(looked for {{path}}/{_VERSION_SHAPE}/{self._filepath.name}). "
                "Run the pipeline that saves it first.",
                self._filepath,
            )
        return versions[0]

    def resolve_save_version(self) -> str | None:
        """Return the version to save: the given one, else one generated once."""
        if not self._version:
            return None
        if self._version.save:
            return self._version.save
        if self._generated_save is None:
            self._generated_save = generate_timestamp()
        return self._generated_save

    def _get_load_path(self) -> Path:
        version = self.resolve_load_version()
        if version is None:
            return self._filepath
        _check_version_string(version, self._filepath)
        path = self._get_versioned_path(version)
        if not path.is_file() and self._version and self._version.load:
            known = self.available_versions()
            listing = f" Saved versions: {quote_list(known)}." if known else ""
            raise VersionNotFoundError(
                f"version {version!r} of {{path}} does not exist.{listing} "
                "Pin an existing version or drop the pin to load the newest.",
                self._filepath,
            )
        return path

    def _get_save_path(self) -> Path:
        version = self.resolve_save_version()
        if version is None:
            return self._filepath
        _check_version_string(version, self._filepath)
        if self._filepath.is_file():
            raise DatasetIOError(
                "{path} is a plain file, but the dataset is versioned and saves to "
                f"{{path}}/{_VERSION_SHAPE}/{self._filepath.name}. Move or remove the "
                "file, or remove 'versioned: true'.",
                self._filepath,
            )
        path = self._get_versioned_path(version)
        if path.exists():
            raise VersionExistsError(
                f"version {version!r} of {{path}} is already saved and versions are "
                "never overwritten. Save under a new version (a new run gets one).",
                self._filepath,
            )
        return path

    def _after_save(self) -> None:
        """Warn when a pinned load version will not see what was just saved."""
        if not self._version or not self._version.load:
            return
        saved = self.resolve_save_version()
        if saved != self._version.load:
            logger.warning(
                "Saved version %r of %s, but loads stay pinned to version %r",
                saved,
                self._filepath,
                self._version.load,
            )

    def _require_file(self, path: Path) -> Path:
        """Return ``path`` if it is a file, else raise `MissingFileError`."""
        if path.is_dir():
            raise MissingFileError(
                "{path} is a folder, not a file. Point the catalog's filepath at a "
                "file (or set 'versioned: true' if it holds versions).",
                path,
            )
        if not path.is_file():
            raise MissingFileError(
                "file {path} does not exist. Check the filepath in the catalog or "
                "create the file.",
                path,
            )
        return path

    def _exists(self) -> bool:
        try:
            return self._get_load_path().is_file()
        except VersionNotFoundError:
            return False

    def _describe_version(self) -> dict[str, Any]:
        return {"version": self._version} if self._version else {}
