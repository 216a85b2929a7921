"""Catalog checks (KEEL-CAT…): entry types and arguments, and how pipelines use it."""

from __future__ import annotations

import functools
import inspect
import os
import posixpath
import re
from collections.abc import Iterator
from typing import Any

from .._errors import KeelError
from .._suggest import did_you_mean
from .._suggest import quote_list
from ._model import Finding
from ._project import ProjectFacts

__all__ = ["check_catalog"]

_RESERVED = frozenset({"type", "versioned"})
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@functools.lru_cache(maxsize=128)
def _signature(cls: type) -> tuple[frozenset[str], frozenset[str], bool] | None:
    """(accepted names, required names, takes **kwargs), or None if not knowable."""
    try:
        params = list(inspect.signature(cls).parameters.values())
    except (TypeError, ValueError):
        return None
    named = [p for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    return (
        frozenset(p.name for p in named),
        frozenset(p.name for p in named if p.default is p.empty) - {"version"},
        any(p.kind is p.VAR_KEYWORD for p in params),
    )


def _pattern(text: str) -> re.Pattern[str]:
    pieces = _PLACEHOLDER.split(text)
    return re.compile(".+?".join(map(re.escape, pieces)), re.IGNORECASE | re.DOTALL)


class _Catalog:
    """The merged catalog config: explicit names and factory patterns."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.explicit = {
            n for n in config if "{" not in n and not str(n).startswith("_")
        }
        self.patterns = [_pattern(n) for n in config if "{" in n]

    def __contains__(self, name: object) -> bool:
        return name in self.explicit or any(
            p.fullmatch(str(name)) for p in self.patterns
        )


def _is_param(name: str) -> bool:
    return name == "parameters" or name.startswith("params:")


def _entry(facts: ProjectFacts, name: str, config: Any) -> Iterator[Finding]:
    """CAT001, CAT002 and CAT007 for one catalog entry."""
    from ..datasets import resolve_dataset_type  # noqa: PLC0415 - no pandas inside

    path, line = facts.catalog_position(name)
    if not isinstance(config, dict) or "type" not in config:
        what = "has no 'type'" if isinstance(config, dict) else "is not a mapping"
        yield facts.finding(
            "KEEL-CAT001", f"catalog entry {name!r} {what}.", path, line
        )
        return
    type_line = facts.catalog_position(name, "type")[1]
    try:
        cls = resolve_dataset_type(config["type"], dataset_name=name)
    except KeelError as exc:
        yield facts.finding("KEEL-CAT001", str(exc), path, type_line)
        return
    except Exception as exc:  # the user's module fails while it is imported
        yield facts.finding(
            "KEEL-CAT001",
            f"catalog entry {name!r} has type {config['type']!r}, whose module fails "
            f"to import: {type(exc).__name__}: {exc}.",
            path,
            type_line,
        )
        return
    yield from _arguments(facts, name, cls, config)
    yield from _filepath(facts, name, config.get("filepath"))


def _arguments(
    facts: ProjectFacts, name: str, cls: type, config: dict[str, Any]
) -> Iterator[Finding]:
    signature = _signature(cls)
    if signature is None:
        return
    accepted, required, any_keyword = signature
    arguments = {k for k in config if k not in _RESERVED}
    type_name = config["type"]
    path, line = facts.catalog_position(name)
    missing = required - arguments
    if missing:
        yield facts.finding(
            "KEEL-CAT002",
            f"catalog entry {name!r} is missing argument {quote_list(missing)}, "
            f"required by {type_name}.",
            path,
            line,
        )
    if any_keyword:
        return
    for key in sorted(arguments - accepted):
        choices = sorted(accepted - {"version"})
        yield facts.finding(
            "KEEL-CAT002",
            f"catalog entry {name!r} has argument {key!r}, which {type_name} does not "
            f"take{did_you_mean(key, choices)}. Its arguments are "
            f"{quote_list(choices, limit=10)}.",
            path,
            facts.catalog_position(name, key)[1],
        )


def _filepath(facts: ProjectFacts, name: str, raw: Any) -> Iterator[Finding]:
    if not isinstance(raw, str):
        return
    text = raw[len("file://") :] if raw.lower().startswith("file://") else raw
    if "://" in text:  # remote storage: not a project file
        return
    normal = posixpath.normpath(text.replace(os.sep, "/"))
    if not os.path.isabs(text) and normal.startswith("data/"):
        return
    path, line = facts.catalog_position(name, "filepath")
    yield facts.finding(
        "KEEL-CAT007",
        f"catalog entry {name!r} has filepath {raw!r}, which is outside data/.",
        path,
        line,
    )


def _param_keys(params: dict[str, Any]) -> set[str]:
    keys: set[str] = set()
    stack = [(str(k), v) for k, v in params.items()]
    while stack:
        key, value = stack.pop()
        keys.add(key)
        if isinstance(value, dict):
            stack.extend((f"{key}.{k}", v) for k, v in value.items())
    return keys


def _where(facts: ProjectFacts, name: str, node: Any = None) -> tuple[Any, Any]:
    """Where the pipeline code writes ``name``; else where the node's function is."""
    path, line = facts.written_at(name, name.rsplit(".", 1)[-1])
    if path is None and node is not None:
        code = getattr(getattr(node, "func", None), "__code__", None)
        if code is not None:
            return code.co_filename, code.co_firstlineno
    return path, line


def _inputs(
    facts: ProjectFacts, catalog: _Catalog, pipelines: dict[str, Any]
) -> Iterator[Finding]:
    """CAT003: free inputs that are neither in the catalog nor parameters."""
    needed: dict[str, list[str]] = {}
    for pipe_name, pipe in sorted(pipelines.items()):
        for dataset in pipe.inputs():
            if not _is_param(dataset) and dataset not in catalog:
                needed.setdefault(dataset, []).append(pipe_name)
    makers = {
        out: name
        for name, pipe in sorted(pipelines.items())
        for out in pipe.all_outputs()
    }
    for dataset, users in sorted(needed.items()):
        consumer = next(
            (n for p in pipelines.values() for n in p.nodes if dataset in n.inputs),
            None,
        )
        made = (
            f"; pipeline {makers[dataset]!r} makes it, but only in memory"
            if dataset in makers
            else did_you_mean(dataset, catalog.explicit | set(makers))
        )
        path, line = _where(facts, dataset, consumer)
        yield facts.finding(
            "KEEL-CAT003",
            f"dataset {dataset!r}, an input of pipeline {quote_list(users)}, is not "
            f"in the catalog{made}.",
            path,
            line,
        )


def _params(
    facts: ProjectFacts, params: dict[str, Any], pipelines: dict[str, Any]
) -> Iterator[Finding]:
    """CAT004: ``params:`` inputs that name no parameter."""
    keys = _param_keys(params)
    seen: set[str] = set()
    for pipe in pipelines.values():
        for node in pipe.nodes:
            for dataset in node.inputs:
                key = dataset.removeprefix("params:")
                if dataset == key or key in keys or key in seen:
                    continue
                seen.add(key)
                path, line = _where(facts, dataset, node)
                yield facts.finding(
                    "KEEL-CAT004",
                    f"node {node.name!r} asks for parameter {key!r}, which does not "
                    f"exist{did_you_mean(key, keys)}.",
                    path,
                    line,
                )


def _outputs_and_unused(
    facts: ProjectFacts, catalog: _Catalog, pipelines: dict[str, Any], *, unused: bool
) -> Iterator[Finding]:
    """CAT005 (outputs nothing keeps or uses) and CAT006 (entries nothing uses)."""
    nodes = {n.name: n for p in pipelines.values() for n in p.nodes}
    consumed = {d for n in nodes.values() for d in n.inputs}
    for node_name, node in sorted(nodes.items()):
        for output in node.outputs:
            if output in consumed or output in catalog:
                continue
            path, line = _where(facts, output, node)
            yield facts.finding(
                "KEEL-CAT005",
                f"output {output!r} of node {node_name!r} is neither saved by the "
                f"catalog nor used by a node{did_you_mean(output, catalog.explicit)}.",
                path,
                line,
            )
    if not unused:
        return
    used = consumed | {d for n in nodes.values() for d in n.outputs}
    for name in sorted(catalog.explicit - used):
        path, line = facts.catalog_position(name)
        yield facts.finding(
            "KEEL-CAT006",
            f"catalog entry {name!r} is not used by any registered pipeline"
            f"{did_you_mean(name, used)}.",
            path,
            line,
        )


def check_catalog(facts: ProjectFacts) -> Iterator[Finding]:
    """Run the catalog checks.

    Args:
        facts: The project.

    Yields:
        The findings of KEEL-CAT001 to KEEL-CAT008 (and KEEL-LAY005 when a pipeline
        does not load).
    """
    config, problem = facts.load("catalog")
    if problem is not None:
        yield problem
    params, problem = facts.load("parameters")
    if problem is not None:
        yield problem
    for name, entry in config.items():
        if not str(name).startswith("_"):
            yield from _entry(facts, str(name), entry)
    pipelines, problems = facts.pipelines
    yield from problems
    catalog = _Catalog(config)
    yield from _inputs(facts, catalog, pipelines)
    if problem is None:
        yield from _params(facts, params, pipelines)
    yield from _outputs_and_unused(
        facts, catalog, pipelines, unused=not problems and bool(pipelines)
    )
