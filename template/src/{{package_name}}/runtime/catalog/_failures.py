"""Turn any error a dataset raises into one that names the dataset and its file."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .._errors import KeelError
from ..datasets import AbstractDataset
from ..datasets import AbstractVersionedDataset
from ..datasets import DatasetIOError
from ..datasets import MissingFileError
from ._entries import redact
from ._errors import DatasetLoadError
from ._errors import DatasetSaveError

__all__ = ["file_of", "wrap_failure"]

_VERBS = {"load": "loaded", "save": "saved", "exists": "checked", "release": "released"}
_FIXES = {
    "load": "Check the file's contents and the entry's load_args.",
    "save": "Check the data and the entry's save_args.",
    "exists": "Check the dataset's exists() method.",
    "release": "Check the dataset's release() method.",
}


def file_of(dataset: AbstractDataset) -> Path | None:
    """Return the file a dataset reads and writes, if it says."""
    if isinstance(dataset, AbstractVersionedDataset):
        return dataset.filepath
    try:
        raw = dataset.describe().get("filepath")
    except Exception:  # a user's describe() failing must not hide the real error
        return None
    return Path(raw) if isinstance(raw, (str, os.PathLike)) else None


def wrap_failure(
    op: str,
    name: str,
    dataset: AbstractDataset,
    exc: Exception,
    *,
    show: Callable[[Path], str],
    secrets: frozenset[str],
) -> KeelError:
    """Return the error to raise (``from exc``) when ``op`` on dataset ``name`` failed.

    Args:
        op: "load", "save", "exists" or "release".
        name: The dataset's catalog name.
        dataset: The dataset object.
        exc: What it raised.
        show: How to print a path (relative to the project when possible).
        secrets: Credential values to blank out of the message.

    Returns:
        A `DatasetSaveError` for saves, else a `DatasetLoadError`.
    """
    verb = _VERBS[op]
    path = file_of(dataset)
    if isinstance(exc, DatasetIOError):
        path = exc.path
        message = f"dataset {name!r} cannot be {verb}: {exc.render(show)}"
    elif isinstance(exc, FileNotFoundError) and exc.filename and op == "load":
        path = Path(os.fsdecode(exc.filename))
        message = MissingFileError(
            f"dataset {name!r} cannot be loaded: file {{path}} does not exist. "
            "Check the filepath in the catalog or create the file.",
            path,
        ).render(show)
    elif isinstance(exc, KeelError):
        message = f"dataset {name!r} cannot be {verb}: {exc}"
    else:
        where = ""
        if path is not None:
            where = f" {'to' if op == 'save' else 'from'} {show(path)}"
        detail = str(exc).rstrip(". ") or "(no message)"
        message = (
            f"dataset {name!r} cannot be {verb}{where}: "
            f"{type(exc).__name__}: {detail}. {_FIXES[op]}"
        )
    kind = DatasetSaveError if op == "save" else DatasetLoadError
    return kind(redact(message, secrets), dataset_name=name, path=path)
