"""Text files read and written as one string."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from typing import ClassVar

from ._files import FileDataset
from ._version import Version

__all__ = ["TextDataset"]


class TextDataset(FileDataset):
    """A text file as one string (UTF-8 unless ``fs_args`` sets an encoding).

    Args:
        filepath: Local path; a ``file://`` prefix is allowed.
        version: Versions to load and save, or None when not versioned.
        credentials: Accepted for Kedro compatibility; local files need none.
        fs_args: ``open_args_load`` / ``open_args_save`` are passed to ``open()``.
        metadata: Free-form information for users and plugins; not used.
    """

    _TYPE_LABEL: ClassVar[str] = "text.TextDataset"

    def __init__(
        self,
        *,
        filepath: str | os.PathLike[str],
        version: Version | None = None,
        credentials: dict[str, Any] | None = None,
        fs_args: dict[str, Any] | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(
            filepath=filepath,
            version=version,
            credentials=credentials,
            fs_args=fs_args,
            metadata=metadata,
        )

    def _read(self, path: Path) -> str:
        options = {"encoding": "utf-8", **self._open_args_load, "mode": "r"}
        with open(path, **options) as file:
            text: str = file.read()
            return text

    def _write(self, path: Path, data: str) -> None:
        options = {"encoding": "utf-8", **self._open_args_save, "mode": "w"}
        with open(path, **options) as file:
            file.write(data)
