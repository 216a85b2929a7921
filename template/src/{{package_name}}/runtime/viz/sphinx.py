"""Sphinx extension: a diagram of each registered pipeline, drawn at build time.

Add ``"<package>.runtime.viz.sphinx"`` to ``extensions`` in docs/conf.py and put
the directive in a page (MyST)::

    ```{pipeline-diagrams}
    ```

Each pipeline gets a heading, an inline SVG (no script, no network: the layout is
the ``viz`` page's) and its Mermaid source. The project is the parent folder of
docs/ unless ``pipeline_diagrams_project`` says otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive

from .._errors import KeelError
from ..project import KeelSession
from ..project import console_command
from ._graph import DEFAULT_PIPELINE
from ._mermaid import render_mermaid
from ._project import project_graph
from ._svg import render_svg

__all__ = ["PipelineDiagrams", "setup"]

_PACKAGE = __package__.rsplit(".", 2)[0]  # "<package>" of "<package>.runtime.viz"
_BOX = '<div class="keel-pipeline-diagram" style="overflow:auto;max-height:80vh">'


class PipelineDiagrams(Directive):
    """``pipeline-diagrams``: one SVG and one Mermaid block per registered pipeline."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        env = self.state.document.settings.env
        configured = env.config.pipeline_diagrams_project
        root = Path(configured or Path(env.app.confdir).parent).resolve()
        try:
            with KeelSession.create(_PACKAGE, project_path=root) as session:
                graph = project_graph(session)
        except KeelError as exc:
            raise self.error(f"pipeline-diagrams: {exc}") from exc
        names = [name for name in graph["pipelines"] if name != DEFAULT_PIPELINE]
        if not names and graph["pipelines"].get(DEFAULT_PIPELINE, {}).get("members"):
            names = [DEFAULT_PIPELINE]
        if not names:
            command = console_command(root, _PACKAGE)
            text = f"No pipelines yet: add one with '{command} pipeline create NAME'."
            return [nodes.paragraph(text, text)]
        output: list[nodes.Node] = []
        for name in names:
            output.append(nodes.rubric(name, name))
            svg = render_svg(graph, name)
            output.append(nodes.raw("", f"{_BOX}{svg}</div>", format="html"))
            mermaid = render_mermaid(graph, name)
            block = nodes.literal_block(mermaid, mermaid, language="text")
            output.append(block)
        return output


def setup(app: Any) -> dict[str, Any]:
    """Register the directive and its setting (called by Sphinx)."""
    app.add_config_value("pipeline_diagrams_project", None, "env")
    app.add_directive("pipeline-diagrams", PipelineDiagrams)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
