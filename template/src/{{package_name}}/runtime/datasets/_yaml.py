"""YAML files holding plain Python data."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from typing import ClassVar

from ._files import FileDataset
from ._version import Version

__all__ = ["YAMLDataset"]


class YAMLDataset(FileDataset):
    """Plain Python data in a YAML file (loaded safely: no arbitrary objects).

    Args:
        filepath: Local path; a ``file://`` prefix is allowed.
        save_args: Options for `yaml.dump`; ``default_flow_style`` is False unless set.
        version: Versions to load and save, or None when not versioned.
        credentials: Accepted for Kedro compatibility; local files need none.
        fs_args: ``open_args_load`` / ``open_args_save`` are passed to ``open()``.
        metadata: Free-form information for users and plugins; not used.
    """

    _TYPE_LABEL: ClassVar[str] = "yaml.YAMLDataset"
    DEFAULT_SAVE_ARGS: ClassVar[dict[str, Any]] = {"default_flow_style": False}

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
        import yaml  # noqa: PLC0415 - imported on use: keeps the catalog import cheap

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        with open(path, **options) as file:
            return yaml.load(file, Loader=loader)  # a safe loader (C if available)

    def _write(self, path: Path, data: Any) -> None:
        options = {"encoding": "utf-8", **self._open_args_save, "mode": "w"}
        import yaml  # noqa: PLC0415 - imported on use: keeps the catalog import cheap

        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        with open(path, **options) as file:
            yaml.dump(data, file, Dumper=dumper, **self._save_args)
