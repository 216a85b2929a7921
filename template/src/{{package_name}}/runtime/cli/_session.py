"""Open the session a command works in, from the common options."""

from __future__ import annotations

from typing import Any

from ..config import merge_params
from ..config import parse_params
from ..project import KeelSession

__all__ = ["open_session", "runtime_params"]


def runtime_params(texts: list[str] | None) -> dict[str, Any]:
    """Parse each ``--params`` value and merge them, later ones winning.

    Args:
        texts: The raw values, e.g. ``["model.lr=0.1,seed=3"]``.

    Returns:
        The nested overrides.

    Raises:
        ConfigError: A value is not ``key=value[,key=value]``.
    """
    params: dict[str, Any] = {}
    for text in texts or []:
        params = merge_params(params, parse_params(text))
    return params


def open_session(args: Any, package: str) -> KeelSession:
    """Create the session from ``--env``, ``--conf-source`` and ``--params``.

    Args:
        args: The parsed arguments.
        package: The project's package.

    Returns:
        The session (not yet loaded).
    """
    return KeelSession.create(
        package,
        env=args.env,
        conf_source=args.conf_source,
        runtime_params=runtime_params(getattr(args, "params", None)),
    )
