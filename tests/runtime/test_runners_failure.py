"""Node failures: the message, the chained error, what still runs, where to resume."""

from __future__ import annotations

import pickle
import threading
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
from keelrt.runners import SequentialRunner
from keelrt.runners import ThreadRunner

RUNNERS = [SequentialRunner, ThreadRunner, ParallelRunner]


def identity(value: Any) -> Any:
    return value


def pair(left: Any, right: Any) -> list[Any]:
    return [left, right]


def reject(value: Any) -> Any:
    raise ValueError(f"bad input {value!r}")


def _pickled(tmp_path: Path, *names: str) -> dict[str, dict[str, str]]:
    return {
        name: {
            "type": "pickle.PickleDataset",
            "filepath": str(tmp_path / f"{name}.pkl"),
        }
        for name in names
    }


def _chain(catalog: DataCatalog) -> tuple[Pipeline, DataCatalog]:
    """start -> prepare -> x -> train_model (fails) -> model -> report -> summary."""
    catalog["start"] = 1
    pipeline = Pipeline(
        [
            node(identity, "start", "x", name="prepare"),
            node(reject, "x", "model", name="train_model"),
            node(identity, "model", "summary", name="report"),
        ]
    )
    return pipeline, catalog


@pytest.mark.parametrize("runner", RUNNERS, ids=lambda r: r.__name__)
def test_failure_message_names_the_node_and_the_error(runner: type) -> None:
    pipeline, catalog = _chain(DataCatalog())
    with pytest.raises(NodeFailedError) as caught:
        runner().run(pipeline, catalog)
    assert str(caught.value).startswith(
        "node 'train_model' failed: ValueError: bad input 1"
    )
    assert caught.value.node_name == "train_model"


@pytest.mark.parametrize("runner", RUNNERS, ids=lambda r: r.__name__)
def test_failure_chains_the_users_exception_as_cause(runner: type) -> None:
    pipeline, catalog = _chain(DataCatalog())
    with pytest.raises(NodeFailedError) as caught:
        runner().run(pipeline, catalog)
    cause = caught.value.__cause__
    assert isinstance(cause, ValueError)
    assert str(cause) == "bad input 1"


def test_node_failed_error_is_a_runner_error() -> None:
    pipeline, catalog = _chain(DataCatalog())
    with pytest.raises(RunnerError):
        SequentialRunner().run(pipeline, catalog)


def test_nodes_after_a_failure_do_not_run() -> None:
    pipeline, catalog = _chain(DataCatalog())
    with pytest.raises(NodeFailedError):
        SequentialRunner().run(pipeline, catalog)
    assert not catalog.exists("summary")


def test_resume_goes_back_to_the_producer_of_a_lost_memory_input() -> None:
    pipeline, catalog = _chain(DataCatalog())
    with pytest.raises(NodeFailedError) as caught:
        SequentialRunner().run(pipeline, catalog)
    assert caught.value.resume_nodes == ["prepare"]


def test_resume_starts_at_the_failed_node_when_its_inputs_are_persisted(
    tmp_path: Path,
) -> None:
    pipeline, catalog = _chain(DataCatalog.from_config(_pickled(tmp_path, "x")))
    with pytest.raises(NodeFailedError) as caught:
        SequentialRunner().run(pipeline, catalog)
    assert caught.value.resume_nodes == ["train_model"]
    assert str(caught.value).endswith(
        'To resume, run again with --from-nodes "train_model".'
    )


def test_resume_includes_branches_that_never_ran(tmp_path: Path) -> None:
    catalog = DataCatalog.from_config(_pickled(tmp_path, "x"))
    catalog["start"] = 1
    pipeline = Pipeline(
        [
            node(identity, "start", "x", name="a"),
            node(reject, "x", "y", name="b"),
            node(identity, "x", "z", name="c"),
            node(pair, ["y", "z"], "out", name="d"),
        ]
    )
    with pytest.raises(NodeFailedError) as caught:
        SequentialRunner().run(pipeline, catalog)
    assert caught.value.resume_nodes == ["b", "c"]


def test_resume_nodes_leave_out_starts_that_another_start_reaches(
    tmp_path: Path,
) -> None:
    catalog = DataCatalog.from_config(_pickled(tmp_path, "p"))
    catalog["seed"] = 1
    pipeline = Pipeline(
        [
            node(identity, "seed", "m1", name="a"),
            node(identity, "m1", "p", name="b"),
            node(identity, "p", "m2", name="c"),
            node(reject, "m1", "out1", name="x_fail"),
            node(identity, "m2", "out2", name="y_after"),
        ]
    )
    with pytest.raises(NodeFailedError) as caught:
        SequentialRunner().run(pipeline, catalog)
    # 'c' must rerun too (its output m2 was in memory) but --from-nodes a reaches it.
    assert caught.value.resume_nodes == ["a"]


def test_node_failed_error_survives_pickling() -> None:
    pipeline, catalog = _chain(DataCatalog())
    with pytest.raises(NodeFailedError) as caught:
        SequentialRunner().run(pipeline, catalog)
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (str(copy), copy.node_name, copy.resume_nodes) == (
        str(caught.value),
        "train_model",
        ["prepare"],
    )


_slow_started = threading.Event()
_failing = threading.Event()


def wait_then_return(value: Any) -> Any:
    _slow_started.set()
    assert _failing.wait(timeout=10), "the failing node never ran"
    return value


def fail_while_other_runs(value: Any) -> Any:
    assert _slow_started.wait(timeout=10), "the slow node never started"
    _failing.set()
    raise ValueError("boom")


def test_thread_runner_lets_running_nodes_finish_after_a_failure() -> None:
    _slow_started.clear()
    _failing.clear()
    catalog = DataCatalog({"start": MemoryDataset(7)})
    pipeline = Pipeline(
        [
            node(wait_then_return, "start", "slow_out", name="slow"),
            node(fail_while_other_runs, "start", "fail_out", name="fail"),
            node(identity, "fail_out", "after", name="never"),
        ]
    )
    with pytest.raises(NodeFailedError, match="node 'fail' failed"):
        ThreadRunner(max_workers=2).run(pipeline, catalog)
    assert catalog.load("slow_out") == 7
    assert not catalog.exists("after")
