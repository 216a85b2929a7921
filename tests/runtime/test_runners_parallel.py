"""ParallelRunner: workers load and save persisted data; memory data travels."""

from __future__ import annotations

import importlib
import json
import os
import pickle
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from keelrt import DataCatalog
from keelrt import MemoryDataset
from keelrt import Pipeline
from keelrt import RunnerError
from keelrt import node
from keelrt.runners import NodeFailedError
from keelrt.runners import ParallelRunner

RUNTIME_DIR = (
    Path(__file__).resolve().parents[2]
    / "template"
    / "src"
    / "{{package_name}}"
    / "runtime"
)


def add_one(rows: list[int]) -> list[int]:
    return [r + 1 for r in rows]


def total(rows: list[int]) -> int:
    return sum(rows)


def describe(model: int, rows: list[int]) -> dict[str, int]:
    return {"model": model, "rows": len(rows)}


def make_lock(_seed: Any) -> threading.Lock:
    return threading.Lock()


def reject(value: Any) -> Any:
    raise ValueError(f"bad input {value!r}")


def _catalog(tmp_path: Path) -> DataCatalog:
    (tmp_path / "raw.json").write_text(json.dumps([1, 2, 3]))
    return DataCatalog.from_config(
        {
            "raw": {"type": "json.JSONDataset", "filepath": str(tmp_path / "raw.json")},
            "model": {
                "type": "pickle.PickleDataset",
                "filepath": str(tmp_path / "model.pkl"),
            },
        }
    )


PIPELINE = Pipeline(
    [
        node(add_one, "raw", "features", name="featurize"),
        node(total, "features", "model", name="train"),
        node(describe, ["model", "features"], "report", name="report"),
    ]
)


def test_parallel_runner_saves_persisted_outputs_to_disk(tmp_path: Path) -> None:
    ParallelRunner(max_workers=2).run(PIPELINE, _catalog(tmp_path))
    assert pickle.loads((tmp_path / "model.pkl").read_bytes()) == 9


def test_parallel_runner_returns_memory_outputs(tmp_path: Path) -> None:
    result = ParallelRunner(max_workers=2).run(PIPELINE, _catalog(tmp_path))
    assert result == {"report": {"model": 9, "rows": 3}}


def test_parallel_runner_keeps_memory_outputs_in_the_callers_catalog(
    tmp_path: Path,
) -> None:
    catalog = _catalog(tmp_path)
    ParallelRunner(max_workers=2).run(PIPELINE, catalog)
    assert catalog.load("report") == {"model": 9, "rows": 3}


def test_parallel_runner_saves_every_version_under_the_runs_save_version(
    tmp_path: Path,
) -> None:
    version = "2026-01-02T03.04.05.678Z"
    catalog = DataCatalog.from_config(
        {
            name: {
                "type": "pickle.PickleDataset",
                "filepath": str(tmp_path / f"{name}.pkl"),
                "versioned": True,
            }
            for name in ("a", "b")
        },
        save_version=version,
    )
    catalog["raw"] = [1, 2]
    pipeline = Pipeline(
        [
            node(add_one, "raw", "a", name="one"),
            node(add_one, "raw", "b", name="two"),
        ]
    )
    ParallelRunner(max_workers=2).run(pipeline, catalog)
    saved = sorted(
        p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()
    )
    assert saved == [f"a.pkl/{version}/a.pkl", f"b.pkl/{version}/b.pkl"]


def test_lambda_node_is_refused_with_the_fix() -> None:
    pipeline = Pipeline([node(lambda x: x, "raw", "out", name="anonymous")])
    with pytest.raises(RunnerError) as caught:
        ParallelRunner().run(pipeline, DataCatalog({"raw": MemoryDataset(1)}))
    message = str(caught.value)
    assert message.startswith("node 'anonymous' cannot run in a worker process")
    assert "SequentialRunner" in message
    assert "module level" in message


def test_local_function_node_is_refused() -> None:
    def local(x: int) -> int:
        return x

    pipeline = Pipeline([node(local, "raw", "out", name="local")])
    with pytest.raises(RunnerError, match="node 'local' cannot run in a worker"):
        ParallelRunner().run(pipeline, DataCatalog({"raw": MemoryDataset(1)}))


def test_refused_run_leaves_the_catalog_unchanged() -> None:
    catalog = DataCatalog({"raw": MemoryDataset(1)})
    pipeline = Pipeline([node(lambda x: x, "raw", "out", name="anonymous")])
    with pytest.raises(RunnerError):
        ParallelRunner().run(pipeline, catalog)
    assert "out" not in catalog


