"""``%load_ext <package>``: the project's session, catalog and parameters in IPython.

IPython is not a dependency of the runtime: it is imported inside these functions,
which only run inside IPython.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import shlex
import sys
from pathlib import Path
from typing import Any

from .._errors import KeelError
from .._errors import ProjectError
from ..config import merge_params
from ..config import parse_params
from ..project import KeelSession
from ..project import default_package_name
from ..project import find_project_root

__all__ = ["load_ipython_extension", "reload_project", "unload_ipython_extension"]

logger = logging.getLogger(__name__)

NAMES = ("catalog", "context", "params", "pipelines", "session")
_STATE_KEY = "_keel_project"  # where the extension keeps its settings in user_ns


def _usage_error(message: str) -> Exception:
    from IPython.core.error import UsageError  # noqa: PLC0415 - IPython is optional

    return UsageError(message)


def _project_root(package: str, project_path: str | Path | None) -> Path:
    """The project root: given, else from the working folder, else from the package."""
    if project_path is not None:
        return Path(project_path).expanduser().resolve()
    try:
        return find_project_root()
    except ProjectError:
        module = sys.modules.get(package) or importlib.import_module(package)
        location = Path(getattr(module, "__file__", "") or ".").resolve()
        for folder in location.parents:
            if (folder / "pyproject.toml").is_file() and (folder / "conf").is_dir():
                return folder
        raise


def _forget_project_modules(package: str) -> None:
    """Drop the project's pipeline modules, so a reload sees edited code."""
    keep = (f"{package}.runtime",)
    prefixes = (f"{package}.pipelines", f"{package}.pipeline_registry")
    for name in list(sys.modules):
        if name.startswith(keep):
            continue
        if name == f"{package}.settings" or name.startswith(prefixes):
            del sys.modules[name]


def reload_project(
    ipython: Any,
    *,
    package_name: str | None = None,
    project_path: str | Path | None = None,
    env: str | None = None,
    params: dict[str, Any] | None = None,
    conf_source: str | Path | None = None,
) -> KeelSession:
    """(Re)load the project and define its variables in the IPython namespace.

    Defines ``catalog``, ``context``, ``params``, ``pipelines`` and ``session``.
    Settings not given are those of the last load (``package_name``, the root).

    Args:
        ipython: The IPython shell.
        package_name: The project's package (default: the one holding the runtime).
        project_path: The project root (default: found from the working folder).
        env: The configuration environment (default: ``local``).
        params: Parameter overrides, as ``--params`` gives them.
        conf_source: Another configuration folder.

    Returns:
        The new session.
    """
    state = ipython.user_ns.get(_STATE_KEY) or {}
    package = package_name or state.get("package") or default_package_name()
    root = _project_root(package, project_path or state.get("root"))
    old = ipython.user_ns.get("session")
    if isinstance(old, KeelSession):
        old.close()
    _forget_project_modules(package)
    session = KeelSession.create(
        package,
        project_path=root,
        env=env,
        conf_source=conf_source,
        runtime_params=params,
    )
    context = session.load_context()
    pipelines = session.pipelines
    ipython.push(
        {
            "session": session,
            "context": context,
            "catalog": context.catalog,
            "params": context.params,
            "pipelines": pipelines,
            _STATE_KEY: {"package": package, "root": root},
        }
    )
    names = ", ".join(sorted(p for p in pipelines if p != "__default__")) or "none"
    print(
        f"{package}: loaded the project in '{root}' (env {session.env!r}). Defined "
        f"catalog ({len(context.catalog.list())} datasets), params, pipelines "
        f"({names}), context and session."
    )
    return session


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # type: ignore[override]
        raise _usage_error(f"{self.prog}: {message}. Usage: {self.format_usage()}")


def _reload_parser() -> _Parser:
    parser = _Parser(prog="%reload_project", add_help=False)
    parser.add_argument("-e", "--env")
    parser.add_argument("--params", action="append", metavar="K=V")
    parser.add_argument("--conf-source")
    parser.add_argument("--project-path")
    return parser


def _magics(ipython: Any) -> None:
    from ._load_node import load_node  # noqa: PLC0415 - only with the magics

    def reload_magic(line: str) -> None:
        """Reload the project: %reload_project [--env ENV] [--params K=V,...]."""
        args = _reload_parser().parse_args(shlex.split(line))
        try:
            params: dict[str, Any] = {}
            for text in args.params or []:
                params = merge_params(params, parse_params(text))
            reload_project(
                ipython,
                project_path=args.project_path,
                env=args.env,
                params=params,
                conf_source=args.conf_source,
            )
        except KeelError as exc:
            raise _usage_error(str(exc)) from exc

    def load_node_magic(line: str) -> None:
        """Put a node's inputs and body in the next cell: %load_node NODE_NAME."""
        name = line.strip().strip("'\"")
        if not name:
            raise _usage_error("%load_node needs a node name: %load_node NODE_NAME.")
        try:
            code = load_node(ipython.user_ns, name)
        except KeelError as exc:
            raise _usage_error(str(exc)) from exc
        ipython.set_next_input(code, replace=False)

    ipython.register_magic_function(reload_magic, "line", "reload_project")
    ipython.register_magic_function(load_node_magic, "line", "load_node")


def load_ipython_extension(ipython: Any, *, package_name: str | None = None) -> None:
    """Load the project into IPython: ``%load_ext <package>`` calls this.

    Registers ``%reload_project`` and ``%load_node`` and defines ``catalog``,
    ``params``, ``pipelines``, ``context`` and ``session``.

    Args:
        ipython: The IPython shell.
        package_name: The project's package (default: the one holding the runtime).
    """
    _magics(ipython)
    try:
        reload_project(ipython, package_name=package_name)
    except KeelError as exc:
        raise _usage_error(f"{exc} Fix it, then run %reload_project.") from exc


def unload_ipython_extension(ipython: Any) -> None:
    """Close the session; the variables stay until reassigned."""
    session = ipython.user_ns.get("session")
    if isinstance(session, KeelSession):
        session.close()
