"""Parsing ``${...}`` interpolations: the part of OmegaConf's syntax Kedro projects use.

A string parses to a *template*: a list of literal strings and `Interp` parts.
``${a.b}`` and ``${.sibling}`` are node references; ``${name:arg,arg}`` calls a
resolver (``globals``, ``runtime_params``, ``oc.env``...); arguments may be quoted,
typed as YAML scalars, or nested interpolations. ``\\${`` is a literal ``${``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Union

__all__ = ["Arg", "Interp", "Template", "TemplateSyntaxError", "parse_template"]

_RESOLVER_NAME = re.compile(r"\s*([A-Za-z_][\w\-]*(?:\.[A-Za-z_][\w\-]*)*)\s*:")
_OPENERS = {"[": "]", "{": "}"}
_SIMPLE = re.compile(r"\$\{([^${}'\"\\\[\]]*)\}")


class TemplateSyntaxError(ValueError):
    """A malformed interpolation; the caller adds the key and file to the message."""


@dataclass(frozen=True)
class Arg:
    """One resolver argument: its template, and whether it was quoted (always a str)."""

    parts: Template
    quoted: bool


@dataclass(frozen=True)
class Interp:
    """One ``${...}``: a resolver call (``resolver`` set) or a reference (``path``)."""

    resolver: str | None
    args: tuple[Arg, ...]
    path: Template


Template = list[Union[str, Interp]]  # noqa: UP007  # a runtime alias on Python 3.10


@lru_cache(maxsize=8192)
def parse_template(text: str) -> tuple[str | Interp, ...]:
    """Parse ``text`` into literal strings and interpolations.

    Args:
        text: A config value that contains ``${``.

    Returns:
        The parts in order; a lone `Interp` means the whole value is interpolated.

    Raises:
        TemplateSyntaxError: An interpolation is unclosed, empty or malformed.
    """
    simple = _parse_simple(text)
    if simple is not None:
        return simple
    parser = _Parser(text)
    parts = parser.template(stop="", top=True)
    return tuple(parts)


def _parse_simple(text: str) -> tuple[str | Interp, ...] | None:
    """Fast path for the common case: no escapes, quotes, brackets or nesting."""
    if "\\" in text:
        return None
    parts: list[str | Interp] = []
    end = 0
    for match in _SIMPLE.finditer(text):
        if match.start() > end:
            parts.append(text[end : match.start()])
        body = match.group(1)
        name = _RESOLVER_NAME.match(body)
        if name is None:
            if not body.strip():
                return None  # let the full parser report the empty interpolation
            parts.append(Interp(None, (), [body.strip()]))
        else:
            rest = body[name.end() :]
            args = tuple(
                Arg([a.strip()] if a.strip() else [], quoted=False)
                for a in rest.split(",")
            )
            parts.append(Interp(name.group(1), args if rest.strip() else (), []))
        end = match.end()
    if "${" in text[end:] or any("${" in p for p in parts if isinstance(p, str)):
        return None
    if end < len(text):
        parts.append(text[end:])
    return tuple(parts)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def template(self, stop: str, *, top: bool = False, nest: bool = False) -> Template:
        """Read literal text and interpolations until a character in ``stop``."""
        text = self.text
        special = _special(stop, nest)
        parts: Template = []
        buffer: list[str] = []
        depth: list[str] = []
        while self.pos < len(text):
            match = special.search(text, self.pos)
            if match is None:
                buffer.append(text[self.pos :])
                self.pos = len(text)
                break
            if match.start() > self.pos:
                buffer.append(text[self.pos : match.start()])
                self.pos = match.start()
            char = text[self.pos]
            if char == "\\" and text.startswith("${", self.pos + 1):
                buffer.append("${")
                self.pos += 3
                continue
            if char == "$" and text.startswith("${", self.pos):
                if buffer:
                    parts.append("".join(buffer))
                    buffer = []
                parts.append(self.interp())
                continue
            if not top:
                if nest and char in _OPENERS:
                    depth.append(_OPENERS[char])
                elif depth and char == depth[-1]:
                    depth.pop()
                elif not depth and char in stop:
                    break
            buffer.append(char)
            self.pos += 1
        if buffer:
            parts.append("".join(buffer))
        return parts

    def interp(self) -> Interp:
        start = self.pos
        self.pos += 2  # past "${"
        match = _RESOLVER_NAME.match(self.text, self.pos)
        if match:
            self.pos = match.end()
            interp = Interp(match.group(1), self.args(), [])
        else:
            path = self.template(stop="}")
            if not _strip(path):
                raise TemplateSyntaxError(
                    f"empty interpolation '${{}}' at character {start + 1}"
                )
            interp = Interp(None, (), _strip(path))
        if self.pos >= len(self.text) or self.text[self.pos] != "}":
            raise TemplateSyntaxError(
                f"'${{' at character {start + 1} is never closed with '}}'"
            )
        self.pos += 1
        return interp

    def args(self) -> tuple[Arg, ...]:
        args: list[Arg] = []
        self._skip_spaces()
        if self.text.startswith("}", self.pos):
            return ()
        while True:
            self._skip_spaces()
            quote = self.text[self.pos : self.pos + 1]
            if quote in ("'", '"'):
                args.append(Arg(self.quoted(quote), quoted=True))
                self._skip_spaces()
            else:
                args.append(Arg(_strip(self.template(stop=",}", nest=True)), False))
            if self.text.startswith(",", self.pos):
                self.pos += 1
                continue
            return tuple(args)

    def quoted(self, quote: str) -> Template:
        start = self.pos
        self.pos += 1
        parts: Template = []
        buffer: list[str] = []
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if (
                char == "\\"
                and self.pos + 1 < len(text)
                and text[self.pos + 1]
                in (
                    quote,
                    "\\",
                )
            ):
                buffer.append(text[self.pos + 1])
                self.pos += 2
            elif char == quote:
                self.pos += 1
                if buffer:
                    parts.append("".join(buffer))
                return parts
            elif text.startswith("${", self.pos):
                if buffer:
                    parts.append("".join(buffer))
                    buffer = []
                parts.append(self.interp())
            else:
                buffer.append(char)
                self.pos += 1
        raise TemplateSyntaxError(
            f"quoted argument at character {start + 1} is never closed with {quote}"
        )

    def _skip_spaces(self) -> None:
        while self.text.startswith(" ", self.pos):
            self.pos += 1


@lru_cache(maxsize=16)
def _special(stop: str, nest: bool) -> re.Pattern[str]:
    """The characters `_Parser.template` must look at; all others are literal text."""
    chars = "\\$" + stop + ("[]{}" if nest else "")
    return re.compile("[" + "".join("\\" + c for c in chars) + "]")


def _strip(parts: Template) -> Template:
    """Drop surrounding spaces of a template (as OmegaConf does for unquoted text)."""
    parts = list(parts)
    if parts and isinstance(parts[0], str):
        parts[0] = parts[0].lstrip()
    if parts and isinstance(parts[-1], str):
        parts[-1] = parts[-1].rstrip()
    return [p for p in parts if p != ""]
