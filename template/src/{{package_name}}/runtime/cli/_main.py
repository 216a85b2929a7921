"""The entry point ``main``: parse, set up logging, dispatch, map errors to exit codes.

Only argparse and this package's parser are imported here; each command's module (and
with it yaml, pluggy, the graph and the catalog) is imported when the command runs.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

from .._errors import KeelError
from .._errors import ProjectError
from ._parser import build_parser

__all__ = ["EXIT_NODE_FAILED", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK = 0
EXIT_NODE_FAILED = 1
EXIT_USAGE = 2

_RUNTIME = __package__.rpartition(".")[0]  # "<package>.runtime"


def _package_name() -> str | None:
    parent, _, last = _RUNTIME.rpartition(".")
    return parent if last == "runtime" and parent else None


def _prog(package: str | None) -> str:
    """Name the command as the user typed it: the console script, or ``python -m``."""
    script = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if script and not script.endswith(".py") and script != "-c":
        return script
    return f"python -m {package}" if package else "python -m <package>"


def _exit_code(exc: SystemExit) -> int:
    if exc.code is None:
        return EXIT_OK
    return exc.code if isinstance(exc.code, int) else EXIT_USAGE


def _print_traceback(exc: BaseException) -> None:
    import traceback  # noqa: PLC0415 - only on errors: keeps --help fast

    traceback.print_exception(exc)


def _print_error(exc: BaseException, verbose: bool) -> None:
    if verbose:
        _print_traceback(exc)
    print(f"error: {exc}", file=sys.stderr)


def _handler(spec: str) -> Any:
    module_name, _, function = spec.partition(":")
    return getattr(importlib.import_module(f".{module_name}", __package__), function)


def _dispatch(args: Any, package: str) -> int:
    logs = importlib.import_module("._logging", __package__)
    handler = _handler(args.handler)
    with logs.configured(verbose=args.verbose) as setup:
        if not args.needs_session:
            return int(handler(args, package))
        session = importlib.import_module("._session", __package__).open_session(
            args, package
        )
        with session:
            setup.from_config(session.load_context().config_loader)
            return int(handler(args, session))


def main(argv: list[str] | None = None, *, package_name: str | None = None) -> int:
    """Run the project's command line.

    Args:
        argv: The arguments (default: ``sys.argv[1:]``).
        package_name: The project package (default: the one holding this runtime).

    Returns:
        The exit code: 0 success, 1 a node failed, 2 a usage or configuration error.
    """
    package = package_name or _package_name()
    parser = build_parser(_prog(package))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return _exit_code(exc)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    if args.handler is None:
        print(
            f"error: '{args.command}' needs an action. Run "
            f"'{parser.prog} {args.command} --help' to see them.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return _guarded(args, package)


def _guarded(args: Any, package: str | None) -> int:
    """Run the command; turn errors into a one-line message and an exit code."""
    try:
        if package is None:
            raise ProjectError(
                "the project package is not known: this runtime is not inside "
                "'<package>.runtime'. Call main(package_name='my_package')."
            )
        return _dispatch(args, package)
    except KeelError as exc:
        _print_error(exc, args.verbose)
        return EXIT_USAGE
    except ModuleNotFoundError as exc:  # a dependency is missing from this environment
        if args.verbose:
            _print_traceback(exc)
        print(
            f"error: module {exc.name!r} is not installed. Install the project "
            "with its dependencies (pip install -e .) and run again.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("error: interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, in the runtime or in the project's code
        _print_traceback(exc)
        print(f"error: unexpected {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_NODE_FAILED
