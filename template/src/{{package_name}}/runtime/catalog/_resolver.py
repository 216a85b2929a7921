"""Hold a catalog configuration: checked entries and ranked factory patterns."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._errors import CatalogError
from ._entries import EntrySpec
from ._entries import check_arguments
from ._entries import check_mapping
from ._entries import check_versioned
from ._entries import parse_entry
from ._entries import resolve_type
from ._errors import DatasetConfigError
from ._patterns import Pattern
from ._patterns import is_pattern
from ._patterns import rank_patterns

__all__ = ["CatalogConfigResolver"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class _PatternEntry:
    pattern: Pattern
    config: Mapping[str, Any]


def _check_pattern(text: str, config: Any) -> _PatternEntry:
    label = f"dataset pattern {text!r}"
    try:
        pattern = Pattern(text)
        config = check_mapping(label, text, config)
        pattern.check_config(dict(config))
    except DatasetConfigError:
        raise
    except CatalogError as exc:
        raise DatasetConfigError(str(exc), dataset_name=text) from exc
    type_name = config["type"]
    if not (isinstance(type_name, str) and "{" in type_name):
        cls = resolve_type(label, text, type_name)
        check_versioned(label, text, cls, config)
        arguments = {k: v for k, v in config.items() if k not in ("type", "versioned")}
        check_arguments(label, text, cls, arguments, partial=True)
    return _PatternEntry(pattern, config)


class CatalogConfigResolver:
    """Check a catalog configuration once and resolve names to dataset recipes.

    Entries are checked when the resolver is built (cheaply: no dataset is created
    and no dataset library imported); factory patterns are ranked as Kedro ranks
    them: more literal characters first, then more placeholders, then alphabetically.

    Args:
        config: The catalog configuration (``catalog.yml`` content). Keys starting
            with ``_`` are ignored (YAML anchors).
        credentials: Credentials by name, for entries' ``credentials: <name>``.
        project_path: Folder that relative ``filepath`` values are relative to
            (default: the current working directory).

    Raises:
        DatasetConfigError: An entry or pattern is malformed; the message names it.
        CatalogError: More than one catch-all pattern.
    """

    def __init__(
        self,
        config: Mapping[str, Any] | None = None,
        credentials: Mapping[str, Any] | None = None,
        *,
        project_path: str | os.PathLike[str] | None = None,
    ) -> None:
        root = Path(project_path).absolute() if project_path is not None else Path.cwd()
        credentials = credentials or {}
        entries: dict[str, EntrySpec] = {}
        patterns: list[_PatternEntry] = []
        for name, entry in (config or {}).items():
            if not isinstance(name, str):
                raise DatasetConfigError(
                    f"dataset name {name!r} is not text: expected a string, got "
                    f"{type(name).__name__}. Quote the name in the catalog.",
                    dataset_name=str(name),
                )
            if name.startswith("_"):
                continue
            if is_pattern(name):
                patterns.append(_check_pattern(name, entry))
            else:
                entries[name] = parse_entry(name, entry, credentials, root)
        ranked = rank_patterns(p.pattern for p in patterns)
        by_text = {p.pattern.text: p for p in patterns}
        self._project_path = root
        self._credentials = credentials
        self._entries = entries
        self._patterns = [by_text[p.text] for p in ranked]

    @property
    def project_path(self) -> Path:
        """The folder relative file paths are resolved against."""
        return self._project_path

    @property
    def patterns(self) -> list[str]:
        """Factory patterns in the order they are tried."""
        return [p.pattern.text for p in self._patterns]

    def names(self) -> list[str]:
        """Return the names of the explicit (non-pattern) entries, in config order."""
        return list(self._entries)

    def match_pattern(self, name: str) -> str | None:
        """Return the first pattern (in rank order) that matches ``name``, or None."""
        for entry in self._patterns:
            if entry.pattern.match(name) is not None:
                return entry.pattern.text
        return None

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        return name in self._entries or self.match_pattern(name) is not None

    def resolve(self, name: str) -> EntrySpec | None:
        """Return the recipe for ``name`` (explicit entry, else first matching pattern).

        Raises:
            DatasetConfigError: The pattern's filled-in configuration is invalid.
        """
        spec = self._entries.get(name)
        if spec is not None:
            return spec
        for entry in self._patterns:
            values = entry.pattern.match(name)
            if values is None:
                continue
            if entry.pattern.is_catch_all:
                logger.debug(
                    "Dataset %r comes from catch-all pattern %r",
                    name,
                    entry.pattern.text,
                )
            filled = entry.pattern.fill(dict(entry.config), values)
            return parse_entry(
                name,
                filled,
                self._credentials,
                self._project_path,
                pattern=entry.pattern.text,
            )
        return None
