"""Keel: run a chain of nodes that each produce a large in-memory DataFrame.

Usage: python keel_memory.py PACKAGE NODES ROWS
"""

from __future__ import annotations

import functools
import importlib
import sys
import time

from _workloads import bump
from _workloads import make_frame
from _workloads import report


def main(package: str, count: int, rows: int) -> None:
    """Run ``count`` nodes: the first makes a frame, each next one a new frame."""
    started = time.perf_counter()
    rt = importlib.import_module(f"{package}.runtime")
    nodes = [rt.node(functools.partial(make_frame, rows=rows), "seed", "f0", name="n0")]
    nodes += [
        rt.node(bump, f"f{i - 1}", f"f{i}", name=f"n{i}") for i in range(1, count)
    ]
    catalog = rt.DataCatalog({"seed": rt.MemoryDataset(1)})
    catalog[f"f{count - 1}"] = rt.MemoryDataset()
    rt.SequentialRunner().run(rt.Pipeline(nodes), catalog)
    report(total_s=time.perf_counter() - started)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
