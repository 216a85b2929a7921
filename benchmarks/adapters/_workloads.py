"""What the adapters run, written once for both tools: the node functions and graphs.

Node functions live here, in an importable module, so a process runner can send them
to its workers by reference.
"""

from __future__ import annotations

import json
from typing import Any


def noop(*_values: Any) -> int:
    """A node that does nothing: the benchmark measures the runtime, not the work."""
    return 0


def layered(count: int) -> list[tuple[str, list[str], str]]:
    """Return ``(name, inputs, output)`` of a layered DAG of ``count`` nodes.

    Node ``i`` reads the outputs of nodes ``i - 1`` and ``i // 2``; node 0 reads the
    free input ``seed``.
    """
    nodes = []
    for i in range(count):
        parents = sorted({i - 1, i // 2}) if i else []
        nodes.append((f"n{i}", [f"d{p}" for p in parents] or ["seed"], f"d{i}"))
    return nodes


def make_frame(seed: int, rows: int, columns: int = 8) -> Any:
    """Return a new DataFrame of ``rows`` x ``columns`` floats (8 bytes each)."""
    import numpy as np
    import pandas as pd

    return pd.DataFrame(
        np.full((rows, columns), float(seed)),
        columns=[f"c{i}" for i in range(columns)],
    )


def bump(frame: Any) -> Any:
    """Return a new DataFrame the size of ``frame``: each node allocates its output."""
    return frame + 1.0


def report(**values: Any) -> None:
    """Print what the adapter measured inside its process, for the driver to read."""
    print(json.dumps(values))
