"""The pipeline picture: a self-contained HTML page, a Mermaid flowchart, an SVG.

``build_graph`` describes and lays out the registered pipelines (no data is read);
``render_html``, ``render_mermaid`` and ``render_svg`` turn that into text.
"""

from __future__ import annotations

__all__ = [
    "build_graph",
    "compute_layout",
    "dataset_layer",
    "project_graph",
    "render_html",
    "render_mermaid",
    "render_svg",
]

from ._graph import build_graph
from ._html import render_html
from ._layout import compute_layout
from ._mermaid import render_mermaid
from ._model import dataset_layer
from ._project import project_graph
from ._svg import render_svg
