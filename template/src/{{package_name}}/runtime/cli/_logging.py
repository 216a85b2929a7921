"""Logging for one command: from ``conf/<env>/logging.yml``, else plain INFO lines.

Only ``main()`` calls this; nothing in the runtime configures logging on import.
"""

from __future__ import annotations

import logging
import logging.config
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .._errors import ConfigError

__all__ = ["FALLBACK_FORMAT", "LoggingSetup", "configured"]

FALLBACK_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class LoggingSetup:
    """The logging of one command; starts with the fallback handler."""

    def __init__(self, verbose: bool) -> None:
        """Install the fallback: plain lines on stderr, INFO (DEBUG when verbose)."""
        self.verbose = verbose
        root = logging.getLogger()
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(FALLBACK_FORMAT, datefmt="%H:%M:%S"))
        root.handlers = [handler]
        root.setLevel(logging.DEBUG if verbose else logging.INFO)

    def from_config(self, config_loader: Any) -> None:
        """Replace the fallback with the project's ``logging`` config, if it has one.

        Args:
            config_loader: The project's ``ConfigLoader``.

        Raises:
            ConfigError: The logging config is not a valid ``dictConfig`` dict.
        """
        config = config_loader.get("logging", None)
        if not config:
            self._apply_verbose()
            return
        if not isinstance(config, dict):
            raise ConfigError(
                f"logging config is not a mapping: got {type(config).__name__}. Write "
                "conf/base/logging.yml as a logging.config.dictConfig mapping."
            )
        config = {"version": 1, "disable_existing_loggers": False, **config}
        try:
            logging.config.dictConfig(config)
        except (ValueError, TypeError, AttributeError, ImportError) as exc:
            raise ConfigError(
                f"logging config is not valid for logging.config.dictConfig: {exc}. "
                "Fix conf/base/logging.yml (or remove it to use plain log lines)."
            ) from exc
        self._apply_verbose()

    def _apply_verbose(self) -> None:
        if not self.verbose:
            return
        root = logging.getLogger()
        root.setLevel(logging.DEBUG)
        for handler in root.handlers:
            handler.setLevel(logging.DEBUG)


@contextmanager
def configured(*, verbose: bool) -> Iterator[LoggingSetup]:
    """Set up logging for the duration of one command, then restore the previous state.

    Warnings are routed to the ``py.warnings`` logger meanwhile.

    Args:
        verbose: Log at DEBUG level.

    Yields:
        The setup, to call ``from_config`` once the project's config is loaded.
    """
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    logging.captureWarnings(True)
    try:
        yield LoggingSetup(verbose)
    finally:
        logging.captureWarnings(False)
        for handler in root.handlers:
            if handler not in saved[0]:
                handler.close()
        root.handlers = saved[0]
        root.setLevel(saved[1])
