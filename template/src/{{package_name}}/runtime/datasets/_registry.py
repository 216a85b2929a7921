"""Turn a catalog ``type`` (``pandas.CSVDataset``, ``pkg.MyDataset``) into a class."""

from __future__ import annotations

import functools
import importlib
from typing import Final

from .._suggest import did_you_mean
from .._suggest import quote_list
from ._base import AbstractDataset
from ._errors import DatasetTypeError
from ._json import JSONDataset
from ._memory import MemoryDataset
from ._pandas import CSVDataset
from ._pandas import ExcelDataset
from ._pandas import JSONDataset as PandasJSONDataset
from ._pandas import ParquetDataset
from ._pickle import PickleDataset
from ._text import TextDataset
from ._yaml import YAMLDataset

__all__ = ["BUILTIN_DATASETS", "is_builtin_type", "resolve_dataset_type"]

BUILTIN_DATASETS: Final[dict[str, type[AbstractDataset]]] = {
    "MemoryDataset": MemoryDataset,
    "pandas.CSVDataset": CSVDataset,
    "pandas.ExcelDataset": ExcelDataset,
    "pandas.JSONDataset": PandasJSONDataset,
    "pandas.ParquetDataset": ParquetDataset,
    "pickle.PickleDataset": PickleDataset,
    "json.JSONDataset": JSONDataset,
    "yaml.YAMLDataset": YAMLDataset,
    "text.TextDataset": TextDataset,
}
"""Built-in dataset types by the short name a catalog uses."""

_PORTING_PREFIXES: Final = ("kedro_datasets.", "kedro.io.")
_FAMILIES: Final = frozenset(
    name.split(".")[0] for name in BUILTIN_DATASETS if "." in name
)
_BUILTIN_CLASSES: Final = frozenset(BUILTIN_DATASETS.values())


def is_builtin_type(cls: type) -> bool:
    """Return whether ``cls`` is one of the bundled dataset classes."""
    return cls in _BUILTIN_CLASSES


def _subject(type_name: str, dataset_name: str | None) -> str:
    if dataset_name is None:
        return f"dataset type {type_name!r}"
    return f"dataset {dataset_name!r} has type {type_name!r}, which"


def _unknown(type_name: str, dataset_name: str | None, wanted: str) -> DatasetTypeError:
    return DatasetTypeError(
        f"{_subject(type_name, dataset_name)} is not a known dataset type"
        f"{did_you_mean(wanted, BUILTIN_DATASETS)}. Use a built-in type "
        f"({quote_list(BUILTIN_DATASETS, limit=9)}) or the dotted path of your own "
        "AbstractDataset subclass.",
        type_name=type_name,
        dataset_name=dataset_name,
    )


def _strip_porting_prefix(type_name: str) -> str:
    for prefix in _PORTING_PREFIXES:
        if type_name.startswith(prefix):
            short = type_name[len(prefix) :]
            # kedro_datasets.pandas.csv_dataset.CSVDataset -> pandas.CSVDataset
            parts = short.split(".")
            if len(parts) > 2 and parts[0] in _FAMILIES:
                return f"{parts[0]}.{parts[-1]}"
            if prefix == "kedro.io." and parts[-1] == "MemoryDataset":
                return "MemoryDataset"
            return short
    return type_name


def _import_class(type_name: str, dataset_name: str | None) -> type:
    module_name, _, class_name = type_name.rpartition(".")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise DatasetTypeError(
            f"{_subject(type_name, dataset_name)} cannot be imported: {exc}. Check "
            "the module path and that its package is installed.",
            type_name=type_name,
            dataset_name=dataset_name,
        ) from exc
    found = getattr(module, class_name, None)
    if found is None:
        names = [n for n in dir(module) if not n.startswith("_")]
        raise DatasetTypeError(
            f"{_subject(type_name, dataset_name)} names no class {class_name!r} in "
            f"module {module_name!r}{did_you_mean(class_name, names)}. Fix the class "
            "name.",
            type_name=type_name,
            dataset_name=dataset_name,
        )
    return found  # type: ignore[no-any-return]


def _check_is_dataset(found: object, type_name: str, dataset_name: str | None) -> None:
    if not (isinstance(found, type) and issubclass(found, AbstractDataset)):
        what = found.__qualname__ if isinstance(found, type) else type(found).__name__
        raise DatasetTypeError(
            f"{_subject(type_name, dataset_name)} is not a dataset class: expected an "
            f"AbstractDataset subclass, got {what!r}. Make the class extend the "
            "runtime's AbstractDataset.",
            type_name=type_name,
            dataset_name=dataset_name,
        )


@functools.lru_cache(maxsize=256)
def _resolve(type_name: str) -> type[AbstractDataset]:
    short = _strip_porting_prefix(type_name.strip())
    builtin = BUILTIN_DATASETS.get(short)
    if builtin is not None:
        return builtin
    first = short.split(".")[0]
    if (
        "." not in short
        or first in _FAMILIES
        or short.startswith(".")
        or short.endswith(".")
    ):
        # Never import pandas & co. to look for a class Keel does not bundle.
        raise _unknown(type_name, None, short)
    found = _import_class(short, None)
    _check_is_dataset(found, type_name, None)
    return found  # checked just above


def resolve_dataset_type(
    type_name: str | type, *, dataset_name: str | None = None
) -> type[AbstractDataset]:
    """Return the dataset class a catalog ``type`` names.

    Built-in short names (``pandas.CSVDataset``) come first; the prefixes
    ``kedro_datasets.`` and ``kedro.io.`` are dropped, so ported catalogs work;
    anything else is imported as ``package.module.Class``.

    Args:
        type_name: The ``type`` from the catalog, or a class.
        dataset_name: The catalog entry, named in error messages.

    Returns:
        The dataset class.

    Raises:
        DatasetTypeError: The type is unknown, cannot be imported or is not an
            `AbstractDataset` subclass.

    Example:
        >>> resolve_dataset_type("kedro_datasets.pandas.CSVDataset").__name__
        'CSVDataset'
    """
    if isinstance(type_name, type):
        _check_is_dataset(type_name, type_name.__qualname__, dataset_name)
        return type_name
    if not isinstance(type_name, str):
        raise DatasetTypeError(
            f"{_subject(repr(type_name), dataset_name)} is not valid: expected a "
            f"string, got {type(type_name).__name__}. Write the type as text.",
            type_name=repr(type_name),
            dataset_name=dataset_name,
        )
    try:
        return _resolve(type_name)
    except DatasetTypeError as exc:
        if dataset_name is None:
            raise
        # Re-render with the entry's name; the cached lookup is name-free.
        message = str(exc).replace(
            f"dataset type {type_name!r}",
            f"dataset {dataset_name!r} has type {type_name!r}, which",
            1,
        )
        raise DatasetTypeError(
            message, type_name=type_name, dataset_name=dataset_name
        ) from exc.__cause__