def test_unpicklable_memory_input_is_refused_naming_the_dataset() -> None:
    catalog = DataCatalog({"raw": MemoryDataset(threading.Lock())})
    pipeline = Pipeline([node(total, "raw", "out", name="sum_it")])
    with pytest.raises(RunnerError) as caught:
        ParallelRunner().run(pipeline, catalog)
    assert str(caught.value).startswith(
        "dataset 'raw' (input of node 'sum_it') holds data that cannot be pickled"
    )


def test_unpicklable_memory_output_fails_its_node_naming_the_dataset() -> None:
    catalog = DataCatalog({"raw": MemoryDataset(1)})
    pipeline = Pipeline([node(make_lock, "raw", "lock", name="locker")])
    with pytest.raises(NodeFailedError) as caught:
        ParallelRunner().run(pipeline, catalog)
    assert caught.value.node_name == "locker"
    assert "dataset 'lock' (output of node 'locker') holds data that cannot" in str(
        caught.value
    )


def test_worker_error_is_reraised_with_the_original_as_cause() -> None:
    catalog = DataCatalog({"raw": MemoryDataset(1)})
    pipeline = Pipeline([node(reject, "raw", "out", name="check")])
    with pytest.raises(NodeFailedError) as caught:
        ParallelRunner().run(pipeline, catalog)
    assert str(caught.value).startswith("node 'check' failed: ValueError: bad input 1")
    assert isinstance(caught.value.__cause__, ValueError)
    assert "reject" in str(caught.value.__cause__.__cause__)  # the worker's traceback


def test_unknown_start_method_is_refused() -> None:
    with pytest.raises(RunnerError, match="start method 'teleport'"):
        ParallelRunner(start_method="teleport")


def test_default_start_method_is_fork_where_available() -> None:
    import multiprocessing

    expected = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    assert ParallelRunner().start_method == expected


def test_spawn_refuses_a_catalog_that_cannot_be_pickled() -> None:
    catalog = DataCatalog(
        {"raw": MemoryDataset([1]), "unused": MemoryDataset(threading.Lock())}
    )
    pipeline = Pipeline([node(total, "raw", "out", name="sum_it")])
    with pytest.raises(RunnerError, match="the catalog cannot be pickled"):
        ParallelRunner(start_method="spawn").run(pipeline, catalog)


class UnpicklableError(Exception):
    """An exception whose __init__ needs two arguments: unpickling it would fail."""

    def __init__(self, code: int, detail: str) -> None:
        super().__init__(f"{code}: {detail}")


def raise_unpicklable(value: Any) -> Any:
    raise UnpicklableError(7, f"no {value}")


def test_worker_error_that_cannot_travel_still_fails_the_node() -> None:
    catalog = DataCatalog({"raw": MemoryDataset(1)})
    pipeline = Pipeline([node(raise_unpicklable, "raw", "out", name="odd")])
    with pytest.raises(NodeFailedError) as caught:
        ParallelRunner().run(pipeline, catalog)
    assert "UnpicklableError: 7: no 1" in str(caught.value)


SPAWN_NODES = """
def double(rows):
    return [r * 2 for r in rows]


def total(rows):
    return sum(rows)
"""


@pytest.fixture
def forget_new_modules() -> Iterator[None]:
    before = set(sys.modules)
    yield
    for name in set(sys.modules) - before:
        del sys.modules[name]


@pytest.mark.usefixtures("forget_new_modules")
def test_spawned_workers_run_a_projects_nodes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "spawn_project"
    shutil.copytree(RUNTIME_DIR, package / "runtime")
    (package / "__init__.py").write_text("")
    (package / "nodes.py").write_text(SPAWN_NODES)
    monkeypatch.syspath_prepend(str(tmp_path))
    runtime = importlib.import_module("spawn_project.runtime")
    nodes = importlib.import_module("spawn_project.nodes")
    pipeline = runtime.Pipeline(
        [
            runtime.node(nodes.double, "raw", "doubled", name="double"),
            runtime.node(nodes.total, "doubled", "sum", name="total"),
        ]
    )
    catalog = runtime.DataCatalog({"raw": runtime.MemoryDataset([1, 2, 3])})
    catalog["sum"] = runtime.MemoryDataset()
    runner = runtime.ParallelRunner(max_workers=1, start_method="spawn")
    assert runner.run(pipeline, catalog) == {"sum": 12}


def exit_worker(value: Any) -> Any:
    os._exit(3)


def test_worker_that_dies_fails_its_node() -> None:
    catalog = DataCatalog({"raw": MemoryDataset(1)})
    pipeline = Pipeline([node(exit_worker, "raw", "out", name="crash")])
    with pytest.raises(NodeFailedError, match="node 'crash' failed: BrokenProcessPool"):
        ParallelRunner(max_workers=1).run(pipeline, catalog)
