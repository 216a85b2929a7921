"""Finding config files: walk an environment folder once, match Kedro's globs."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

__all__ = ["CONFIG_SUFFIXES", "find_config_files", "list_environments"]

CONFIG_SUFFIXES = (".yml", ".yaml", ".json")


def list_environments(conf_source: Path) -> list[str]:
    """Return the names of the non-hidden folders in ``conf_source``, sorted."""
    try:
        entries = list(os.scandir(conf_source))
    except OSError:
        return []
    return sorted(e.name for e in entries if e.is_dir() and not e.name.startswith("."))


def find_config_files(folder: Path, patterns: Iterable[str]) -> list[Path]:
    """Return the config files in ``folder`` whose relative path matches a pattern.

    Patterns are globs relative to ``folder``: ``*`` and ``?`` stay within one path
    segment, ``**`` spans any number of folders. Hidden files and folders (a name that
    starts with ``.``) are skipped, as are files not ending ``.yml``, ``.yaml`` or
    ``.json``.

    Args:
        folder: An environment's folder, e.g. ``conf/base``.
        patterns: Kedro-style globs such as ``"catalog*"`` or ``"**/catalog*"``.

    Returns:
        Matching files sorted by relative path (the merge order), each once.
    """
    regexes = [_compile(p) for p in patterns]
    found = []
    for relative in _walk(folder):
        if any(rx.match(relative) for rx in regexes):
            found.append(relative)
    return [folder / r for r in sorted(found)]


def _walk(folder: Path) -> list[str]:
    """Relative POSIX paths of the visible config files under ``folder``."""
    result: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        prefix = os.path.relpath(root, folder).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        result.extend(
            prefix + name
            for name in files
            if not name.startswith(".") and name.endswith(CONFIG_SUFFIXES)
        )
    return result


@lru_cache(maxsize=128)
def _compile(pattern: str) -> re.Pattern[str]:
    """Translate a glob into a regex over relative POSIX paths."""
    parts = pattern.strip("/").split("/")
    out = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            out.append(".*" if last else "(?:.*/)?")
        else:
            out.append(_translate_segment(part) + ("" if last else "/"))
    return re.compile("".join(out) + r"\Z", re.DOTALL)


def _translate_segment(segment: str) -> str:
    out = []
    i = 0
    while i < len(segment):
        char = segment[i]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[" and (end := segment.find("]", i + 2)) != -1:
            body = segment[i + 1 : end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = end
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)
