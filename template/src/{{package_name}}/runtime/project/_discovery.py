"""Find the project: its package name, its root folder and its console command."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from .._errors import ProjectError

__all__ = [
    "configure_project",
    "console_command",
    "default_package_name",
    "find_project_root",
    "project_metadata",
]

logger = logging.getLogger(__name__)

_RUNTIME_PACKAGE = __package__.rpartition(".")[0]  # "<package>.runtime"
_SECTION = re.compile(r"^\s*\[([^\]]+)\]\s*$")
_KEY_VALUE = re.compile(r"""^\s*["']?([^"'=\s]+)["']?\s*=\s*["']([^"']*)["']""")


_configured: list[str] = []  # the package of the last session created, as Kedro's


def configure_project(package_name: str) -> None:
    """Name the project package for calls that do not give one (``find_pipelines()``).

    ``KeelSession.create`` calls it; it matters only when this runtime is not inside
    ``<package>.runtime`` (for instance when it is tested on its own).

    Args:
        package_name: The project's package.
    """
    _configured[:] = [package_name]


def default_package_name() -> str:
    """Return the project package: the one containing this runtime (``<pkg>.runtime``).

    When the runtime is not inside a package, the package given to the last
    ``configure_project`` call (made by ``KeelSession.create``) is used.

    Raises:
        ProjectError: The runtime is not inside a project package and no project was
            configured, so the package must be named explicitly.
    """
    parent, _, last = _RUNTIME_PACKAGE.rpartition(".")
    if last != "runtime" or not parent:
        if _configured:
            return _configured[0]
        raise ProjectError(
            f"package of runtime {_RUNTIME_PACKAGE!r} is not '<package>.runtime', so "
            "the project package cannot be inferred. Pass package_name explicitly."
        )
    return parent


def find_project_root(
    start: str | Path | None = None, *, conf_source: str | Path | None = None
) -> Path:
    """Return the project's root folder.

    The root is the parent of ``conf_source`` when it is given, else the nearest folder
    from ``start`` (default: the current directory) upwards that holds both
    ``pyproject.toml`` and ``conf/``.

    Args:
        start: The folder to search from.
        conf_source: An explicit configuration folder (``--conf-source``).

    Returns:
        The absolute project root.

    Raises:
        ProjectError: ``conf_source`` is not a folder, or no folder upwards qualifies.
    """
    if conf_source is not None:
        conf = Path(conf_source).expanduser().resolve()
        if not conf.is_dir():
            raise ProjectError(
                f"conf source '{conf_source}' is not a folder. Pass the path of the "
                "project's conf/ folder to --conf-source."
            )
        return conf.parent
    here = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "conf").is_dir():
            return folder
    raise ProjectError(
        f"project root not found: no folder from '{here}' upwards holds both "
        "pyproject.toml and conf/. Run the command inside the project, or pass "
        "--conf-source path/to/conf."
    )


def _pyproject_tables(project_path: Path) -> dict[str, dict[str, str]]:
    """Read the string values of each table of pyproject.toml (``{}`` if absent)."""
    path = project_path / "pyproject.toml"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    try:
        import tomllib  # noqa: PLC0415 - Python 3.11+; only needed for messages
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        return _scan_tables(text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        logger.debug("could not parse %s; using a line scan", path)
        return _scan_tables(text)
    project = data.get("project", {})
    scripts = project.get("scripts", {}) if isinstance(project, dict) else {}
    return {
        "project": {k: v for k, v in project.items() if isinstance(v, str)},
        "project.scripts": {k: v for k, v in scripts.items() if isinstance(v, str)},
    }


def _scan_tables(text: str) -> dict[str, dict[str, str]]:
    """Read ``key = "value"`` lines per table: enough for names and scripts."""
    tables: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in text.splitlines():
        section = _SECTION.match(line)
        if section:
            current = tables.setdefault(section.group(1).strip(), {})
            continue
        pair = _KEY_VALUE.match(line)
        if pair:
            current[pair.group(1)] = pair.group(2)
    return tables


def project_metadata(project_path: str | Path) -> dict[str, str]:
    """Return the ``[project]`` name and version from pyproject.toml, when present."""
    project = _pyproject_tables(Path(project_path)).get("project", {})
    return {key: project[key] for key in ("name", "version") if key in project}


def console_command(project_path: str | Path | None, package_name: str) -> str:
    """Return the command a user types to run this project's command line.

    It is the distribution's console script that points at ``<package>.__main__``
    (read from ``[project.scripts]``), else ``python -m <package>``.

    Args:
        project_path: The project root, or None when unknown.
        package_name: The project's package.

    Returns:
        The command, e.g. ``my-project`` or ``python -m my_package``.
    """
    if project_path is not None:
        scripts = _pyproject_tables(Path(project_path)).get("project.scripts", {})
        for script, target in sorted(scripts.items()):
            module = target.split(":", 1)[0].strip()
            if module in (package_name, f"{package_name}.__main__"):
                return script
    return f"python -m {package_name}"
