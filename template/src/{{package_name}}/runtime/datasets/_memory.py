"""A dataset that keeps data in memory for the length of a run."""

from __future__ import annotations

import copy
from typing import Any
from typing import ClassVar
from typing import Final

from .._errors import DatasetError
from .._suggest import did_you_mean
from .._suggest import quote_list
from ._base import AbstractDataset

__all__ = ["MemoryDataset"]

COPY_MODES: Final = ("assign", "copy", "deepcopy")


class _Empty:
    def __repr__(self) -> str:
        return "<empty>"

    def __reduce__(self) -> str:
        return "_EMPTY"  # unpickle as the module's one instance (ParallelRunner)


_EMPTY: Final = _Empty()


def _check_copy_mode(copy_mode: str | None) -> None:
    if copy_mode is not None and copy_mode not in COPY_MODES:
        raise DatasetError(
            f"copy_mode {copy_mode!r} is not valid: expected one of "
            f"{quote_list(COPY_MODES)}{did_you_mean(str(copy_mode), COPY_MODES)}. "
            "Fix the MemoryDataset's copy_mode."
        )


def _copied(data: Any, copy_mode: str) -> Any:
    if copy_mode == "deepcopy":
        return copy.deepcopy(data)
    if copy_mode == "copy":
        method = getattr(data, "copy", None)
        return method() if callable(method) else copy.copy(data)
    return data


class MemoryDataset(AbstractDataset):
    """Keep data in memory; what nodes pass to each other within one run.

    Data is shared as is ("assign") unless you ask for "copy" (the object's own
    ``copy()``, e.g. a DataFrame's, else `copy.copy`) or "deepcopy". This class never
    imports pandas or numpy.

    Args:
        data: Initial data; leave out for an empty dataset.
        copy_mode: "assign" (default), "copy" or "deepcopy".
        metadata: Free-form information for users and plugins; not used.

    Raises:
        DatasetError: ``copy_mode`` is not one of the three modes.

    Example:
        >>> ds = MemoryDataset(data=[1, 2], copy_mode="copy")
        >>> ds.load()
        [1, 2]
    """

    _EPHEMERAL: ClassVar[bool] = True
    _TYPE_LABEL: ClassVar[str] = "MemoryDataset"

    def __init__(
        self,
        data: Any = _EMPTY,
        copy_mode: str | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> None:
        _check_copy_mode(copy_mode)
        self._copy_mode = copy_mode
        self._data: Any = _EMPTY
        self.metadata = metadata
        if data is not _EMPTY:
            self.save(data)

    @property
    def copy_mode(self) -> str:
        """The copy mode in use ("assign" unless another was asked for)."""
        return self._copy_mode or "assign"

    def load(self) -> Any:
        """Return the data (copied according to ``copy_mode``).

        Raises:
            DatasetError: Nothing has been saved yet.
        """
        if self._data is _EMPTY:
            raise DatasetError(
                "MemoryDataset has no data: nothing was saved to it yet. Run the "
                "node that produces it first."
            )
        return _copied(self._data, self.copy_mode)

    def save(self, data: Any) -> None:
        """Keep ``data`` (copied according to ``copy_mode``)."""
        self._data = _copied(data, self.copy_mode)

    def _exists(self) -> bool:
        return self._data is not _EMPTY

    def _release(self) -> None:
        self._data = _EMPTY

    def _describe(self) -> dict[str, Any]:
        data = self._data
        kind = "<empty>" if data is _EMPTY else f"<{type(data).__name__}>"
        described: dict[str, Any] = {"data": kind}
        if self._copy_mode:
            described["copy_mode"] = self._copy_mode
        return described
