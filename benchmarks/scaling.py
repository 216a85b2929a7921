"""How run time grows with pipeline size, per runner: build + run of a layered DAG.

Node ``i`` reads the outputs of nodes ``i - 1`` and ``i // 2`` (node 0 reads the free
input ``seed``); every function is a no-op and every dataset lives in memory, so the
figures are the runtime's own overhead. Times are whole milliseconds.

Usage::

    python benchmarks/scaling.py --nodes 100 1000 10000 --runner sequential thread \\
        --repeat 3 --json benchmarks/results/scaling.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from _runtime import load_runtime

rt = load_runtime()
from keelrt.runners import ParallelRunner  # noqa: E402 (needs load_runtime first)
from keelrt.runners import SequentialRunner  # noqa: E402
from keelrt.runners import ThreadRunner  # noqa: E402

RUNNERS: dict[str, Any] = {
    "sequential": SequentialRunner,
    "thread": ThreadRunner,
    "parallel": ParallelRunner,
}


def noop(*_values: int) -> int:
    """A node that does nothing: the benchmark measures the runtime, not the work."""
    return 0


def build(count: int) -> tuple[Any, Any]:
    """Return the layered pipeline of ``count`` nodes and its catalog."""
    nodes = []
    for i in range(count):
        parents = sorted({i - 1, i // 2}) if i else []
        inputs = [f"d{p}" for p in parents] or ["seed"]
        nodes.append(rt.node(noop, inputs, f"d{i}", name=f"n{i}"))
    catalog = rt.DataCatalog({"seed": rt.MemoryDataset(0)})
    # Declare the free output, so the runner does not warn that it may be a typo.
    catalog[f"d{count - 1}"] = rt.MemoryDataset()
    return rt.Pipeline(nodes), catalog


def measure(count: int, runner_name: str, repeat: int) -> dict[str, Any]:
    """Time ``repeat`` build + run rounds; return median, min and max in ms."""
    times, run_times = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        pipeline, catalog = build(count)
        built = time.perf_counter()
        RUNNERS[runner_name]().run(pipeline, catalog)
        finished = time.perf_counter()
        times.append((finished - started) * 1000)
        run_times.append((finished - built) * 1000)
    return {
        "nodes": count,
        "runner": runner_name,
        "repeat": repeat,
        "median_ms": round(statistics.median(times)),
        "min_ms": round(min(times)),
        "max_ms": round(max(times)),
        "run_median_ms": round(statistics.median(run_times)),
    }


def machine() -> dict[str, Any]:
    """The facts that make the figures comparable."""
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "load_average_1min": round(os.getloadavg()[0], 2)
        if hasattr(os, "getloadavg")
        else None,
    }


def markdown(rows: list[dict[str, Any]], about: dict[str, Any]) -> str:
    """Return the results as a Markdown table with the machine noted under it."""
    lines = [
        "| nodes | runner | median ms | min ms | max ms | run only, median ms |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {r['nodes']:,} | {r['runner']} | {r['median_ms']:,} | {r['min_ms']:,} "
        f"| {r['max_ms']:,} | {r['run_median_ms']:,} |"
        for r in rows
    ]
    lines.append("")
    lines.append(
        f"Build + run (and run alone), {rows[0]['repeat'] if rows else 0} rounds each; "
        f"{about['cpus']} CPUs, {about['implementation']} {about['python']}, "
        f"{about['platform']}; load average {about['load_average_1min']} at start."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its table; optionally write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument(
        "--runner", nargs="+", choices=list(RUNNERS), default=list(RUNNERS)
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    if args.repeat < 1 or min(args.nodes) < 1:
        parser.error("--repeat and --nodes must be positive")
    about = machine()
    rows = [
        measure(count, runner, args.repeat)
        for count in args.nodes
        for runner in args.runner
    ]
    print(markdown(rows, about))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"machine": about, "results": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
