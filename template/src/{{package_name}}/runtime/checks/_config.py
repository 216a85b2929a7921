"""``[tool.keel.check]`` in pyproject.toml: select, ignore, allowed-data-files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._errors import ConfigError
from .._suggest import did_you_mean

__all__ = ["CheckConfig", "read_config"]

_KEYS = ("select", "ignore", "allowed-data-files")
_TABLE = re.compile(r"^\s*\[\s*tool\.keel\.check\s*\]\s*(?:#.*)?$")
_ANY_TABLE = re.compile(r"^\s*\[")
_STRING = re.compile(r"""\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')\s*,?""")


@dataclass(frozen=True)
class CheckConfig:
    """The project's check settings.

    Attributes:
        select: Rule ids or families to run (empty: all).
        ignore: Rule ids or families not to run.
        allowed_data_files: Globs of files under data/ that may be committed.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    allowed_data_files: tuple[str, ...] = ()


def _table(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    try:
        import tomllib  # noqa: PLC0415 - Python 3.11+
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        return _scan(text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"pyproject.toml '{path}' is not valid TOML: {exc}. Fix the file."
        ) from exc
    table = data.get("tool", {}).get("keel", {}).get("check", {})
    if not isinstance(table, dict):
        raise ConfigError(
            "pyproject.toml's tool.keel.check is not a table. Write it as "
            "[tool.keel.check] with select/ignore/allowed-data-files."
        )
    return table


def _scan(text: str) -> dict[str, Any]:
    """Read ``key = ["a", "b"]`` arrays of the table, for Python 3.10 (no tomllib)."""
    table: dict[str, Any] = {}
    inside, key, buffer = False, None, ""
    for line in text.splitlines():
        if key is None and _ANY_TABLE.match(line):
            inside = bool(_TABLE.match(line))
            continue
        if not inside:
            continue
        if key is None:
            name, sep, rest = line.partition("=")
            if not sep:
                continue
            key, buffer = name.strip().strip("\"'"), rest
        else:
            buffer += " " + line
        body = buffer.split("#", 1)[0] if '"' not in buffer else buffer
        if "]" in body or "[" not in body:
            inner = body.strip().removeprefix("[").rsplit("]", 1)[0]
            table[key] = [a or b for a, b in _STRING.findall(inner)]
            key = None
    return table


def _strings(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(
            f"[tool.keel.check] {key} is not a list of strings: got "
            f'{type(value).__name__}. Write it as {key} = ["KEEL-CAT006"].'
        )
    return tuple(value)


def read_config(project_path: Path) -> CheckConfig:
    """Read ``[tool.keel.check]`` from the project's pyproject.toml.

    Args:
        project_path: The project root.

    Returns:
        The settings (defaults when the file or the table is missing).

    Raises:
        ConfigError: The table has an unknown key or a value that is not a list of
            strings.
    """
    path = project_path / "pyproject.toml"
    if not path.is_file():
        return CheckConfig()
    table = {str(k).replace("_", "-"): v for k, v in _table(path).items()}
    for key in table:
        if key not in _KEYS:
            raise ConfigError(
                f"[tool.keel.check] has key {key!r}, which is not a setting"
                f"{did_you_mean(key, _KEYS)}. Use select, ignore or allowed-data-files."
            )
    return CheckConfig(
        select=_strings(table.get("select", []), "select"),
        ignore=_strings(table.get("ignore", []), "ignore"),
        allowed_data_files=_strings(
            table.get("allowed-data-files", []), "allowed-data-files"
        ),
    )
