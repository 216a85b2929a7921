"""The data catalog: one place to load and save every dataset of a project."""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterator
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._errors import CatalogError
from .._errors import KeelError
from .._suggest import did_you_mean
from .._suggest import quote_list
from ..datasets import AbstractDataset
from ..datasets import AbstractVersionedDataset
from ..datasets import MemoryDataset
from ..datasets import Version
from ..datasets import dataset_type_name
from ..datasets import generate_timestamp
from ._entries import redact
from ._errors import DatasetAlreadyExistsError
from ._errors import DatasetConfigError
from ._errors import DatasetSaveError
from ._errors import UnknownDatasetError
from ._failures import file_of
from ._failures import wrap_failure
from ._resolver import CatalogConfigResolver

__all__ = ["DataCatalog"]

logger = logging.getLogger(__name__)


def _check_datasets(datasets: Mapping[str, Any]) -> None:
    for name, dataset in datasets.items():
        if not isinstance(dataset, AbstractDataset):
            raise CatalogError(
                f"dataset {name!r} is not a dataset: expected an AbstractDataset, got "
                f"{type(dataset).__name__}. Use catalog[{name!r}] = data or "
                "add_feed_dict() to register plain data."
            )


class DataCatalog:
    """Load and save datasets by name, as Kedro's ``DataCatalog`` does.

    Build it from ``catalog.yml`` with `from_config`: entries are checked at once but
    each dataset object is created on first use. Versioned datasets all save under
    one version per catalog (`save_version`), so every output of a run shares it.

    Args:
        datasets: Dataset objects by name.
        load_versions: Versions to load, by dataset name (default: newest).
        save_version: The version every versioned dataset saves under (default:
            the time the catalog was created).
        config_resolver: Configuration entries and patterns (see `from_config`).

    Raises:
        CatalogError: A value in ``datasets`` is not a dataset, or a
            ``load_versions`` name is not in the catalog or not versioned.

    Example:
        >>> catalog = DataCatalog({"numbers": MemoryDataset([1, 2])})
        >>> catalog.load("numbers")
        [1, 2]
    """

    def __init__(
        self,
        datasets: Mapping[str, AbstractDataset] | None = None,
        *,
        load_versions: Mapping[str, str] | None = None,
        save_version: str | None = None,
        config_resolver: CatalogConfigResolver | None = None,
    ) -> None:
        datasets = dict(datasets or {})
        _check_datasets(datasets)
        self._resolver = config_resolver or CatalogConfigResolver()
        self._datasets: dict[str, AbstractDataset] = datasets
        self._secrets: dict[str, frozenset[str]] = {}
        self._load_versions = dict(load_versions or {})
        self._save_version = save_version or generate_timestamp()
        self._lock = threading.RLock()
        self._check_load_versions()

    @classmethod
    def from_config(
        cls,
        catalog: Mapping[str, Any] | None,
        credentials: Mapping[str, Any] | None = None,
        *,
        load_versions: Mapping[str, str] | None = None,
        save_version: str | None = None,
        project_path: str | os.PathLike[str] | None = None,
    ) -> DataCatalog:
        """Build a catalog from configuration (the content of ``catalog.yml``).

        Args:
            catalog: Entries by dataset name; each has a ``type`` and the dataset's
                arguments. Names with ``{placeholders}`` are factory patterns; names
                starting with ``_`` are ignored.
            credentials: Credentials by name, for ``credentials: <name>``.
            load_versions: Versions to load, by dataset name.
            save_version: The version to save under (default: generated now).
            project_path: Folder relative file paths start from (default: cwd).

        Returns:
            The catalog; no dataset object exists until first used.

        Raises:
            DatasetConfigError: An entry is malformed; the message names it.

        Example:
            >>> catalog = DataCatalog.from_config(
            ...     {"cars": {"type": "pandas.CSVDataset", "filepath": "data/cars.csv"}}
            ... )
            >>> "cars" in catalog
            True
        """
        resolver = CatalogConfigResolver(
            catalog, credentials, project_path=project_path
        )
        return cls(
            load_versions=load_versions,
            save_version=save_version,
            config_resolver=resolver,
        )

    def _check_load_versions(self) -> None:
        for name in sorted(self._load_versions):
            if name not in self:
                raise UnknownDatasetError(
                    f"dataset {name!r} has a load version but is not in the catalog"
                    f"{did_you_mean(name, self.keys())}. Fix the name in "
                    "load_versions.",
                    dataset_name=name,
                )
            spec = None if name in self._datasets else self._resolver.resolve(name)
            if spec is not None and spec.pattern is None and not spec.versioned:
                raise DatasetConfigError(
                    f"dataset {name!r} has a load version but is not versioned. Add "
                    "'versioned: true' to its entry or drop the load version.",
                    dataset_name=name,
                )

    @property
    def save_version(self) -> str:
        """The version every versioned dataset of this catalog saves under."""
        return self._save_version

    @property
    def load_versions(self) -> dict[str, str]:
        """Pinned load versions, by dataset name."""
        return dict(self._load_versions)

    @property
    def config_resolver(self) -> CatalogConfigResolver:
        """The checked configuration entries and factory patterns (as in Kedro)."""
        return self._resolver

    @property
    def patterns(self) -> list[str]:
        """Dataset factory patterns, in the order they are tried."""
        return self._resolver.patterns

    def _get(self, name: str) -> AbstractDataset:
        dataset = self._datasets.get(name)
        if dataset is not None:
            return dataset
        with self._lock:  # two threads asking at once still build one object
            dataset = self._datasets.get(name)
            if dataset is not None:
                return dataset
            spec = self._resolver.resolve(name)
            if spec is None:
                raise UnknownDatasetError(
                    f"dataset {name!r} is not in the catalog"
                    f"{did_you_mean(name, self.keys())}. Add it to the catalog "
                    "(conf/base/catalog.yml) or fix the name.",
                    dataset_name=name,
                )
            dataset = spec.build(self._load_versions.get(name), self._save_version)
            self._datasets[name] = dataset
            self._secrets[name] = spec.secrets
            return dataset

    def _show(self, path: Path) -> str:
        root = self._resolver.project_path
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()

    def _wrap(
        self, op: str, name: str, dataset: AbstractDataset, exc: Exception
    ) -> KeelError:
        secrets = self._secrets.get(name, frozenset())
        return wrap_failure(op, name, dataset, exc, show=self._show, secrets=secrets)

    def load(self, name: str, version: str | None = None) -> Any:
        """Load a dataset's data.

        Args:
            name: The dataset's name.
            version: A version to load instead of the configured one (versioned
                datasets only).

        Returns:
            The data.

        Raises:
            UnknownDatasetError: The name is not in the catalog.
            DatasetLoadError: Loading failed; names the dataset and the file.
        """
        dataset = self._get(name)
        if version is not None:
            if not isinstance(dataset, AbstractVersionedDataset) or not dataset.version:
                raise CatalogError(
                    f"dataset {name!r} is not versioned, so version {version!r} cannot "
                    "be loaded. Drop the version or add 'versioned: true' to the entry."
                )
            dataset = dataset.with_version(Version(version, None))
        logger.debug("Loading dataset %r", name)
        try:
            return dataset.load()
        except Exception as exc:
            raise self._wrap("load", name, dataset, exc) from exc

    def save(self, name: str, data: Any) -> None:
        """Save data to a dataset (atomically, for the built-in file datasets).

        Raises:
            UnknownDatasetError: The name is not in the catalog.
            DatasetSaveError: ``data`` is None, or saving failed.
        """
        dataset = self._get(name)
        if data is None:
            raise DatasetSaveError(
                f"dataset {name!r} cannot be saved: the data is None. Return a value "
                "from the node, or remove the output.",
                dataset_name=name,
                path=file_of(dataset),
            )
        logger.debug("Saving dataset %r", name)
        try:
            dataset.save(data)
        except Exception as exc:
            raise self._wrap("save", name, dataset, exc) from exc

    def exists(self, name: str) -> bool:
        """Return whether a dataset's data exists (False for unknown names)."""
        if name not in self:
            return False
        dataset = self._get(name)
        try:
            return dataset.exists()
        except Exception as exc:
            raise self._wrap("exists", name, dataset, exc) from exc

    def release(self, name: str) -> None:
        """Drop any data a dataset caches (a MemoryDataset forgets its data)."""
        dataset = self._get(name)
        try:
            dataset.release()
        except Exception as exc:
            raise self._wrap("release", name, dataset, exc) from exc

    def __getitem__(self, name: str) -> AbstractDataset:
        return self._get(name)

    def __setitem__(self, name: str, value: Any) -> None:
        dataset = (
            value if isinstance(value, AbstractDataset) else MemoryDataset(data=value)
        )
        with self._lock:
            if name in self._datasets:
                logger.debug("Replacing dataset %r", name)
            self._datasets[name] = dataset
            self._secrets.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._datasets or name in self._resolver

    def keys(self) -> list[str]:
        """Return the dataset names: configured entries, then datasets added since."""
        return list(dict.fromkeys([*self._resolver.names(), *self._datasets]))

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self.keys())

    def list(self, regex: str | None = None) -> list[str]:
        """Return dataset names, optionally only those ``re.search(regex)`` finds.

        Raises:
            CatalogError: ``regex`` is not a valid regular expression.
        """
        names = self.keys()
        if not regex:
            return names
        try:
            compiled = re.compile(regex)
        except re.error as exc:
            raise CatalogError(
                f"regex {regex!r} is not valid: {exc}. Fix the regular expression."
            ) from exc
        return [name for name in names if compiled.search(name)]

    def describe(self, name: str) -> dict[str, Any]:
        """Return a dataset's type and arguments, with credentials left out."""
        dataset = self._get(name)
        described = {"type": dataset_type_name(type(dataset)), **dataset.describe()}
        return redact(described, self._secrets.get(name, frozenset()))  # type: ignore[no-any-return]

    def is_persistent(self, name: str) -> bool:
        """Return whether a dataset keeps its data beyond the run (False if unknown)."""
        if name not in self:
            return False
        return not self._get(name).is_ephemeral

    def add_feed_dict(self, feed: Mapping[str, Any], replace: bool = True) -> None:
        """Add data (wrapped in MemoryDataset) or datasets by name, e.g. parameters.

        Raises:
            DatasetAlreadyExistsError: ``replace`` is False and a name is taken.
        """
        if not replace:
            taken = sorted(name for name in feed if name in self)
            if taken:
                raise DatasetAlreadyExistsError(
                    f"datasets {quote_list(taken)} are already in the catalog. Pass "
                    "replace=True to replace them.",
                    dataset_names=taken,
                )
        for name, value in feed.items():
            self[name] = value

    def __repr__(self) -> str:
        names = self.keys()
        shown = quote_list(names) if names else "none"
        patterns = quote_list(self.patterns) if self.patterns else "none"
        return f"DataCatalog(datasets: {shown}; patterns: {patterns})"

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        del state["_lock"]  # locks cannot be pickled (ParallelRunner)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.RLock()
