"""Dataset factory patterns such as ``{name}_csv``: matching, ranking, filling in.

The matching rules are those of the ``parse`` library as Kedro uses it: a pattern
matches the whole name, each ``{placeholder}`` takes one or more characters (as few
as possible, left to right), a repeated placeholder must take the same text again,
and letters match regardless of case.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from typing import Any

from .._errors import CatalogError

__all__ = ["Pattern", "is_pattern", "rank_patterns"]

_PIECES = re.compile(r"(\{\{|\}\}|\{[^{}]*\})")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FORMATTER = string.Formatter()
_BASE = re.compile(r"[.\[]")


def is_pattern(name: str) -> bool:
    """Return whether a catalog key is a factory pattern (it contains ``{``)."""
    return "{" in name


class Pattern:
    """One compiled factory pattern.

    Args:
        text: The pattern as written, e.g. ``{namespace}.{name}_csv``.

    Raises:
        CatalogError: A placeholder is not a plain name (``{x:d}``, ``{a.b}``).
    """

    __slots__ = ("_regex", "names", "placeholders", "specificity", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.specificity = len(_PLACEHOLDER.sub("", text))
        self.placeholders = text.count("{")
        names: list[str] = []
        regex: list[str] = []
        anonymous = 0
        for piece in _PIECES.split(text):
            if piece in ("{{", "}}"):
                regex.append(re.escape(piece[0]))
            elif piece.startswith("{") and piece.endswith("}"):
                name = piece[1:-1]
                if name and not _NAME.fullmatch(name):
                    raise CatalogError(
                        f"dataset pattern {text!r} has placeholder {piece!r}, which is "
                        "not a plain name. Use placeholders like '{name}'."
                    )
                if not name:
                    anonymous += 1
                    regex.append(f"(?P<_anon{anonymous}>.+?)")
                elif name in names:
                    regex.append(f"(?P={name})")
                else:
                    names.append(name)
                    regex.append(f"(?P<{name}>.+?)")
            else:
                regex.append(re.escape(piece))
        self.names: tuple[str, ...] = tuple(names)
        self._regex = re.compile("".join(regex), re.IGNORECASE | re.DOTALL)

    @property
    def rank_key(self) -> tuple[int, int, str]:
        """Sort key: more literal characters, then more placeholders, then by text."""
        return (-self.specificity, -self.placeholders, self.text)

    @property
    def is_catch_all(self) -> bool:
        """Whether the pattern has no literal characters (``{default}``)."""
        return self.specificity == 0

    def match(self, name: str) -> dict[str, str] | None:
        """Return the placeholder values if ``name`` matches, else None."""
        found = self._regex.fullmatch(name)
        if found is None:
            return None
        return {
            key: value for key, value in found.groupdict().items() if key in self.names
        }

    def fill(self, config: Any, values: dict[str, str]) -> Any:
        """Return a copy of ``config`` with the placeholders filled in."""
        if isinstance(config, dict):
            return {key: self.fill(value, values) for key, value in config.items()}
        if isinstance(config, (list, tuple)):
            return type(config)(self.fill(value, values) for value in config)
        if isinstance(config, str) and "}" in config:
            try:
                return config.format_map(values)
            except ValueError:  # a lone brace, not a placeholder: used as is
                return config
        return config

    def check_config(self, config: Any) -> None:
        """Raise if ``config`` uses a placeholder the pattern does not define."""
        for used in sorted(_fields(config)):
            if used not in self.names:
                known = ", ".join(repr(f"{{{n}}}") for n in self.names) or "none"
                raise CatalogError(
                    f"dataset pattern {self.text!r} uses '{{{used}}}' in its "
                    f"configuration, but the pattern defines {known}. Add the "
                    "placeholder to the pattern or remove it from the configuration."
                )

    def __repr__(self) -> str:
        return f"Pattern({self.text!r})"


def _fields(config: Any) -> set[str]:
    if isinstance(config, dict):
        return set().union(*(_fields(v) for v in config.values())) if config else set()
    if isinstance(config, (list, tuple)):
        return set().union(*(_fields(v) for v in config)) if config else set()
    if isinstance(config, str) and "{" in config:
        try:
            parsed = list(_FORMATTER.parse(config))
        except ValueError:  # not a format string (a lone brace): used as is
            return set()
        return {_BASE.split(f)[0] for _, f, _, _ in parsed if f is not None}
    return set()


def rank_patterns(patterns: Iterable[Pattern]) -> list[Pattern]:
    """Return patterns in matching order (Kedro's ranking); one catch-all at most.

    Raises:
        CatalogError: More than one pattern has no literal characters.
    """
    ranked = sorted(patterns, key=lambda p: p.rank_key)
    catch_all = [p.text for p in ranked if p.is_catch_all]
    if len(catch_all) > 1:
        raise CatalogError(
            f"catalog has {len(catch_all)} catch-all patterns: "
            f"{', '.join(repr(t) for t in catch_all)}; only one can apply. Keep one."
        )
    return ranked
