"""Where a name is written in the project's code: string literals found with ``ast``."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

__all__ = ["literal_index"]


def literal_index(files: Iterable[Path]) -> dict[str, list[tuple[Path, int]]]:
    """Map each string literal in ``files`` to the places it is written.

    Args:
        files: Python files (unreadable or invalid ones are skipped).

    Returns:
        Text -> [(file, 1-based line)], in file order then line order.
    """
    index: dict[str, list[tuple[Path, int]]] = {}
    for path in files:
        try:
            tree = ast.parse(path.read_bytes(), filename=str(path))
        except (OSError, SyntaxError, ValueError):
            continue
        found = [
            (node.lineno, node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        ]
        for line, text in sorted(found):
            index.setdefault(text, []).append((path, line))
    return index
