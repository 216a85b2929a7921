"""A pipeline as a static SVG (for the docs): the same layout, no script."""

from __future__ import annotations

from html import escape
from typing import Any

from ._graph import pipeline_edges
from ._layout import MAX_LABEL
from ._layout import element_width

__all__ = ["render_svg"]

_HEIGHT = {"node": 30, "dataset": 26, "param": 24}
_STYLE = {
    "node": 'fill="#fff" stroke="#334e68"',
    "dataset": 'fill="#dceefb" stroke="#2680c2"',
    "param": 'fill="#fffbea" stroke="#cb6e17" stroke-dasharray="3 2"',
}


def _cut(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "\u2026"


def render_svg(graph: dict[str, Any], pipeline: str) -> str:
    """Return one pipeline of ``build_graph``'s graph as an ``<svg>`` element.

    Args:
        graph: The output of ``build_graph``.
        pipeline: The pipeline's name.

    Returns:
        The SVG text, sized to the drawing, with a ``<title>`` per element.
    """
    elements = graph["elements"]
    layout = graph["pipelines"][pipeline]
    members: list[int] = layout["members"]
    local = {index: k for k, index in enumerate(members)}
    x, y = layout["x"], layout["y"]
    width, height = layout["width"], layout["height"]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="keel-pipeline" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="pipeline {escape(pipeline)}" '
        'font-family="sans-serif" font-size="12">'
    ]
    for name, top, bottom in layout["bands"]:
        parts.append(
            f'<rect x="0" y="{top}" width="{width}" height="{bottom - top}" '
            f'fill="#e4ecf4" opacity="0.55"/><text x="8" y="{top + 14}" '
            f'fill="#486581" font-weight="bold">{escape(name)}</text>'
        )
    for source, target in pipeline_edges(elements, members):
        a, b = local[source], local[target]
        y1 = y[a] + _HEIGHT[elements[source]["kind"]] / 2
        y2 = y[b] - _HEIGHT[elements[target]["kind"]] / 2
        mid = (y1 + y2) / 2
        parts.append(
            f'<path d="M{x[a]},{y1}C{x[a]},{mid} {x[b]},{mid} {x[b]},{y2}" '
            'fill="none" stroke="#9fb3c8" stroke-width="1.3"/>'
        )
    for k, index in enumerate(members):
        item = elements[index]
        kind = item["kind"]
        w, h = element_width(item["label"]), _HEIGHT[kind]
        rx = 6 if kind == "node" else 13
        parts.append(
            f'<g transform="translate({x[k]},{y[k]})"><title>{escape(item["name"])}'
            f'</title><rect x="{-w / 2}" y="{-h / 2}" width="{w}" height="{h}" '
            f'rx="{rx}" {_STYLE[kind]}/><text text-anchor="middle" '
            f'dominant-baseline="central">{escape(_cut(item["label"]))}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
