"""Benchmark Keel against Kedro 1.7.0 on the same workloads, each run a whole process.

Workloads: start-up (``--help``, import of the public API), a 4-node ETL through each
project's command line, a layered DAG of no-op nodes per runner, a catalog built from
1,000 and 10,000 config entries, and the peak memory of a chain of large DataFrames.
Every measurement is a fresh process started through ``_measure.py``; a run that
passes ``--cap`` seconds is killed and reported as "> cap".

``nox -s bench`` makes both environments and calls this script; by hand::

    python benchmarks/run.py --keel-python K/bin/python --kedro-python D/bin/python \\
        --keel-project KEEL_PROJECT --kedro-project KEDRO_PROJECT [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

import projects
import report
from report import MIB
from report import Row
from report import Summary
from report import Target

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ADAPTERS = HERE / "adapters"
MEASURE = HERE / "_measure.py"
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "latest.md"
DEFAULT_DOCS = ROOT / "docs" / "performance.md"
ENV = {"KEDRO_DISABLE_TELEMETRY": "true", "DO_NOT_TRACK": "1"}
CATALOG_FILE_ENTRIES = 500  # OmegaConf 2.4 refuses one YAML file of ~770+ entries
MEMORY_NODES = 6
MEMORY_ROWS = 1_000_000  # 8 float columns: 61 MiB per DataFrame


@dataclass(frozen=True)
class Mode:
    """How much to measure: sizes, repeats, and the time cap per run."""

    name: str
    cap: float
    repeats: int
    budget: float  # stop repeating a cell once its runs took this long
    nodes: tuple[int, ...]
    catalog_sizes: tuple[int, ...]
    # a warm-up run before every start-up and ETL cell, not only each section's first
    warmups: bool
    # skip a size only when its lower bound passes the cap this many times over
    skip_margin: float


FULL = Mode("full", 60.0, 5, 12.0, (100, 1000, 5000, 10_000), (1000, 10_000), True, 2.0)
QUICK = Mode("quick", 20.0, 2, 3.0, (100, 1000), (1000,), False, 1.0)


class BenchError(RuntimeError):
    """A measured command failed: the benchmark would be meaningless."""


@dataclass
class Tool:
    """One side of the comparison: its interpreter, project and command."""

    name: str
    python: str
    project: Path
    env: dict[str, str] = field(default_factory=dict)

    def script(self, name: str) -> str:
        """Return the console script ``name`` next to this tool's interpreter."""
        return str(Path(self.python).parent / name)


@dataclass(frozen=True)
class Job:
    """One command of one tool, run in ``cwd`` (default: the driver's)."""

    tool: Tool
    command: Sequence[str]
    cwd: Path | None = None

    @property
    def label(self) -> str:
        """The command as a shell would show it."""
        return " ".join(self.command)


