"""The picture's data: nodes and datasets of each pipeline, their layers and sources.

Only the registered pipelines and the catalog *configuration* are read: no dataset is
created and no data is loaded, so drawing a project never touches its data.
"""

from __future__ import annotations

import contextlib
import inspect
import re
from collections.abc import Callable
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..graph import Node
from ..graph import Pipeline

__all__ = ["KNOWN_LAYERS", "dataset_layer", "describe_node", "pipeline_elements"]

# Kedro's data layers, in data-flow order (``data/01_raw`` … ``data/08_reporting``).
KNOWN_LAYERS = (
    "raw",
    "intermediate",
    "primary",
    "feature",
    "model_input",
    "models",
    "model_output",
    "reporting",
)
_LAYER_FOLDER = re.compile(r"(?:^|[/\\])data[/\\](\d+)_([A-Za-z0-9_]+)[/\\]")

PatternMatcher = Callable[[str], "str | None"]


def _entry_config(
    name: str, catalog_config: Mapping[str, Any], match_pattern: PatternMatcher | None
) -> Mapping[str, Any]:
    config = catalog_config.get(name)
    if config is None and match_pattern is not None:
        pattern = match_pattern(name)
        config = catalog_config.get(pattern) if pattern else None
    return config if isinstance(config, Mapping) else {}


def dataset_layer(config: Mapping[str, Any]) -> str | None:
    """Return a catalog entry's data layer.

    The layer is ``metadata: {layer: …}`` when set, else the ``data/0N_<layer>``
    folder of its ``filepath``.

    Args:
        config: The entry's configuration.

    Returns:
        The layer name, or None when neither says.
    """
    metadata = config.get("metadata")
    if isinstance(metadata, Mapping):
        layer = metadata.get("layer")
        if isinstance(layer, str) and layer:
            return layer
    filepath = config.get("filepath")
    if isinstance(filepath, str):
        match = _LAYER_FOLDER.search(filepath.replace("\\", "/"))
        if match:
            return match.group(2)
    return None


def _source(func: Callable[..., Any], project_path: Path | None) -> tuple[str, int]:
    target = inspect.unwrap(getattr(func, "func", func))  # functools.partial
    try:
        path = inspect.getsourcefile(target) or ""
    except TypeError:  # a builtin or a callable object without source
        return "", 0
    code = getattr(target, "__code__", None)
    line = code.co_firstlineno if code is not None else 0
    if path and project_path is not None:
        with contextlib.suppress(ValueError):  # a file outside the project
            path = Path(path).resolve().relative_to(project_path).as_posix()
    return path, line


def describe_node(node: Node, project_path: Path | None = None) -> dict[str, Any]:
    """Return what the picture shows about a node: function, docstring, source.

    Args:
        node: The node.
        project_path: The project root; source paths inside it are made relative.

    Returns:
        ``func``, ``doc``, ``file`` and ``line`` (0 when unknown).
    """
    func = node.func
    target = getattr(func, "func", func)
    path, line = _source(func, project_path)
    return {
        "func": getattr(target, "__qualname__", type(target).__name__),
        "doc": inspect.getdoc(target) or "",
        "file": path,
        "line": line,
    }


def _default_type(is_param: bool) -> str:
    return "parameters" if is_param else "MemoryDataset"


class _Elements:
    """Nodes and datasets of all pipelines, each once, numbered in first-seen order."""

    def __init__(
        self,
        catalog_config: Mapping[str, Any],
        match_pattern: PatternMatcher | None,
        project_path: Path | None,
    ) -> None:
        self.items: list[dict[str, Any]] = []
        self.index: dict[str, int] = {}
        self._config = catalog_config
        self._match = match_pattern
        self._project_path = project_path

    def dataset(self, name: str) -> int:
        key = f"d:{name}"
        found = self.index.get(key)
        if found is not None:
            return found
        is_param = name == "parameters" or name.startswith("params:")
        config = {} if is_param else _entry_config(name, self._config, self._match)
        kind = "param" if is_param else "dataset"
        dataset_type = config.get("type") if config else None
        item = {
            "kind": kind,
            "name": name,
            "label": name,
            "namespace": None,
            "tags": [],
            "layer": None if is_param else dataset_layer(config),
            "type": str(dataset_type or _default_type(is_param)),
            "filepath": str(config.get("filepath", "")) if config else "",
        }
        return self._add(key, item)

    def node(self, node: Node) -> int:
        key = f"n:{node.name}"
        found = self.index.get(key)
        if found is not None:
            return found
        item = {
            "kind": "node",
            "name": node.name,
            "label": node.short_name,
            "namespace": node.namespace,
            "tags": sorted(node.tags),
            "inputs": [self.dataset(name) for name in node.inputs],
            "outputs": [self.dataset(name) for name in node.outputs],
            **describe_node(node, self._project_path),
        }
        return self._add(key, item)

    def _add(self, key: str, item: dict[str, Any]) -> int:
        self.index[key] = len(self.items)
        self.items.append(item)
        return self.index[key]


def pipeline_elements(
    pipelines: Mapping[str, Pipeline],
    catalog_config: Mapping[str, Any] | None = None,
    *,
    match_pattern: PatternMatcher | None = None,
    project_path: Path | None = None,
) -> tuple[list[dict[str, Any]], dict[str, list[int]]]:
    """Number the elements of every pipeline and list each pipeline's elements.

    Args:
        pipelines: The pipelines by name.
        catalog_config: The catalog configuration (``conf/*/catalog*.yml``).
        match_pattern: Returns the factory pattern a dataset name matches, if any.
        project_path: The project root, for relative source paths.

    Returns:
        The elements (dicts with ``kind`` node, dataset or param) and, for each
        pipeline, its element indexes in topological order (a node's inputs before
        it, its outputs after it).
    """
    elements = _Elements(catalog_config or {}, match_pattern, project_path)
    members: dict[str, list[int]] = {}
    for name, pipe in pipelines.items():
        seen: set[int] = set()
        order: list[int] = []
        for node in pipe.nodes:
            index = elements.node(node)
            for item in (*elements.items[index]["inputs"], index):
                if item not in seen:
                    seen.add(item)
                    order.append(item)
            for item in elements.items[index]["outputs"]:
                if item not in seen:
                    seen.add(item)
                    order.append(item)
        members[name] = order
    return elements.items, members
