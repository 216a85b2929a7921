"""The config loader's errors: each one keeps the offending name as an attribute."""

from __future__ import annotations

from pathlib import Path

from .._errors import ConfigError

__all__ = [
    "ConfigFileError",
    "DuplicateConfigKeyError",
    "InterpolationError",
    "MissingConfSourceError",
    "MissingEnvironmentError",
    "ParamsSyntaxError",
    "UnknownConfigKindError",
]


class ConfigFileError(ConfigError):
    """A config file cannot be read: bad YAML or JSON, or a top level that is a list.

    Attributes:
        path: The file.
        line: The 1-based line of a syntax error, or None.
    """

    def __init__(self, message: str, *, path: Path, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line


class DuplicateConfigKeyError(ConfigError):
    """The same top-level key is defined in two files of one environment.

    Attributes:
        key: The top-level key.
        paths: The two files that define it.
    """

    def __init__(self, message: str, *, key: str, paths: tuple[Path, Path]) -> None:
        super().__init__(message)
        self.key = key
        self.paths = paths


class InterpolationError(ConfigError):
    """A ``${...}`` interpolation cannot be resolved.

    Attributes:
        kind: The config kind ("catalog", "parameters", ...).
        key: The dotted path of the value that holds the interpolation.
    """

    def __init__(self, message: str, *, kind: str, key: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.key = key


class MissingEnvironmentError(ConfigError):
    """The chosen environment (or the base one) has no folder in the conf source.

    Attributes:
        env: The environment's name.
        path: The folder that does not exist.
    """

    def __init__(self, message: str, *, env: str, path: Path) -> None:
        super().__init__(message)
        self.env = env
        self.path = path


class UnknownConfigKindError(ConfigError, KeyError):
    """A config kind was asked for that has no file patterns (a ``KeyError`` too).

    Attributes:
        kind: The kind asked for.
    """

    def __init__(self, message: str, *, kind: str) -> None:
        super().__init__(message)
        self.kind = kind

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class ParamsSyntaxError(ConfigError):
    """A ``--params`` item is not of the form ``key=value``.

    Attributes:
        item: The offending item.
    """

    def __init__(self, message: str, *, item: str) -> None:
        super().__init__(message)
        self.item = item


class MissingConfSourceError(ConfigError):
    """The conf source folder does not exist.

    Attributes:
        path: The folder.
    """

    def __init__(self, message: str, *, path: Path) -> None:
        super().__init__(message)
        self.path = path
