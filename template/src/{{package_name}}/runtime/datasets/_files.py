"""Shared code of the built-in file datasets: local paths, arguments, atomic saves."""

from __future__ import annotations

import copy
import logging
import os
import re
from pathlib import Path
from typing import Any
from typing import ClassVar

from .._errors import DatasetError
from ._atomic import atomic_write
from ._version import AbstractVersionedDataset
from ._version import Version

__all__ = ["FileDataset", "has_remote_protocol", "local_path"]

logger = logging.getLogger(__name__)

_PROTOCOL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_OPEN_ARGS = frozenset({"open_args_load", "open_args_save"})


def has_remote_protocol(filepath: str | os.PathLike[str]) -> bool:
    """Return whether ``filepath`` names a protocol other than ``file://``."""
    match = _PROTOCOL.match(os.fspath(filepath))
    return match is not None and match.group(1).lower() != "file"


def local_path(filepath: str | os.PathLike[str]) -> Path:
    """Return ``filepath`` as a local `Path`, stripping a ``file://`` prefix.

    Raises:
        DatasetError: The path uses another protocol (``s3://``, ``https://``...).
    """
    text = os.fspath(filepath)
    match = _PROTOCOL.match(text)
    if match is None:
        return Path(text)
    if match.group(1).lower() != "file":
        raise DatasetError(
            f"filepath {text!r} uses protocol {match.group(1)!r}, but the bundled "
            "datasets support only local paths. Use a local path (a 'file://' "
            "prefix is fine) or write a dataset class for remote storage."
        )
    return Path(text[match.end() :])


def _merged(defaults: dict[str, Any], given: dict[str, Any] | None) -> dict[str, Any]:
    merged = copy.deepcopy(defaults)
    if given:
        merged.update(copy.deepcopy(given))
    return merged


class FileDataset(AbstractVersionedDataset):
    """Base of the built-in datasets that keep data in one local file.

    Subclasses set `DEFAULT_LOAD_ARGS` / `DEFAULT_SAVE_ARGS` and implement
    `_read(path)` and `_write(path, data)`; this class picks the path (versioned or
    not), checks the file exists before reading and makes every save atomic.

    Args:
        filepath: Local path; a ``file://`` prefix is allowed.
        load_args: Options for the reading library, merged over the defaults.
        save_args: Options for the writing library, merged over the defaults.
        version: Versions to load and save, or None when not versioned.
        credentials: Accepted for Kedro compatibility; local files need none.
        fs_args: ``open_args_load`` / ``open_args_save`` are passed to ``open()``;
            other (fsspec) keys are ignored for local files.
        metadata: Free-form information for users and plugins; not used.
    """

    DEFAULT_LOAD_ARGS: ClassVar[dict[str, Any]] = {}
    DEFAULT_SAVE_ARGS: ClassVar[dict[str, Any]] = {}

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
        super().__init__(local_path(filepath), version)
        self._credentials = credentials  # never described, never logged
        fs_args = dict(fs_args or {})
        ignored = sorted(set(fs_args) - _OPEN_ARGS)
        if ignored:
            logger.debug("fs_args %s ignored for local file %s", ignored, filepath)
        self._open_args_load: dict[str, Any] = dict(fs_args.get("open_args_load") or {})
        self._open_args_save: dict[str, Any] = dict(fs_args.get("open_args_save") or {})
        self._load_args = _merged(self.DEFAULT_LOAD_ARGS, load_args)
        self._save_args = _merged(self.DEFAULT_SAVE_ARGS, save_args)
        self.metadata = metadata

    def _read(self, path: Path) -> Any:
        raise NotImplementedError

    def _write(self, path: Path, data: Any) -> None:
        raise NotImplementedError

    def load(self) -> Any:
        """Read the file (the newest version, or the pinned one, if versioned).

        Returns:
            The data.

        Raises:
            MissingFileError: The file does not exist.
            VersionNotFoundError: The dataset is versioned and has no such version.
        """
        return self._read(self._require_file(self._get_load_path()))

    def save(self, data: Any) -> None:
        """Write the file atomically (a new version folder, if versioned).

        Args:
            data: What to save.

        Raises:
            VersionExistsError: The save version exists already.
        """
        path = self._get_save_path()
        with atomic_write(path, overwrite=not self._version) as tmp:
            self._write(tmp, data)
        self._after_save()

    def _describe(self) -> dict[str, Any]:
        described: dict[str, Any] = {
            "filepath": self._filepath.as_posix(),
            "protocol": "file",
        }
        if self._load_args:
            described["load_args"] = self._load_args
        if self._save_args:
            described["save_args"] = self._save_args
        described.update(self._describe_version())
        return described
