"""``viz``: the pipeline picture as one HTML file, or a Mermaid flowchart.

Only argparse is needed to add the command (``add_viz``); the picture's code is
imported when the command runs, so ``--help`` stays instant.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

if TYPE_CHECKING:
    import argparse

    from ..project import KeelSession

__all__ = ["DEFAULT_OUTPUT", "add_viz", "viz_command"]

DEFAULT_OUTPUT = ".keel/pipelines.html"


def add_viz(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``viz`` command to the command line's subparsers."""
    viz = sub.add_parser(
        "viz",
        parents=[common],
        help="draw the pipelines: one HTML file, or a Mermaid flowchart",
        description="Write one self-contained HTML page of the pipelines (it opens "
        "from disk: no server, no network), or print a Mermaid flowchart.",
    )
    viz.set_defaults(handler="_viz:viz_command")
    viz.add_argument(
        "-p",
        "--pipeline",
        help="pipeline shown first (html) or drawn (mermaid); default __default__",
    )
    viz.add_argument(
        "-f",
        "--format",
        choices=("html", "mermaid", "json"),
        default="html",
        help="html (default) writes a page; mermaid and json print to stdout",
    )
    viz.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help=f"where the page goes (default: {DEFAULT_OUTPUT} in the project)",
    )


def viz_command(args: Any, session: KeelSession) -> int:
    """Write the HTML page, or print the Mermaid or JSON text of a pipeline."""
    import json  # noqa: PLC0415 - keeps --help fast

    from ..viz import project_graph  # noqa: PLC0415 - keeps --help fast
    from ..viz import render_html  # noqa: PLC0415 - keeps --help fast
    from ..viz import render_mermaid  # noqa: PLC0415 - keeps --help fast

    name = args.pipeline or "__default__"
    session.get_pipeline(name)  # an unknown name fails here, with close matches
    graph = project_graph(session)
    if args.format == "mermaid":
        print(render_mermaid(graph, name), end="")
        return 0
    if args.format == "json":
        print(json.dumps(graph, indent=1))
        return 0
    graph["default"] = name
    output = Path(args.output) if args.output else session.project_path / DEFAULT_OUTPUT
    output = output.expanduser().resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    temporary = output.with_name(output.name + ".tmp")
    temporary.write_text(render_html(graph), encoding="utf-8")
    temporary.replace(output)
    nodes = sum(1 for item in graph["elements"] if item["kind"] == "node")
    print(f"wrote {output} ({nodes} nodes); open it in a browser: {output.as_uri()}")
    return 0
