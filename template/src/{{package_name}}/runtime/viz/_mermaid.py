"""A pipeline as a Mermaid flowchart: nodes, datasets, namespaces as subgraphs."""

from __future__ import annotations

from typing import Any

from ._graph import pipeline_edges

__all__ = ["render_mermaid"]

_SHAPES = {"node": ('(["', '"])'), "dataset": ('[("', '")]'), "param": ('>"', '"]')}


def _label(text: str) -> str:
    return text.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def render_mermaid(graph: dict[str, Any], pipeline: str) -> str:
    """Return a Mermaid ``flowchart TD`` of one pipeline of ``build_graph``'s graph.

    Nodes are stadiums, datasets cylinders, parameters flags; each namespace is a
    subgraph holding its nodes.

    Args:
        graph: The output of ``build_graph``.
        pipeline: The pipeline's name.

    Returns:
        The Mermaid text, ending with a newline.

    Raises:
        KeyError: The graph has no such pipeline.
    """
    elements = graph["elements"]
    members: list[int] = graph["pipelines"][pipeline]["members"]
    ids = {index: f"{elements[index]['kind'][0]}{index}" for index in members}
    lines = ["flowchart TD"]
    by_namespace: dict[str, list[int]] = {}
    for index in members:
        item = elements[index]
        if item["kind"] == "node" and item.get("namespace"):
            by_namespace.setdefault(item["namespace"], []).append(index)
            continue
        start, end = _SHAPES[item["kind"]]
        lines.append(f"    {ids[index]}{start}{_label(item['label'])}{end}")
    for number, (namespace, indexes) in enumerate(sorted(by_namespace.items())):
        lines.append(f'    subgraph ns{number}["{_label(namespace)}"]')
        for index in indexes:
            start, end = _SHAPES["node"]
            label = _label(elements[index]["label"])
            lines.append(f"        {ids[index]}{start}{label}{end}")
        lines.append("    end")
    for source, target in pipeline_edges(elements, members):
        lines.append(f"    {ids[source]} --> {ids[target]}")
    lines.append("    classDef dataset fill:#dceefb,stroke:#2680c2")
    lines.append("    classDef param fill:#fffbea,stroke:#cb6e17")
    for kind in ("dataset", "param"):
        chosen = [ids[i] for i in members if elements[i]["kind"] == kind]
        if chosen:
            lines.append(f"    class {','.join(chosen)} {kind}")
    return "\n".join(lines) + "\n"
