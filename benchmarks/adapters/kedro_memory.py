"""Kedro: run a chain of nodes that each produce a large in-memory DataFrame.

Usage: python kedro_memory.py NODES ROWS
"""

from __future__ import annotations

import functools
import sys
import time

from _workloads import bump
from _workloads import make_frame
from _workloads import report


def main(count: int, rows: int) -> None:
    """Run ``count`` nodes: the first makes a frame, each next one a new frame."""
    started = time.perf_counter()
    from kedro.io import DataCatalog
    from kedro.io import MemoryDataset
    from kedro.pipeline import Pipeline
    from kedro.pipeline import node
    from kedro.runner import SequentialRunner

    nodes = [node(functools.partial(make_frame, rows=rows), "seed", "f0", name="n0")]
    nodes += [node(bump, f"f{i - 1}", f"f{i}", name=f"n{i}") for i in range(1, count)]
    catalog = DataCatalog({"seed": MemoryDataset(1), f"f{count - 1}": MemoryDataset()})
    SequentialRunner().run(Pipeline(nodes), catalog)
    report(total_s=time.perf_counter() - started)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
