"""The whole picture as JSON-ready data: elements once, a layout per pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..graph import Pipeline
from ._layout import compute_layout
from ._layout import element_width
from ._model import PatternMatcher
from ._model import pipeline_elements

__all__ = ["DEFAULT_PIPELINE", "build_graph", "pipeline_edges"]

DEFAULT_PIPELINE = "__default__"


def pipeline_edges(
    elements: list[dict[str, Any]], members: list[int]
) -> list[tuple[int, int]]:
    """Return the edges among ``members``: dataset -> node and node -> dataset."""
    edges: list[tuple[int, int]] = []
    for i in members:
        item = elements[i]
        if item["kind"] == "node":
            edges.extend((d, i) for d in item["inputs"])
            edges.extend((i, d) for d in item["outputs"])
    return edges


def _layout(elements: list[dict[str, Any]], members: list[int]) -> dict[str, Any]:
    local = {element: k for k, element in enumerate(members)}
    preds: list[list[int]] = [[] for _ in members]
    succs: list[list[int]] = [[] for _ in members]
    edges = pipeline_edges(elements, members)
    for source, target in edges:
        preds[local[target]].append(local[source])
        succs[local[source]].append(local[target])
    labels = [elements[i]["label"] for i in members]
    layout = compute_layout(
        range(len(members)),
        preds,
        succs,
        [elements[i].get("layer") for i in members],
        [element_width(label) for label in labels],
    )
    return {
        "members": members,
        "x": layout.x,
        "y": layout.y,
        "edges": [value for edge in edges for value in edge],
        "width": layout.width,
        "height": layout.height,
        "bands": [list(band) for band in layout.bands],
    }


def build_graph(
    pipelines: Mapping[str, Pipeline],
    catalog_config: Mapping[str, Any] | None = None,
    *,
    match_pattern: PatternMatcher | None = None,
    project_path: Path | None = None,
    command: str = "python -m <package>",
    title: str = "pipelines",
) -> dict[str, Any]:
    """Describe and lay out every pipeline, ready for ``render_html``.

    Args:
        pipelines: The registered pipelines by name.
        catalog_config: The catalog configuration, for layers and dataset types.
        match_pattern: Returns the factory pattern that a dataset name matches.
        project_path: The project root, for relative source paths.
        command: The project's command, for the ``run`` commands shown.
        title: The page's title (the project's name).

    Returns:
        ``elements``, ``pipelines`` (name -> layout), ``default``, ``tags``,
        ``namespaces``, ``command`` and ``title``.
    """
    elements, members = pipeline_elements(
        pipelines,
        catalog_config,
        match_pattern=match_pattern,
        project_path=project_path,
    )
    tags: set[str] = set()
    namespaces: set[str] = set()
    for item in elements:
        tags.update(item["tags"])
        namespace = item.get("namespace")
        if namespace:
            parts = namespace.split(".")
            namespaces.update(".".join(parts[: k + 1]) for k in range(len(parts)))
    names = sorted(members, key=lambda name: (name != DEFAULT_PIPELINE, name))
    default = DEFAULT_PIPELINE if DEFAULT_PIPELINE in members else (names or [""])[0]
    return {
        "title": title,
        "command": command,
        "default": default,
        "elements": elements,
        "pipelines": {name: _layout(elements, members[name]) for name in names},
        "tags": sorted(tags),
        "namespaces": sorted(namespaces),
    }
