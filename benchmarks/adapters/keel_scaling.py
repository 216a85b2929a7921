"""Keel: run the layered DAG of no-op nodes on memory datasets.

Usage: python keel_scaling.py PACKAGE NODES RUNNER  (runner: sequential|thread|process)
"""

from __future__ import annotations

import importlib
import sys
import time

from _workloads import layered
from _workloads import noop
from _workloads import report


def main(package: str, count: int, runner_name: str) -> None:
    """Build the pipeline and catalog, run them, report the time inside."""
    started = time.perf_counter()
    rt = importlib.import_module(f"{package}.runtime")
    runners = {
        "sequential": rt.SequentialRunner,
        "thread": rt.ThreadRunner,
        "process": rt.ParallelRunner,
    }
    imported = time.perf_counter()
    pipeline = rt.Pipeline(
        [
            rt.node(noop, inputs, output, name=name)
            for name, inputs, output in layered(count)
        ]
    )
    catalog = rt.DataCatalog({"seed": rt.MemoryDataset(0)})
    catalog[f"d{count - 1}"] = rt.MemoryDataset()
    built = time.perf_counter()
    runners[runner_name]().run(pipeline, catalog)
    finished = time.perf_counter()
    report(
        import_s=imported - started, build_s=built - imported, run_s=finished - built
    )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
