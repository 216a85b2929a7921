"""The picture of a project: its registered pipelines and its catalog config."""

from __future__ import annotations

from typing import Any

from ..project import KeelSession
from ..project import console_command
from ._graph import build_graph

__all__ = ["project_graph"]


def project_graph(session: KeelSession) -> dict[str, Any]:
    """Describe and lay out a session's registered pipelines (no data is read).

    Args:
        session: The project's session.

    Returns:
        The graph for ``render_html``, ``render_mermaid`` and ``render_svg``.
    """
    context = session.load_context()
    config = context.config_loader.get("catalog", {}) or {}
    resolver = context.catalog.config_resolver
    return build_graph(
        session.pipelines,
        config,
        match_pattern=resolver.match_pattern,
        project_path=session.project_path,
        command=console_command(session.project_path, session.package_name),
        title=session.package_name,
    )
