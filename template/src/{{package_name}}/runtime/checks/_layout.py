"""Layout checks (KEEL-LAY…): pipeline packages, their tests, their node functions."""

from __future__ import annotations

import functools
import inspect
import types
from collections.abc import Callable
from collections.abc import Iterator
from typing import Any

from ._model import Finding
from ._project import ProjectFacts

__all__ = ["check_layout"]

_IMMUTABLE = (str, bytes, int, float, complex, bool, tuple, frozenset, type(None))


def _packages(facts: ProjectFacts) -> Iterator[Finding]:
    """LAY001 and LAY002 for each folder of ``src/<package>/pipelines``."""
    folder = facts.root / "src" / facts.package / "pipelines"
    if not folder.is_dir():
        return
    for package in sorted(folder.iterdir()):
        if not package.is_dir() or package.name.startswith((".", "_")):
            continue
        name = package.name
        missing = [
            f for f in ("nodes.py", "pipeline.py") if not (package / f).is_file()
        ]
        if missing:
            yield facts.finding(
                "KEEL-LAY001",
                f"pipeline package {name!r} has no {' and no '.join(missing)}.",
                package,
            )
        tests = facts.root / "tests" / "pipelines" / name
        if not any(tests.glob("test_*.py")):
            yield facts.finding(
                "KEEL-LAY002",
                f"pipeline {name!r} has no tests: tests/pipelines/{name}/ holds no "
                "test_*.py file.",
                package,
            )


def _mutable(obj: object) -> bool:
    if isinstance(obj, (*_IMMUTABLE, type, types.ModuleType)):
        return False
    params = getattr(type(obj), "__dataclass_params__", None)
    return not (params is not None and params.frozen)


def _location(func: Any) -> tuple[str | None, int | None]:
    code = getattr(inspect.unwrap(func), "__code__", None)
    if code is None:
        return None, None
    return code.co_filename, code.co_firstlineno


def _function_problem(func: Callable[..., Any]) -> str | None:
    """Why ``func`` is not a plain function, or None."""
    if isinstance(func, types.FunctionType) and func.__name__ == "<lambda>":
        return "is a lambda"
    if isinstance(func, types.MethodType):
        owner = func.__self__
        if _mutable(owner):
            return (
                f"is a method bound to a {type(owner).__name__} object, whose state "
                "can change between runs"
            )
        return None
    if isinstance(func, (types.FunctionType, types.BuiltinFunctionType)):
        return None
    return f"is a callable {type(func).__name__} object, not a function"


def _nodes(facts: ProjectFacts) -> Iterator[Finding]:
    """LAY003 and LAY004 for the function of every node of every pipeline."""
    pipelines, problems = facts.pipelines
    yield from problems
    seen: set[int] = set()
    nodes = {n.name: n for p in pipelines.values() for n in p.nodes}
    for node_name, node in sorted(nodes.items()):
        func = node.func
        while isinstance(func, functools.partial):
            func = func.func
        if id(func) in seen:
            continue
        seen.add(id(func))
        path, line = _location(func)
        problem = _function_problem(func)
        if problem is not None:
            yield facts.finding(
                "KEEL-LAY004", f"node {node_name!r}'s function {problem}.", path, line
            )
            continue
        module = getattr(func, "__module__", "") or ""
        ours = module == facts.package or module.startswith(f"{facts.package}.")
        if ours and path is not None and not inspect.getdoc(func):
            yield facts.finding(
                "KEEL-LAY003",
                f"function {func.__qualname__!r} (node {node_name!r}) has no "
                "docstring.",
                path,
                line,
            )


def check_layout(facts: ProjectFacts) -> Iterator[Finding]:
    """Run the layout checks.

    Args:
        facts: The project.

    Yields:
        The findings of KEEL-LAY001 to KEEL-LAY005.
    """
    yield from _packages(facts)
    yield from _nodes(facts)
