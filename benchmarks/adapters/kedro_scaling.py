"""Kedro: run the layered DAG of no-op nodes on memory datasets.

Usage: python kedro_scaling.py NODES RUNNER  (runner: sequential|thread|process)
"""

from __future__ import annotations

import sys
import time

from _workloads import layered
from _workloads import noop
from _workloads import report


def main(count: int, runner_name: str) -> None:
    """Build the pipeline and catalog, run them, report the time inside."""
    started = time.perf_counter()
    from kedro.io import DataCatalog
    from kedro.io import MemoryDataset
    from kedro.io import SharedMemoryDataCatalog
    from kedro.pipeline import Pipeline
    from kedro.pipeline import node
    from kedro.runner import ParallelRunner
    from kedro.runner import SequentialRunner
    from kedro.runner import ThreadRunner

    runners = {
        "sequential": SequentialRunner,
        "thread": ThreadRunner,
        "process": ParallelRunner,
    }
    imported = time.perf_counter()
    pipeline = Pipeline(
        [
            node(noop, inputs, output, name=name)
            for name, inputs, output in layered(count)
        ]
    )
    # Kedro 1.x's ParallelRunner requires its shared-memory catalog.
    catalog_class = SharedMemoryDataCatalog if runner_name == "process" else DataCatalog
    catalog = catalog_class(
        {"seed": MemoryDataset(0), f"d{count - 1}": MemoryDataset()}
    )
    built = time.perf_counter()
    runners[runner_name]().run(pipeline, catalog)
    finished = time.perf_counter()
    report(
        import_s=imported - started, build_s=built - imported, run_s=finished - built
    )


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
