"""One self-contained HTML page: the data as JSON, the drawing code inline."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

__all__ = ["render_html"]

_HERE = Path(__file__).resolve().parent

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{title} - pipelines</title>
<style>{css}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<label>Pipeline <select id="pipeline"></select></label>
<label>Tag <select id="tag"><option value="">all nodes</option></select></label>
<label>Find
<input id="find" list="names" placeholder="node or dataset" size="22"></label>
<datalist id="names"></datalist>
<button id="fit" type="button">Fit</button>
<span id="count"></span>
</header>
<main>
<div id="stage"></div>
<aside><div id="details"><p>Click a node or a dataset to see its details.
Drag to pan, scroll to zoom.</p></div><div id="namespaces"></div></aside>
</main>
<script type="application/json" id="keel-data">{data}</script>
<script>{js}</script>
</body>
</html>
"""


def _json_for_script(graph: dict[str, Any]) -> str:
    """JSON that cannot end the ``<script>`` element it sits in."""
    text = json.dumps(graph, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_html(graph: dict[str, Any]) -> str:
    """Return the page for a graph built by ``build_graph``.

    The page needs no network and no server: the styles, the script and the data
    are all inside it, so it opens from disk.

    Args:
        graph: The output of ``build_graph``.

    Returns:
        The HTML text.
    """
    return _PAGE.format(
        title=html.escape(str(graph.get("title", "pipelines"))),
        css=(_HERE / "_page.css").read_text(encoding="utf-8"),
        js=(_HERE / "_page.js").read_text(encoding="utf-8"),
        data=_json_for_script(graph),
    )
