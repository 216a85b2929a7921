"""The commands that only read: catalog list/describe, registry list/describe, info."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .._errors import DatasetNotFoundError
from .._suggest import did_you_mean
from ..project import KeelSession
from ..project import project_metadata
from ._parser import split_list

__all__ = [
    "catalog_describe",
    "catalog_list",
    "classify_datasets",
    "info",
    "registry_describe",
    "registry_list",
    "runtime_version",
]

_SECRET = re.compile(r"credential|password|passwd|secret|token|api_?key", re.IGNORECASE)
_KINDS = ("catalog", "factory", "memory", "parameters")


def _explicit_entries(session: KeelSession) -> set[str]:
    """Catalog entries written out in config (not patterns, not ``_anchors``)."""
    conf = session.load_context().config_loader.get("catalog", {}) or {}
    return {name for name in conf if "{" not in name and not name.startswith("_")}


def classify_datasets(
    names: set[str], explicit: set[str], catalog: Any
) -> dict[str, list[str]]:
    """Sort dataset names into ``catalog``, ``factory``, ``memory``, ``parameters``.

    Args:
        names: The datasets of a pipeline.
        explicit: The entries the catalog config writes out.
        catalog: The data catalog (``name in catalog`` is true for factory matches).

    Returns:
        Kind -> sorted names.
    """
    kinds: dict[str, list[str]] = {kind: [] for kind in _KINDS}
    for name in sorted(names):
        if name == "parameters" or name.startswith("params:"):
            kinds["parameters"].append(name)
        elif name in explicit:
            kinds["catalog"].append(name)
        elif name in catalog:
            kinds["factory"].append(name)
        else:
            kinds["memory"].append(name)
    return kinds


def catalog_list(args: Any, session: KeelSession) -> int:
    """Print each pipeline's datasets by kind, then entries that no pipeline uses."""
    catalog = session.load_context().catalog
    explicit = _explicit_entries(session)
    selected = split_list(args.pipeline) or sorted(session.pipelines)
    for name in selected:
        pipeline = session.get_pipeline(name)
        kinds = classify_datasets(pipeline.datasets(), explicit, catalog)
        print(f"pipeline {name!r}: {len(pipeline.datasets())} datasets")
        for kind, names in kinds.items():
            if names:
                print(f"  {kind} ({len(names)}): {', '.join(names)}")
    used = set().union(*(p.datasets() for p in session.pipelines.values()))
    unused = sorted(explicit - used)
    if unused:
        print(f"catalog entries no pipeline uses ({len(unused)}): {', '.join(unused)}")
    return 0


def _hide_secrets(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: "<hidden>" if _SECRET.search(str(key)) else _hide_secrets(item)
            for key, item in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [_hide_secrets(item) for item in value]
    return value


def _print_mapping(mapping: dict[str, Any], indent: int) -> None:
    for key, value in mapping.items():
        if isinstance(value, dict) and value:
            print(f"{' ' * indent}{key}:")
            _print_mapping(value, indent + 2)
        else:
            print(f"{' ' * indent}{key}: {value}")


def catalog_describe(args: Any, session: KeelSession) -> int:
    """Print one dataset's settings and the pipelines that use it (no credentials)."""
    catalog = session.load_context().catalog
    name = args.name
    users = sorted(n for n, p in session.pipelines.items() if name in p.datasets())
    if name not in catalog:
        if not users:
            known = set(catalog.keys()).union(
                *(p.datasets() for p in session.pipelines.values())
            )
            raise DatasetNotFoundError(
                f"dataset {name!r} is not in the catalog or any pipeline"
                f"{did_you_mean(name, known)}. Run 'catalog list' to see the datasets."
            )
        print(f"dataset {name!r}: memory (not in the catalog)")
    else:
        print(f"dataset {name!r}:")
        _print_mapping(_hide_secrets(dict(catalog.describe(name))), 2)
    print(f"  used by pipelines: {', '.join(users) if users else 'none'}")
    return 0


def registry_list(_args: Any, session: KeelSession) -> int:
    """Print the registered pipelines with their node counts."""
    for name, pipeline in sorted(session.pipelines.items()):
        print(f"{name} ({len(pipeline.nodes)} nodes)")
    return 0


def registry_describe(args: Any, session: KeelSession) -> int:
    """Print a pipeline's nodes in run order, with inputs, outputs and tags."""
    pipeline = session.get_pipeline(args.name)
    print(f"pipeline {args.name!r}: {len(pipeline.nodes)} nodes")
    for index, node in enumerate(pipeline.nodes, start=1):
        tags = f"  [tags: {', '.join(sorted(node.tags))}]" if node.tags else ""
        inputs = ", ".join(node.inputs) or "-"
        outputs = ", ".join(node.outputs) or "-"
        print(f"  {index}. {node.name}: {inputs} -> {outputs}{tags}")
    print(f"inputs: {', '.join(sorted(pipeline.inputs())) or '-'}")
    print(f"outputs: {', '.join(sorted(pipeline.outputs())) or '-'}")
    return 0


def runtime_version(project_path: str | Path) -> str:
    """Return the template version the runtime came with (``_commit`` of the answers).

    Args:
        project_path: The project root.

    Returns:
        The version, or ``unknown`` when the project has no ``.copier-answers.yml``.
    """
    try:
        text = (Path(project_path) / ".copier-answers.yml").read_text(encoding="utf-8")
    except OSError:
        return "unknown"
    match = re.search(r"^_commit:\s*['\"]?([^'\"\s]+)", text, re.MULTILINE)
    return match.group(1) if match else "unknown"


def info(_args: Any, session: KeelSession) -> int:
    """Print the project's name, package, runtime version, env, conf and pipelines."""
    meta = project_metadata(session.project_path)
    pipelines = ", ".join(
        f"{name} ({len(p.nodes)})" for name, p in sorted(session.pipelines.items())
    )
    rows = (
        ("project", meta.get("name", session.project_path.name)),
        ("version", meta.get("version", "unknown")),
        ("package", session.package_name),
        ("runtime", runtime_version(session.project_path)),
        ("path", str(session.project_path)),
        ("env", session.env),
        ("conf source", str(session.conf_source)),
        ("pipelines", pipelines or "none"),
    )
    for label, value in rows:
        print(f"{label + ':':<13}{value}")
    return 0
