"""Check one catalog entry cheaply and turn it into a recipe for its dataset.

Nothing here creates a dataset or imports a dataset library: `EntrySpec.build`
does that, on first use.
"""

from __future__ import annotations

import copy
import functools
import inspect
import os
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._errors import KeelError
from .._suggest import did_you_mean
from .._suggest import quote_list
from ..datasets import AbstractDataset
from ..datasets import Version
from ..datasets import dataset_type_name
from ..datasets import has_remote_protocol
from ..datasets import is_builtin_type
from ..datasets import local_path
from ..datasets import resolve_dataset_type
from ._errors import DatasetConfigError

__all__ = ["EntrySpec", "collect_secrets", "parse_entry", "redact"]

_RESERVED = frozenset({"type", "versioned"})
_MIN_SECRET = 4


@dataclass(frozen=True)
class _Signature:
    names: frozenset[str]
    required: frozenset[str]
    any_keyword: bool


@functools.lru_cache(maxsize=256)
def _signature(cls: type) -> _Signature:
    try:
        params = inspect.signature(cls).parameters.values()
    except (TypeError, ValueError):  # no introspectable signature: accept anything
        return _Signature(frozenset(), frozenset(), any_keyword=True)
    named = [p for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    return _Signature(
        names=frozenset(p.name for p in named),
        required=frozenset(p.name for p in named if p.default is p.empty),
        any_keyword=any(p.kind is p.VAR_KEYWORD for p in params),
    )


def collect_secrets(credentials: Any) -> frozenset[str]:
    """Return the string values inside ``credentials`` long enough to redact."""
    if isinstance(credentials, Mapping):
        found: set[str] = set()
        for value in credentials.values():
            found |= collect_secrets(value)
        return frozenset(found)
    if isinstance(credentials, (list, tuple)):
        return frozenset().union(*(collect_secrets(v) for v in credentials))
    if isinstance(credentials, str) and len(credentials) >= _MIN_SECRET:
        return frozenset({credentials})
    return frozenset()


def redact(value: Any, secrets: Iterable[str]) -> Any:
    """Return ``value`` with every secret string replaced by ``'***'``."""
    secrets = sorted(secrets, key=len, reverse=True)
    if not secrets:
        return value
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, "***")
        return value
    if isinstance(value, dict):
        return {k: redact(v, secrets) for k, v in value.items() if k != "credentials"}
    if isinstance(value, (list, tuple)):
        return type(value)(redact(v, secrets) for v in value)
    return value


@dataclass(frozen=True)
class EntrySpec:
    """A checked catalog entry: the dataset class and its constructor arguments.

    Attributes:
        name: The dataset name.
        dataset_type: The dataset class.
        arguments: Constructor arguments (credentials resolved, paths absolute).
        versioned: Whether ``versioned: true`` was set.
        secrets: Credential values to keep out of messages.
        pattern: The factory pattern the entry came from, if any.
    """

    name: str
    dataset_type: type[AbstractDataset]
    arguments: dict[str, Any]
    versioned: bool = False
    secrets: frozenset[str] = frozenset()
    pattern: str | None = None

    @property
    def label(self) -> str:
        """How messages refer to the entry."""
        if self.pattern is None:
            return f"dataset {self.name!r}"
        return f"dataset {self.name!r} (from pattern {self.pattern!r})"

    def build(
        self, load_version: str | None, save_version: str | None
    ) -> AbstractDataset:
        """Create the dataset.

        Raises:
            DatasetConfigError: The dataset class rejects the arguments.
        """
        kwargs = copy.deepcopy(self.arguments)
        signature = _signature(self.dataset_type)
        if self.versioned:
            kwargs["version"] = Version(load_version, save_version)
        elif "version" in signature.required:
            kwargs["version"] = None
        try:
            return self.dataset_type(**kwargs)
        except Exception as exc:  # any error of user code, reported with the entry
            problem = (
                str(exc)
                if isinstance(exc, KeelError)
                else (f"{type(exc).__name__}: {exc}")
            )
            raise DatasetConfigError(
                redact(
                    f"{self.label} cannot be created as "
                    f"{dataset_type_name(self.dataset_type)}: {problem.rstrip('.')}. "
                    "Check the entry's arguments in the catalog.",
                    self.secrets,
                ),
                dataset_name=self.name,
            ) from exc


def _fail(label: str, name: str, problem: str) -> DatasetConfigError:
    return DatasetConfigError(f"{label} {problem}", dataset_name=name)


def check_arguments(
    label: str, name: str, cls: type, arguments: Mapping[str, Any], *, partial: bool
) -> None:
    signature = _signature(cls)
    if not signature.any_keyword:
        for key in arguments:
            if key not in signature.names and not (partial and "{" in key):
                choices = sorted(signature.names - {"version"})
                raise _fail(
                    label,
                    name,
                    f"has argument {key!r}, which {dataset_type_name(cls)} does not "
                    f"take{did_you_mean(key, choices)}. Its arguments are "
                    f"{quote_list(choices, limit=10)}.",
                )
    missing = signature.required - set(arguments) - {"version"}
    if missing:
        raise _fail(
            label,
            name,
            f"is missing argument {quote_list(missing)}, required by "
            f"{dataset_type_name(cls)}. Add it to the catalog entry.",
        )


