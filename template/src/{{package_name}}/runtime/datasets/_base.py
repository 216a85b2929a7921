"""The dataset base class that every built-in and user dataset extends."""

from __future__ import annotations

import abc
import logging
import pprint
from typing import Any
from typing import ClassVar

__all__ = ["AbstractDataset", "hide_credentials", "dataset_type_name"]

logger = logging.getLogger(__name__)

_CREDENTIALS_KEY = "credentials"


def hide_credentials(value: Any) -> Any:
    """Return ``value`` with every ``credentials`` key removed, at any depth."""
    if isinstance(value, dict):
        return {
            k: hide_credentials(v) for k, v in value.items() if k != _CREDENTIALS_KEY
        }
    return value


def dataset_type_name(cls: type) -> str:
    """Return the catalog ``type`` for a dataset class (``pandas.CSVDataset``)."""
    label = cls.__dict__.get("_TYPE_LABEL")  # not inherited by user subclasses
    if isinstance(label, str):
        return label
    return f"{cls.__module__}.{cls.__qualname__}"


class AbstractDataset(abc.ABC):
    """Base class for datasets: something the catalog can load from and save to.

    Subclass it and implement `load`, `save` and `_describe` (the arguments that
    identify the dataset, used by `describe` and `repr`); optionally `_exists`
    and `_release`. Kedro's older style, `_load` and `_save`, works too.

    Set the class attribute `_EPHEMERAL = True` for datasets that keep data only in
    memory, so runners do not treat them as persisted.

    Example:
        >>> class LinesDataset(AbstractDataset):
        ...     def __init__(self, filepath: str) -> None:
        ...         self._filepath = filepath
        ...     def load(self) -> list[str]:
        ...         with open(self._filepath) as f:
        ...             return f.read().splitlines()
        ...     def save(self, data: list[str]) -> None:
        ...         with open(self._filepath, "w") as f:
        ...             f.write("\\n".join(data))
        ...     def _describe(self) -> dict[str, Any]:
        ...         return {"filepath": self._filepath}
    """

    _EPHEMERAL: ClassVar[bool] = False

    def load(self) -> Any:
        """Load the data.

        Returns:
            The data.

        Raises:
            NotImplementedError: The subclass defines neither `load` nor `_load`.
        """
        loader = getattr(self, "_load", None)
        if loader is None:
            raise NotImplementedError(
                f"dataset class {type(self).__qualname__!r} does not implement "
                "load(). Define load(self) (or Kedro's older _load(self))."
            )
        return loader()

    def save(self, data: Any) -> None:
        """Save the data.

        Args:
            data: What to save.

        Raises:
            NotImplementedError: The subclass defines neither `save` nor `_save`.
        """
        saver = getattr(self, "_save", None)
        if saver is None:
            raise NotImplementedError(
                f"dataset class {type(self).__qualname__!r} does not implement "
                "save(). Define save(self, data) (or Kedro's older _save(self, data))."
            )
        saver(data)

    @abc.abstractmethod
    def _describe(self) -> dict[str, Any]:
        """Return the arguments that identify this dataset (no credentials)."""

    def exists(self) -> bool:
        """Return whether the dataset's data exists (False if it cannot tell)."""
        return bool(self._exists())

    def _exists(self) -> bool:
        logger.debug(
            "exists() not implemented for %s; assuming no data", type(self).__qualname__
        )
        return False

    def release(self) -> None:
        """Drop any data the dataset caches in memory."""
        self._release()

    def _release(self) -> None:
        return None

    def describe(self) -> dict[str, Any]:
        """Return the dataset's description, with credentials left out.

        Returns:
            A dict of the dataset's identifying arguments.
        """
        described = self._describe()
        if not isinstance(described, dict):
            return {}
        hidden: dict[str, Any] = hide_credentials(described)
        return hidden

    @property
    def is_ephemeral(self) -> bool:
        """Whether the data lives only in memory (lost when the process ends)."""
        return bool(self._EPHEMERAL)

    def __repr__(self) -> str:
        parts = [
            f"{key}={pprint.pformat(value, compact=True, depth=2, width=10_000)}"
            for key, value in self.describe().items()
            if value is not None
        ]
        return f"{dataset_type_name(type(self))}({', '.join(parts)})"
