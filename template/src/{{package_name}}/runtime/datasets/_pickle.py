"""Pickle files, with the standard library or another backend (joblib, dill...)."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from types import ModuleType
from typing import Any
from typing import ClassVar

from .._errors import DatasetError
from ._files import FileDataset
from ._version import Version

__all__ = ["PickleDataset"]


def _import_backend(backend: str) -> ModuleType:
    if not isinstance(backend, str) or not backend:
        raise DatasetError(
            f"backend {backend!r} is not valid: expected a module name such as "
            "'pickle', 'joblib', 'dill' or 'cloudpickle'. Fix the backend."
        )
    try:
        module = importlib.import_module(backend)
    except ImportError as exc:
        raise DatasetError(
            f"backend {backend!r} cannot be imported: {exc}. Install it or use "
            "backend 'pickle'."
        ) from exc
    if not (
        callable(getattr(module, "load", None))
        and callable(getattr(module, "dump", None))
    ):
        raise DatasetError(
            f"backend {backend!r} has no load() and dump() functions. Use a pickle "
            "compatible module such as 'pickle', 'joblib', 'dill' or 'cloudpickle'."
        )
    return module


class PickleDataset(FileDataset):
    """Any Python object in a pickle file.

    Args:
        filepath: Local path; a ``file://`` prefix is allowed.
        backend: Module with ``load(file, **load_args)`` and
            ``dump(data, file, **save_args)``: "pickle" (default), "joblib", "dill",
            "cloudpickle"...
        load_args: Options for the backend's ``load``.
        save_args: Options for the backend's ``dump``.
        version: Versions to load and save, or None when not versioned.
        credentials: Accepted for Kedro compatibility; local files need none.
        fs_args: ``open_args_load`` / ``open_args_save`` are passed to ``open()``.
        metadata: Free-form information for users and plugins; not used.

    Raises:
        DatasetError: The backend cannot be imported or is not pickle compatible.
    """

    _TYPE_LABEL: ClassVar[str] = "pickle.PickleDataset"

    def __init__(
        self,
        *,
        filepath: str | os.PathLike[str],
        backend: str = "pickle",
        load_args: dict[str, Any] | None = None,
        save_args: dict[str, Any] | None = None,
        version: Version | None = None,
        credentials: dict[str, Any] | None = None,
        fs_args: dict[str, Any] | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> None:
        self._backend_module = _import_backend(backend)
        self._backend = backend
        super().__init__(
            filepath=filepath,
            load_args=load_args,
            save_args=save_args,
            version=version,
            credentials=credentials,
            fs_args=fs_args,
            metadata=metadata,
        )

    def _read(self, path: Path) -> Any:
        with open(path, **{**self._open_args_load, "mode": "rb"}) as file:
            return self._backend_module.load(file, **self._load_args)

    def _write(self, path: Path, data: Any) -> None:
        with open(path, **{**self._open_args_save, "mode": "wb"}) as file:
            self._backend_module.dump(data, file, **self._save_args)

    def _describe(self) -> dict[str, Any]:
        return {**super()._describe(), "backend": self._backend}
