"""JSON files holding plain Python data (dicts, lists, numbers, strings)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from typing import ClassVar

from ._files import FileDataset
from ._version import Version

__all__ = ["JSONDataset"]


class JSONDataset(FileDataset):
    """Plain Python data in a JSON file (``json.JSONDataset`` in the catalog).

    Args:
        filepath: Local path; a ``file://`` prefix is allowed.
        save_args: Options for `json.dump`; ``indent`` is 2 unless set.
        version: Versions to load and save, or None when not versioned.
        credentials: Accepted for Kedro compatibility; local files need none.
        fs_args: ``open_args_load`` / ``open_args_save`` are passed to ``open()``.
        metadata: Free-form information for users and plugins; not used.
    """

    _TYPE_LABEL: ClassVar[str] = "json.JSONDataset"
    DEFAULT_SAVE_ARGS: ClassVar[dict[str, Any]] = {"indent": 2}

    def __init__(
        self,
        *,
        filepath: str | os.PathLike[str],
        save_args: dict[str, Any] | None = None,
        version: Version | None = None,
        credentials: dict[str, Any] | None = None,
        fs_args: dict[str, Any] | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(
            filepath=filepath,
            save_args=save_args,
            version=version,
            credentials=credentials,
            fs_args=fs_args,
            metadata=metadata,
        )

    def _read(self, path: Path) -> Any:
        options = {"encoding": "utf-8", **self._open_args_load, "mode": "r"}
        with open(path, **options) as file:
            return json.load(file)

    def _write(self, path: Path, data: Any) -> None:
        options = {"encoding": "utf-8", **self._open_args_save, "mode": "w"}
        with open(path, **options) as file:
            json.dump(data, file, **self._save_args)