@dataclass
class Bench:
    """Runs measurements and remembers enough to say what was measured."""

    mode: Mode
    cap: float
    verbose: bool = True
    # per side, what the adapter printed about its last run (its own timings)
    inner: list[dict[str, float]] = field(default_factory=lambda: [{}, {}])

    def run_once(self, job: Job) -> dict[str, Any]:
        """Run ``job`` once through the wrapper; return the wrapper's report."""
        wrapper = [sys.executable, str(MEASURE), "--timeout", str(self.cap)]
        if job.cwd is not None:
            wrapper += ["--cwd", str(job.cwd)]
        done = subprocess.run(
            [*wrapper, "--", *job.command],
            capture_output=True,
            text=True,
            env={**os.environ, **ENV, **job.tool.env},
            check=False,
        )
        if done.returncode != 0:
            raise BenchError(f"the measuring wrapper failed:\n{done.stderr[-2000:]}")
        result = json.loads(done.stdout)
        if result["returncode"] != 0 and not result["timed_out"]:
            raise BenchError(
                f"{job.tool.name}: {job.label} exited with "
                f"{result['returncode']}:\n{result['stderr']}{result['stdout']}"
            )
        return result

    def measure(
        self,
        keel: Job | None,
        kedro: Job | None,
        *,
        warmup: bool = False,
        memory: bool = False,
        first: bool = False,
        skipped: Sequence[str] = ("", ""),
    ) -> tuple[Summary, Summary]:
        """Measure both tools' runs alternately; summarise seconds or peak MiB.

        Runs alternate between the tools (Keel, Kedro, Keel, ...) so that a change of
        the machine's load falls on both. Each side repeats up to ``repeats`` times,
        fewer once its runs took ``budget`` seconds; one stopped at the cap is not
        repeated. A side given as None is not run: it is reported as stopped, with
        its note in ``skipped``. ``warmup`` asks for one unmeasured run of each first;
        quick mode keeps it only for the ``first`` cell of a section.
        """
        jobs = [keel, kedro]
        values: list[list[float]] = [[], []]
        spent = [0.0, 0.0]
        stopped = [job is None for job in jobs]
        if warmup and (first or self.mode.warmups):
            for side, job in enumerate(jobs):
                if job is not None and self.run_once(job)["timed_out"]:
                    stopped[side] = True
        for _ in range(self.mode.repeats):
            for side, job in enumerate(jobs):
                done = values[side] and spent[side] >= self.mode.budget
                if job is None or stopped[side] or done:
                    continue
                result = self.run_once(job)
                if result["timed_out"]:
                    stopped[side] = True
                    continue
                spent[side] += result["seconds"]
                kib = result["peak_kib"]
                values[side].append(kib / 1024 if memory else result["seconds"])
                self.inner[side] = inner_report(result["stdout"])
        summaries = []
        for side, job in enumerate(jobs):
            if job is None:
                summaries.append(report.capped(self.cap, skipped[side]))
                continue
            summary = (
                report.capped(self.cap)
                if stopped[side]
                else report.summarise(values[side])
            )
            summaries.append(summary)
            if self.verbose:
                shown = report.format_summary(summary, MIB if memory else "s")
                print(f"  {job.tool.name:5} {job.label[-68:]:68} {shown}", flush=True)
        return summaries[0], summaries[1]


def inner_report(stdout: str) -> dict[str, float]:
    """Return the JSON object an adapter printed last, or {} if it printed none."""
    for line in reversed(stdout.splitlines()):
        if line.startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                return {}
    return {}


def skip_note(
    count: int,
    stopped: int | None,
    previous: tuple[int, dict[str, float]] | None,
    cap: float,
    margin: float = 1.0,
) -> str:
    """Say why ``count`` nodes need not run, or return "" when they must.

    More nodes never cost less, so a size after one stopped at the cap is not
    run. Running costs at least in proportion to the nodes (both tools' runners
    grow faster), so ``run * count / smaller`` of the last size measured is a lower
    bound. Import and build are left out: part of them does not grow. A size is
    skipped when that bound passes ``margin`` times the cap.
    """
    if stopped is not None:
        return f"not run: {stopped:,} nodes was stopped"
    if previous is None:
        return ""
    smaller, inner = previous
    work = inner.get("run_s", 0.0)
    bound = work * count / smaller
    if bound <= cap * margin:
        return ""
    return (
        f"not run: the run of {smaller:,} nodes took {work:.1f} s, "
        f"so {count:,} take ≥ {int(bound):,} s"
    )


def write_catalog_conf(folder: Path, entries: int) -> Path:
    """Write ``conf/base/catalog_NNN.yml`` files with ``entries`` CSV datasets."""
    base = folder / "base"
    base.mkdir(parents=True, exist_ok=True)
    (folder / "local").mkdir(exist_ok=True)
    for start in range(0, entries, CATALOG_FILE_ENTRIES):
        stop = min(entries, start + CATALOG_FILE_ENTRIES)
        text = "".join(
            f"d{i:05d}:\n  type: pandas.CSVDataset\n"
            f"  filepath: data/01_raw/d{i:05d}.csv\n"
            f'  load_args:\n    sep: ","\n\n'
            for i in range(start, stop)
        )
        name = f"catalog_{start // CATALOG_FILE_ENTRIES:03d}.yml"
        (base / name).write_text(text, encoding="utf-8")
    return folder


