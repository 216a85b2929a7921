"""Find the project's pipelines: ``find_pipelines`` and ``register_pipelines()``."""

from __future__ import annotations

import importlib
import importlib.util
import traceback
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._errors import ProjectError
from .._suggest import did_you_mean
from .._suggest import quote_list
from ..graph import Pipeline
from ._discovery import default_package_name

__all__ = [
    "PipelineImportWarning",
    "UnknownPipelineError",
    "find_pipelines",
    "load_pipelines",
    "select_pipeline",
]

DEFAULT = "__default__"


class PipelineImportWarning(UserWarning):
    """A pipeline module failed to import, so ``find_pipelines`` skipped it."""


class UnknownPipelineError(ProjectError):
    """A pipeline name is not in the registry, or its module failed to import."""

    def __init__(self, message: str, name: str) -> None:
        super().__init__(message)
        self.name = name


@dataclass(frozen=True)
class _Failure:
    """Why ``find_pipelines`` skipped one pipeline package."""

    module: str
    reason: str


# package name -> pipeline name -> why the last find_pipelines() call skipped it
_FAILURES: dict[str, dict[str, _Failure]] = {}


def _user_frame(exc: BaseException) -> str:
    """Return ``" (file, line N)"`` for the innermost frame outside importlib."""
    frames = [
        frame
        for frame in traceback.extract_tb(exc.__traceback__)
        if "importlib" not in Path(frame.filename).parts
        and "<frozen" not in frame.filename
    ]
    if not frames:
        return ""
    return f" ({frames[-1].filename}, line {frames[-1].lineno})"


def _skip(package: str, name: str, module: str, reason: str) -> None:
    _FAILURES.setdefault(package, {})[name] = _Failure(module, reason)
    warnings.warn(
        f"pipeline {name!r} was skipped: {reason}. Nothing in {module!r} is returned "
        "by find_pipelines(); fix it, or run the pipeline to see the error.",
        PipelineImportWarning,
        stacklevel=4,
    )


def _create(package: str, name: str, module_name: str) -> Pipeline | None:
    """Import ``module_name``, call its ``create_pipeline()`` and check the result."""
    try:
        module = importlib.import_module(module_name)
        factory = getattr(module, "create_pipeline", None)
        if factory is None:
            _skip(
                package, name, module_name, "it defines no 'create_pipeline' function"
            )
            return None
        result = factory()
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}{_user_frame(exc)}"
        _skip(package, name, module_name, reason)
        return None
    if not isinstance(result, Pipeline):
        _skip(
            package,
            name,
            module_name,
            f"create_pipeline() returned {type(result).__name__}, expected a Pipeline",
        )
        return None
    return result


def _check_importable(package: str) -> None:
    try:
        importlib.import_module(package)
    except ModuleNotFoundError as exc:
        if exc.name != package:
            raise
        raise ProjectError(
            f"package {package!r} cannot be imported. Install the project "
            "(pip install -e .) or put its src/ folder on PYTHONPATH."
        ) from exc


