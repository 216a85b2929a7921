"""Check a run's filters against the pipeline, so a typo gets a precise message."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._errors import ProjectError
from .._suggest import did_you_mean
from .._suggest import quote_list
from ..graph import Pipeline

__all__ = ["RunFilterError", "apply_filters", "namespaces_of"]


_FLAGS = {
    "tags": "--tags",
    "node_names": "--nodes",
    "from_nodes": "--from-nodes",
    "to_nodes": "--to-nodes",
    "from_inputs": "--from-inputs",
    "to_outputs": "--to-outputs",
    "namespaces": "--namespaces",
}


class RunFilterError(ProjectError):
    """A run filter names a node, tag, namespace or dataset the pipeline lacks."""

    def __init__(self, message: str, kind: str, name: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.name = name


def namespaces_of(pipeline: Pipeline) -> set[str]:
    """Return every namespace in ``pipeline``, with each parent (``a`` for ``a.b``)."""
    found: set[str] = set()
    for node in pipeline.nodes:
        parts = (node.namespace or "").split(".")
        found.update(".".join(parts[: i + 1]) for i in range(len(parts)) if parts[0])
    return found


def _check(kind: str, names: Iterable[str], valid: set[str], where: str) -> None:
    for name in names:
        if name not in valid:
            listing = quote_list(valid, limit=10) if valid else "none"
            plural = "namespaces" if kind == "namespace" else f"{kind}s"
            raise RunFilterError(
                f"{kind} {name!r} is not in {where}{did_you_mean(name, valid)}. "
                f"Valid {plural}: {listing}.",
                kind,
                name,
            )


def apply_filters(pipeline: Pipeline, name: str, filters: dict[str, Any]) -> Pipeline:
    """Check each filter's names, then return ``pipeline.filter(...)``.

    Args:
        pipeline: The selected pipeline.
        name: Its registry name (for messages).
        filters: ``tags``, ``node_names``, ``from_nodes``, ``to_nodes``,
            ``from_inputs``, ``to_outputs``, ``namespaces`` -> list of names or None.

    Returns:
        The filtered pipeline; never empty.

    Raises:
        RunFilterError: A name is unknown (with close matches and the valid names), or
            the filters together select no node.
    """
    where = f"pipeline {name!r}"
    nodes = {node.name for node in pipeline.nodes}
    tags = set().union(*(node.tags for node in pipeline.nodes))
    for key in ("node_names", "from_nodes", "to_nodes"):
        _check("node", filters.get(key) or (), nodes, where)
    _check("tag", filters.get("tags") or (), tags, where)
    _check("namespace", filters.get("namespaces") or (), namespaces_of(pipeline), where)
    _check("dataset", filters.get("from_inputs") or (), pipeline.all_inputs(), where)
    _check("dataset", filters.get("to_outputs") or (), pipeline.all_outputs(), where)
    chosen = {key: value for key, value in filters.items() if value}
    if not chosen:
        return pipeline
    filtered = pipeline.filter(
        tags=chosen.get("tags"),
        from_nodes=chosen.get("from_nodes"),
        to_nodes=chosen.get("to_nodes"),
        node_names=chosen.get("node_names"),
        from_inputs=chosen.get("from_inputs"),
        to_outputs=chosen.get("to_outputs"),
        node_namespaces=chosen.get("namespaces"),
    )
    if not filtered.nodes:
        used = ", ".join(_FLAGS.get(key, key) for key in sorted(chosen))
        raise RunFilterError(
            f"{where} has no node left after the filters {used}. They select disjoint "
            "parts of the pipeline; loosen one of them.",
            "filters",
            name,
        )
    return filtered
