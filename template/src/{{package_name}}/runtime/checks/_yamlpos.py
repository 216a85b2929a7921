"""YAML with line numbers: compose a file into nodes and find the line of a key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

__all__ = ["YamlFile", "compose"]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlFile:
    """One YAML file's node tree, with lines for its keys and values.

    Attributes:
        path: The file.
        root: The composed document (None for an empty file).
    """

    def __init__(self, path: Path, root: yaml.Node | None) -> None:
        self.path = path
        self.root = root

    def top(self) -> list[tuple[yaml.Node, yaml.Node]]:
        """The top-level (key node, value node) pairs, when the top is a mapping."""
        return pairs(self.root)

    def key_line(self, *keys: str) -> int | None:
        """The 1-based line of the last key in the path ``keys``, or None."""
        node = self.root
        line = None
        for key in keys:
            found = find_pair(node, key)
            if found is None:
                return None
            key_node, node = found
            line = key_node.start_mark.line + 1
        return line

    def walk(self) -> Iterator[tuple[list[str], yaml.Node, yaml.Node]]:
        """Every mapping pair at any depth: (path of keys, key node, value node)."""
        stack: list[tuple[list[str], yaml.Node | None]] = [([], self.root)]
        while stack:
            path, node = stack.pop()
            if isinstance(node, yaml.SequenceNode):
                stack.extend((path, child) for child in reversed(node.value))
                continue
            for key_node, value_node in reversed(pairs(node)):
                keys = [*path, str(getattr(key_node, "value", ""))]
                yield keys, key_node, value_node
                stack.append((keys, value_node))


def line_of(node: yaml.Node) -> int:
    """The 1-based line where ``node`` starts."""
    return int(node.start_mark.line) + 1


def pairs(node: yaml.Node | None) -> list[tuple[yaml.Node, yaml.Node]]:
    """A mapping node's (key, value) pairs; [] for anything else."""
    if isinstance(node, yaml.MappingNode):
        return list(node.value)
    return []


def find_pair(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The last pair of ``node`` whose key is ``key`` (YAML keeps the last)."""
    found = None
    for key_node, value_node in pairs(node):
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            found = (key_node, value_node)
    return found


def compose(path: Path) -> YamlFile | None:
    """Compose ``path`` into nodes; None when it is not valid YAML.

    The load itself (`ConfigLoader`) reports syntax errors with their line; this only
    adds lines to what loads.
    """
    try:
        with path.open("rb") as stream:
            return YamlFile(path, yaml.compose(stream, Loader=_Loader))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