def find_pipelines(
    package_name: str | None = None, *, raise_errors: bool = False
) -> dict[str, Pipeline]:
    """Find the pipelines in ``<package>.pipelines``, as Kedro's ``find_pipelines``.

    Each sub-package ``<package>.pipelines.<name>`` whose ``pipeline`` module (or whose
    ``__init__``) defines ``create_pipeline()`` becomes the pipeline ``<name>``.
    ``__default__`` is ``<package>.pipeline:create_pipeline()`` when that module exists,
    else an empty pipeline; ``register_pipelines`` usually replaces it with the sum of
    all pipelines. A package that fails to import is skipped with a
    ``PipelineImportWarning`` naming it; running that pipeline later reports the error.

    Args:
        package_name: The project package (default: the one holding this runtime).
        raise_errors: Raise instead of warning when a pipeline cannot be created.

    Returns:
        Pipeline name -> pipeline.

    Raises:
        ProjectError: ``raise_errors`` is set and a pipeline could not be created.
    """
    package = package_name or default_package_name()
    _check_importable(package)
    _FAILURES[package] = {}
    pipelines: dict[str, Pipeline] = {DEFAULT: Pipeline([])}
    if importlib.util.find_spec(f"{package}.pipeline") is not None:
        found = _create(package, DEFAULT, f"{package}.pipeline")
        if found is not None:
            pipelines[DEFAULT] = found
    spec = importlib.util.find_spec(f"{package}.pipelines")
    folders = spec.submodule_search_locations if spec is not None else None
    for folder in [Path(f) for f in folders or []]:
        for entry in sorted(folder.iterdir()):
            if not entry.is_dir() or entry.name.startswith((".", "_")):
                continue
            base = f"{package}.pipelines.{entry.name}"
            has_module = (entry / "pipeline.py").is_file()
            found = _create(
                package, entry.name, f"{base}.pipeline" if has_module else base
            )
            if found is not None:
                pipelines[entry.name] = found
    if raise_errors and _FAILURES[package]:
        name, failure = sorted(_FAILURES[package].items())[0]
        raise UnknownPipelineError(
            f"pipeline {name!r} cannot be created: {failure.reason}. Fix "
            f"{failure.module!r}.",
            name,
        )
    return pipelines


def load_pipelines(package_name: str) -> dict[str, Pipeline]:
    """Call ``<package>.pipeline_registry.register_pipelines()`` and check the result.

    Args:
        package_name: The project's package.

    Returns:
        Pipeline name -> pipeline, as the registry returned them.

    Raises:
        ProjectError: The registry is missing, fails, or returns something that is not a
            dict of pipelines.
    """
    module_name = f"{package_name}.pipeline_registry"
    try:
        module = importlib.import_module(module_name)
        register = module.register_pipelines
    except (ImportError, AttributeError) as exc:
        raise ProjectError(
            f"pipeline registry {module_name!r} cannot be used: {type(exc).__name__}: "
            f"{exc}. Define register_pipelines() in "
            f"src/{package_name}/pipeline_registry.py."
        ) from exc
    try:
        pipelines: Any = register()
    except ProjectError:
        raise
    except Exception as exc:
        raise ProjectError(
            f"register_pipelines() in {module_name!r} failed: {type(exc).__name__}: "
            f"{exc}{_user_frame(exc)}. Fix the registry or the pipeline it builds."
        ) from exc
    if not isinstance(pipelines, dict):
        raise ProjectError(
            f"register_pipelines() in {module_name!r} returned "
            f"{type(pipelines).__name__}: expected a dict of name -> Pipeline. "
            "Return a dict."
        )
    wrong = sorted(str(k) for k, v in pipelines.items() if not isinstance(v, Pipeline))
    if wrong:
        raise ProjectError(
            f"register_pipelines() in {module_name!r} returned non-Pipeline values for "
            f"{quote_list(wrong)}. Return a dict of name -> Pipeline."
        )
    return pipelines


def select_pipeline(
    pipelines: dict[str, Pipeline], name: str | None, package_name: str
) -> Pipeline:
    """Return the pipeline called ``name`` (``__default__`` when None).

    Raises:
        UnknownPipelineError: The name is not registered; the message says why (its
            module failed to import) or lists the close matches and the valid names.
    """
    key = name or DEFAULT
    if key in pipelines:
        return pipelines[key]
    failure = _FAILURES.get(package_name, {}).get(key)
    if failure is not None:
        raise UnknownPipelineError(
            f"pipeline {key!r} could not be loaded: {failure.reason}. Fix "
            f"{failure.module!r} and run again.",
            key,
        )
    raise UnknownPipelineError(
        f"pipeline {key!r} is not registered{did_you_mean(key, pipelines)}. Registered "
        f"pipelines: {quote_list(pipelines, limit=10)}.",
        key,
    )