def versions(python: str, names: Sequence[str]) -> dict[str, str]:
    """Return the installed versions of ``names`` in the environment of ``python``."""
    code = (
        "import importlib.metadata as m, json, sys\n"
        "found = {}\n"
        "for name in sys.argv[1:]:\n"
        "    try: found[name] = m.version(name)\n"
        "    except m.PackageNotFoundError: pass\n"
        "print(json.dumps(found))"
    )
    done = subprocess.run(
        [python, "-c", code, *names], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def template_revision() -> str:
    """Return the template's commit, marked when the work tree has local changes."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{commit} + local changes" if dirty else commit


def load_average() -> str:
    """Return the 1-minute load average, or "n/a" where the OS has none."""
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "n/a"


def startup_rows(bench: Bench, keel: Tool, kedro: Tool) -> list[Row]:
    """Section 1: ``--help`` of the project command, import of the public API."""
    print("1. start-up", flush=True)
    keel_import = (
        f"from {projects.KEEL_PACKAGE}.runtime import "
        "ConfigLoader, DataCatalog, Pipeline, SequentialRunner, node"
    )
    kedro_import = (
        "from kedro.config import OmegaConfigLoader; from kedro.io import DataCatalog; "
        "from kedro.pipeline import Pipeline, node; "
        "from kedro.runner import SequentialRunner"
    )
    helps = bench.measure(
        Job(keel, [keel.script(projects.KEEL_COMMAND), "--help"], keel.project),
        Job(kedro, [kedro.script("kedro"), "--help"], kedro.project),
        warmup=True,
        first=True,
    )
    imports = bench.measure(
        Job(keel, [keel.python, "-c", keel_import]),
        Job(kedro, [kedro.python, "-c", kedro_import]),
        warmup=True,
    )
    bare = bench.measure(
        Job(keel, [keel.python, "-c", "pass"]),
        Job(kedro, [kedro.python, "-c", "pass"]),
        warmup=True,
    )
    return [
        Row(
            "`--help` of the project command (`keel-bench` / `kedro`)",
            *helps,
            target=Target("≥ 4x faster", speedup=4),
        ),
        Row(
            "import of the public API (catalog, pipeline, node, runner, config)",
            *imports,
        ),
        Row("for reference: `python -c pass`", *bare),
    ]


def etl_rows(bench: Bench, keel: Tool, kedro: Tool) -> list[Row]:
    """Section 2: the 4-node CSV-to-Parquet ETL through each project's ``run``."""
    print("2. ETL", flush=True)
    keel_run, kedro_run = bench.measure(
        Job(keel, [keel.script(projects.KEEL_COMMAND), "run"], keel.project),
        Job(kedro, [kedro.script("kedro"), "run"], kedro.project),
        warmup=True,
        first=True,
    )
    # what both tools must import to read a CSV and write Parquet: not ours
    libraries = "import pandas, pyarrow.parquet"
    keel_libs, kedro_libs = bench.measure(
        Job(keel, [keel.python, "-c", libraries]),
        Job(kedro, [kedro.python, "-c", libraries]),
        warmup=True,
    )
    return [
        Row(
            f"`run`: {projects.ETL_ROWS:,}-row CSV → 4 nodes → Parquet, end to end",
            keel_run,
            kedro_run,
            target=Target("≥ 1.5x faster", speedup=1.5),
        ),
        Row(f'for reference: `python -c "{libraries}"`', keel_libs, kedro_libs),
        Row(
            "the part that is ours: `run` minus that import (medians)",
            report.derived(keel_run.median - keel_libs.median),
            report.derived(kedro_run.median - kedro_libs.median),
        ),
    ]


SCALING_TARGETS = {
    ("sequential", 1000): Target("≥ 10x faster", speedup=10),
    ("sequential", 5000): Target("≥ 100x faster", speedup=100),
    ("process", 100): Target("≥ 5x faster", speedup=5),
}


def scaling_rows(bench: Bench, keel: Tool, kedro: Tool) -> list[Row]:
    """Section 3: the layered DAG of no-op nodes, per runner and size."""
    print("3. scaling", flush=True)
    rows = []
    for runner in ("sequential", "thread", "process"):
        stopped: dict[int, int] = {}  # side -> size stopped at the cap
        previous: dict[int, tuple[int, dict[str, float]]] = {}  # side -> last size
        for count in bench.mode.nodes:
            jobs = [
                Job(
                    keel,
                    [
                        keel.python,
                        str(ADAPTERS / "keel_scaling.py"),
                        projects.KEEL_PACKAGE,
                        str(count),
                        runner,
                    ],
                ),
                Job(
                    kedro,
                    [
                        kedro.python,
                        str(ADAPTERS / "kedro_scaling.py"),
                        str(count),
                        runner,
                    ],
                ),
            ]
            # do not wait for a cap that is certain to come
            notes = [
                skip_note(
                    count,
                    stopped.get(side),
                    previous.get(side),
                    bench.cap,
                    bench.mode.skip_margin,
                )
                for side in (0, 1)
            ]
            summaries = bench.measure(
                None if notes[0] else jobs[0],
                None if notes[1] else jobs[1],
                skipped=notes,
            )
            keel_summary, kedro_summary = summaries
            for side, summary in enumerate(summaries):
                if notes[side]:
                    continue
                if summary.capped:
                    stopped[side] = count
                elif bench.inner[side]:
                    previous[side] = (count, bench.inner[side])
            rows.append(
                Row(
                    f"{runner} runner, {count:,} nodes",
                    keel_summary,
                    kedro_summary,
                    target=SCALING_TARGETS.get((runner, count)),
                )
            )
    return rows


def catalog_rows(bench: Bench, keel: Tool, kedro: Tool, work: Path) -> list[Row]:
    """Section 4: config loader + ``DataCatalog.from_config`` on many entries."""
    print("4. catalog", flush=True)
    rows = []
    for entries in bench.mode.catalog_sizes:
        conf = str(write_catalog_conf(work / f"conf_{entries}", entries))
        summaries = bench.measure(
            Job(
                keel,
                [
                    keel.python,
                    str(ADAPTERS / "keel_catalog.py"),
                    projects.KEEL_PACKAGE,
                    conf,
                    str(entries),
                ],
            ),
            Job(
                kedro,
                [kedro.python, str(ADAPTERS / "kedro_catalog.py"), conf, str(entries)],
            ),
        )
        rows.append(
            Row(
                f"{entries:,} entries ({CATALOG_FILE_ENTRIES} per file)",
                *summaries,
                target=Target("≥ 5x faster", speedup=5) if entries == 10_000 else None,
            )
        )
    return rows


def memory_rows(bench: Bench, keel: Tool, kedro: Tool) -> list[Row]:
    """Section 5: peak resident memory of a chain of large DataFrames."""
    print("5. memory", flush=True)
    args = [str(MEMORY_NODES), str(MEMORY_ROWS)]
    summaries = bench.measure(
        Job(
            keel,
            [
                keel.python,
                str(ADAPTERS / "keel_memory.py"),
                projects.KEEL_PACKAGE,
                *args,
            ],
        ),
        Job(kedro, [kedro.python, str(ADAPTERS / "kedro_memory.py"), *args]),
        memory=True,
    )
    size = MEMORY_ROWS * 8 * 8 / 2**20
    return [
        Row(
            f"peak RSS, sequential runner, {MEMORY_NODES} nodes each making a "
            f"{size:.0f} MiB DataFrame",
            *summaries,
            unit=MIB,
            target=Target("≤ Kedro's (ratio ≤ 1)", max_ratio=1.0),
        )
    ]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer sizes and repeats")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--docs",
        default=str(DEFAULT_DOCS),
        help="page whose bench markers receive the table ('' to leave docs alone)",
    )
    parser.add_argument("--cap", type=float, help="seconds (default 60, quick 20)")
    parser.add_argument("--keel-python", default=sys.executable)
    parser.add_argument("--kedro-python", default=sys.executable)
    parser.add_argument("--keel-project", type=Path, help="default: render one")
    parser.add_argument("--kedro-project", type=Path, help="default: write one")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=["startup", "etl", "scaling", "catalog", "memory"],
        help="measure only these sections",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure everything, write the report and the docs' copy of it."""
    args = parse_args(argv)
    mode = QUICK if args.quick else FULL
    cap = args.cap or mode.cap
    started = time.perf_counter()
    load_start = load_average()
    bench = Bench(mode, cap)
    with tempfile.TemporaryDirectory(prefix="keel-bench-") as tmp:
        work = Path(tmp)
        keel_project = args.keel_project or projects.render_keel(work / "keel")
        kedro_project = args.kedro_project or projects.write_kedro(work / "kedro")
        keel = Tool(
            "Keel",
            os.path.abspath(args.keel_python),
            keel_project.resolve(),
            {"PYTHONPATH": str(keel_project.resolve() / "src")},
        )
        kedro = Tool(
            "Kedro", os.path.abspath(args.kedro_python), kedro_project.resolve()
        )
        sections = {
            "startup": ("1. Start-up", lambda: startup_rows(bench, keel, kedro)),
            "etl": (
                "2. A small ETL through the command line",
                lambda: etl_rows(bench, keel, kedro),
            ),
            "scaling": (
                "3. Layered DAG of no-op nodes (build + run, whole process)",
                lambda: scaling_rows(bench, keel, kedro),
            ),
            "catalog": (
                "4. Catalog from config (config loader + DataCatalog.from_config)",
                lambda: catalog_rows(bench, keel, kedro, work),
            ),
            "memory": ("5. Peak memory", lambda: memory_rows(bench, keel, kedro)),
        }
        try:
            results = [
                (title, build())
                for key, (title, build) in sections.items()
                if not args.only or key in args.only
            ]
        except BenchError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    kedro_versions = versions(
        args.kedro_python,
        ["kedro", "kedro-datasets", "omegaconf", "pandas", "pyarrow", "numpy"],
    )
    keel_versions = versions(
        args.keel_python, ["pyyaml", "pluggy", "pandas", "pyarrow"]
    )
    elapsed = time.perf_counter() - started
    header = [
        f"Date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; "
        f"mode: {mode.name} (`nox -s bench{' -- --quick' if args.quick else ''}`), "
        f"{elapsed:.0f} s in all.",
        f"Machine: {os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.platform()}; "
        f"load average (1 min) {load_start} at start, {load_average()} at end "
        "(the machine is shared: figures move with the load).",
        "Kedro side: " + ", ".join(f"{k} {v}" for k, v in kedro_versions.items()) + ".",
        f"Keel side: template {template_revision()}, "
        + ", ".join(f"{k} {v}" for k, v in keel_versions.items())
        + ".",
        f"Each cell: median (min-max, n runs) of whole processes; up to {mode.repeats} "
        f"runs, fewer once a cell's runs took {mode.budget:.0f} s; a run is stopped "
        f"at the cap of {cap:.0f} s. Keel/Kedro below 1 means Keel is faster "
        "(or smaller).",
    ]
    notes = [
        "Start-up and ETL cells are measured after an unmeasured warm-up run "
        "(bytecode compiled, files cached): before every cell in full mode, before "
        "the first of each section in quick mode.",
        "Both sides run with `KEDRO_DISABLE_TELEMETRY=true` and `DO_NOT_TRACK=1`; "
        "Kedro's kedro-telemetry plugin is installed with it, as for every "
        "Kedro user.",
        "Scaling: node i reads the outputs of i-1 and i//2; the process runner is "
        "Keel's ParallelRunner and Kedro's ParallelRunner on a "
        "SharedMemoryDataCatalog. "
        '"not run": a smaller size of the same runner was already stopped at the '
        "cap, or its run time (without import and build), scaled linearly to this "
        f"size, already passes {mode.skip_margin:g} times the cap (both tools' "
        "runners grow faster than linearly).",
        "Catalog entries are `pandas.CSVDataset`s split into files of "
        f"{CATALOG_FILE_ENTRIES}, because OmegaConf 2.4 refuses a YAML file of more "
        "than 10,000 nodes (about 770 entries).",
        "Peak memory is the largest resident set of the run's processes "
        "(`getrusage(RUSAGE_CHILDREN)` in a wrapper process), pandas and numpy "
        "included.",
    ]
    text = report.markdown(results, header, notes)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    if args.docs:
        docs = Path(args.docs)
        page = docs.read_text(encoding="utf-8")
        docs.write_text(report.replace_block(page, text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
