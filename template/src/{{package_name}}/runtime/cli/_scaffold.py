"""``pipeline create NAME``: scaffold a pipeline, its test and its parameters file."""

from __future__ import annotations

import importlib.util
import keyword
import logging
import re
from pathlib import Path
from string import Template
from typing import Any

from .._errors import ProjectError
from ..project import console_command
from ..project import find_project_root
from ..project import load_settings
from . import _scaffold_files as files

__all__ = [
    "ScaffoldError",
    "check_pipeline_name",
    "pipeline_create",
    "scaffold_pipeline",
]

logger = logging.getLogger(__name__)

_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")


class ScaffoldError(ProjectError):
    """A new pipeline cannot be created under the name given."""

    def __init__(self, message: str, name: str) -> None:
        super().__init__(message)
        self.name = name


def check_pipeline_name(name: str) -> None:
    """Refuse a name that cannot be a pipeline package.

    Args:
        name: The proposed pipeline name.

    Raises:
        ScaffoldError: The name is not a lowercase Python identifier, or is a keyword.
    """
    if _NAME.match(name) and not keyword.iskeyword(name):
        return
    fixed = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_")
    fixed = f"p_{fixed}" if fixed[:1].isdigit() else fixed
    valid = bool(_NAME.match(fixed)) and not keyword.iskeyword(fixed)
    hint = f" (did you mean {fixed!r}?)" if valid else ""
    raise ScaffoldError(
        f"pipeline name {name!r} is not a valid Python identifier: expected lowercase "
        f"letters, digits and underscores, starting with a letter{hint}. Choose "
        "another name.",
        name,
    )


def _package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ProjectError(
            f"package {package!r} cannot be found. Install the project "
            "(pip install -e .) or put its src/ folder on PYTHONPATH."
        )
    return Path(next(iter(spec.submodule_search_locations)))


def scaffold_pipeline(
    name: str, *, package: str, project_path: Path, conf_path: Path, base_env: str
) -> list[Path]:
    """Write the files of a new pipeline ``name``; refuse to overwrite anything.

    Args:
        name: The pipeline name (a lowercase identifier).
        package: The project's package.
        project_path: The project root (``tests/`` is created under it).
        conf_path: The conf folder.
        base_env: The base environment under ``conf_path`` (``base``).

    Returns:
        The files written, in order.

    Raises:
        ScaffoldError: The name is invalid or one of the targets exists already.
    """
    check_pipeline_name(name)
    pipelines_dir = _package_dir(package) / "pipelines"
    code_dir = pipelines_dir / name
    tests_dir = project_path / "tests" / "pipelines"
    params = conf_path / base_env / f"parameters_{name}.yml"
    targets = {
        code_dir / "__init__.py": files.INIT,
        code_dir / "nodes.py": files.NODES,
        code_dir / "pipeline.py": files.PIPELINE,
        tests_dir / name / "__init__.py": files.TEST_INIT,
        tests_dir / name / "test_pipeline.py": files.TEST,
        params: files.PARAMETERS,
    }
    existing = [path for path in (code_dir, tests_dir / name, params) if path.exists()]
    if existing:
        shown = ", ".join(f"'{_relative(path, project_path)}'" for path in existing)
        raise ScaffoldError(
            f"pipeline {name!r} already exists: {shown}. Choose another name, or "
            "delete those files first.",
            name,
        )
    extra = {
        pipelines_dir / "__init__.py": '"""The project\'s pipelines."""\n',
        tests_dir / "__init__.py": "",
    }
    written = []
    for path, text in {**extra, **targets}.items():
        if path in extra and path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(Template(text).substitute(name=name, package=package))
        written.append(path)
    return written


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def pipeline_create(args: Any, package: str) -> int:
    """Scaffold the pipeline ``args.name`` and print what was written and how to run it.

    Args:
        args: The parsed ``pipeline create`` arguments.
        package: The project's package.

    Returns:
        0.
    """
    check_pipeline_name(args.name)
    root = find_project_root(conf_source=args.conf_source)
    settings = load_settings(package)
    conf = Path(args.conf_source).resolve() if args.conf_source else None
    written = scaffold_pipeline(
        args.name,
        package=package,
        project_path=root,
        conf_path=conf or root / settings.conf_source,
        base_env=str(settings.config_loader_args.get("base_env", "base")),
    )
    print(f"Created pipeline {args.name!r}:")
    for path in written:
        print(f"  {_relative(path, root)}")
    command = console_command(root, package)
    print(f"Run it with: {command} run --pipeline {args.name}")
    print(f"Test it with: pytest tests/pipelines/{args.name}")
    return 0