def _mentions_credentials(value: Any) -> bool:
    if isinstance(value, dict):
        return "credentials" in value or any(
            _mentions_credentials(v) for v in value.values() if isinstance(v, dict)
        )
    return False


def _lookup_credentials(
    label: str, name: str, cred: Any, credentials: Mapping[str, Any]
) -> Any:
    if isinstance(cred, str):
        if cred not in credentials:
            raise _fail(
                label,
                name,
                f"uses credentials {cred!r}, which are not defined"
                f"{did_you_mean(cred, credentials)}. Add them to "
                "conf/local/credentials.yml or fix the name.",
            )
        return credentials[cred]
    if cred is not None and not isinstance(cred, Mapping):
        raise _fail(
            label,
            name,
            "has 'credentials' that are neither a name nor a mapping: expected the "
            f"name of an entry in credentials.yml, got {type(cred).__name__}. Write "
            "the credentials' name.",
        )
    return cred


def _resolve_credentials(
    label: str, name: str, value: dict[str, Any], credentials: Mapping[str, Any]
) -> tuple[dict[str, Any], frozenset[str]]:
    """Replace every ``credentials: <name>`` (at any depth) by the credentials."""
    if not _mentions_credentials(value):  # the common case: nothing to copy
        return value, frozenset()
    resolved: dict[str, Any] = {}
    secrets: frozenset[str] = frozenset()
    for key, item in value.items():
        if key == "credentials":
            resolved[key] = _lookup_credentials(label, name, item, credentials)
            secrets |= collect_secrets(resolved[key])
        elif isinstance(item, dict):
            resolved[key], found = _resolve_credentials(label, name, item, credentials)
            secrets |= found
        else:
            resolved[key] = item
    return resolved, secrets


def _resolve_filepath(
    label: str, name: str, cls: type, arguments: dict[str, Any], project_path: Path
) -> None:
    raw = arguments.get("filepath")
    if not isinstance(raw, (str, os.PathLike)):
        return
    if has_remote_protocol(raw):
        if is_builtin_type(cls):
            raise _fail(
                label,
                name,
                f"has filepath {os.fspath(raw)!r}, but the bundled datasets support "
                "only local paths. Use a local path (a 'file://' prefix is fine) or a "
                "dataset class of your own for remote storage.",
            )
        return
    text = os.fspath(raw)
    if text.startswith(("file://", "FILE://")):
        text = str(local_path(text))
    # os.path instead of pathlib: this runs for every entry of a large catalog
    arguments["filepath"] = os.path.join(project_path, text)


def check_mapping(label: str, name: str, config: Any) -> Mapping[str, Any]:
    """Return ``config`` if it is a mapping with a ``type``, else raise."""
    if not isinstance(config, (dict, Mapping)):
        raise _fail(
            label,
            name,
            f"is not a mapping: expected keys such as 'type' and 'filepath', got "
            f"{type(config).__name__}. Fix the entry's indentation, or start its name "
            "with '_' if it only holds YAML anchors.",
        )
    if "type" not in config:
        raise _fail(
            label,
            name,
            f"has no 'type'{did_you_mean('type', [str(k) for k in config])}. Add a "
            "type such as 'pandas.CSVDataset'.",
        )
    return config


def resolve_type(label: str, name: str, type_name: Any) -> type[AbstractDataset]:
    """Return the entry's dataset class, naming the entry in errors."""
    try:
        return resolve_dataset_type(type_name, dataset_name=name)
    except KeelError as exc:
        rest = str(exc).split(", which ", 1)[-1]
        raise _fail(label, name, f"has type {type_name!r}, which {rest}") from exc


def check_versioned(
    label: str, name: str, cls: type, config: Mapping[str, Any]
) -> bool:
    """Return the entry's ``versioned`` flag after checking it can apply."""
    versioned = config.get("versioned", False)
    if not isinstance(versioned, bool):
        raise _fail(
            label,
            name,
            f"has 'versioned: {versioned!r}': expected true or false. Fix the value.",
        )
    if "version" in config:
        raise _fail(
            label,
            name,
            "has a 'version' key, which is reserved. Use 'versioned: true' and pin a "
            "version with load_versions (--load-versions) instead.",
        )
    signature = _signature(cls)
    if versioned and "version" not in signature.names and not signature.any_keyword:
        raise _fail(
            label,
            name,
            f"sets 'versioned: true', but {dataset_type_name(cls)} does not support "
            "versioning. Remove 'versioned' or use a versioned dataset type.",
        )
    return versioned


def parse_entry(
    name: str,
    config: Any,
    credentials: Mapping[str, Any],
    project_path: Path,
    *,
    pattern: str | None = None,
    secrets: frozenset[str] = frozenset(),
) -> EntrySpec:
    """Check one entry and return its recipe.

    Raises:
        DatasetConfigError: The entry is malformed; the message names it.
    """
    label = (
        f"dataset {name!r}"
        if pattern is None
        else (f"dataset {name!r} (from pattern {pattern!r})")
    )
    config = check_mapping(label, name, config)
    cls = resolve_type(label, name, config["type"])
    versioned = check_versioned(label, name, cls, config)
    arguments = {k: v for k, v in config.items() if k not in _RESERVED}
    arguments, found = _resolve_credentials(label, name, arguments, credentials)
    check_arguments(label, name, cls, arguments, partial=False)
    _resolve_filepath(label, name, cls, arguments, project_path)
    return EntrySpec(name, cls, arguments, versioned, secrets | found, pattern)
