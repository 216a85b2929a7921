"""Runners call the node and dataset hooks with Kedro's arguments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from keelrt import DataCatalog
from keelrt import MemoryDataset
from keelrt import Pipeline
from keelrt import RunnerError
from keelrt import hook_impl
from keelrt import node
from keelrt.hooks import create_hook_manager
from keelrt.runners import NodeFailedError
from keelrt.runners import ParallelRunner
from keelrt.runners import SequentialRunner
from keelrt.runners import ThreadRunner


def double(x: int) -> int:
    return x * 2


def explode(x: int) -> int:
    raise ValueError(f"cannot use {x}")


class Recorder:
    """Hooks that note each call with the arguments a user would look at."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.catalogs: list[Any] = []

    @hook_impl
    def before_dataset_loaded(self, dataset_name: str, node: Any) -> None:
        self.calls.append(("before_dataset_loaded", dataset_name, node.name))

    @hook_impl
    def after_dataset_loaded(self, dataset_name: str, data: Any, node: Any) -> None:
        self.calls.append(("after_dataset_loaded", dataset_name, data, node.name))

    @hook_impl
    def before_node_run(
        self, node: Any, catalog: Any, inputs: dict, is_async: bool, run_id: str
    ) -> None:
        self.catalogs.append(catalog)
        self.calls.append(("before_node_run", node.name, inputs, is_async, run_id))

    @hook_impl
    def after_node_run(  # noqa: PLR0917 (Kedro's hook signature)
        self,
        node: Any,
        catalog: Any,
        inputs: dict,
        outputs: dict,
        is_async: bool,
        run_id: str,
    ) -> None:
        self.catalogs.append(catalog)
        self.calls.append(
            ("after_node_run", node.name, inputs, outputs, is_async, run_id)
        )

    @hook_impl
    def on_node_error(  # noqa: PLR0917 (Kedro's hook signature)
        self,
        error: Exception,
        node: Any,
        catalog: Any,
        inputs: dict,
        is_async: bool,
        run_id: str,
    ) -> None:
        self.catalogs.append(catalog)
        self.calls.append(
            ("on_node_error", str(error), node.name, inputs, is_async, run_id)
        )

    @hook_impl
    def before_dataset_saved(self, dataset_name: str, data: Any, node: Any) -> None:
        self.calls.append(("before_dataset_saved", dataset_name, data, node.name))

    @hook_impl
    def after_dataset_saved(self, dataset_name: str, data: Any, node: Any) -> None:
        self.calls.append(("after_dataset_saved", dataset_name, data, node.name))


class Override:
    def __init__(self, response: Any) -> None:
        self.response = response

    @hook_impl
    def before_node_run(self) -> Any:  # pluggy passes only the arguments named
        return self.response


def _manager(*hooks: object) -> Any:
    manager = create_hook_manager()
    for hook in hooks:
        manager.register(hook)
    return manager


def _run(pipeline: Pipeline, runner: Any, *hooks: object) -> dict[str, Any]:
    catalog = DataCatalog({"x": MemoryDataset(2)})
    return runner.run(pipeline, catalog, hook_manager=_manager(*hooks), run_id="r1")


ONE_NODE = Pipeline([node(double, "x", "y", name="double")])


@pytest.mark.parametrize("runner", [SequentialRunner, ThreadRunner])
def test_hooks_see_each_load_run_and_save_in_order(runner: type) -> None:
    recorder = Recorder()
    _run(ONE_NODE, runner(), recorder)
    assert recorder.calls == [
        ("before_dataset_loaded", "x", "double"),
        ("after_dataset_loaded", "x", 2, "double"),
        ("before_node_run", "double", {"x": 2}, False, "r1"),
        ("after_node_run", "double", {"x": 2}, {"y": 4}, False, "r1"),
        ("before_dataset_saved", "y", 4, "double"),
        ("after_dataset_saved", "y", 4, "double"),
    ]


def test_node_hooks_receive_the_run_catalog() -> None:
    recorder = Recorder()
    catalog = DataCatalog({"x": MemoryDataset(2)})
    SequentialRunner().run(ONE_NODE, catalog, hook_manager=_manager(recorder))
    assert recorder.catalogs == [catalog, catalog]


def test_before_node_run_can_override_inputs() -> None:
    assert _run(ONE_NODE, SequentialRunner(), Override({"x": 10})) == {"y": 20}


def test_before_node_run_returning_none_keeps_inputs() -> None:
    assert _run(ONE_NODE, SequentialRunner(), Override(None)) == {"y": 4}


def test_before_node_run_returning_a_non_dict_fails_the_node() -> None:
    with pytest.raises(NodeFailedError) as caught:
        _run(ONE_NODE, SequentialRunner(), Override([1]))
    assert isinstance(caught.value.__cause__, RunnerError)
    assert "before_node_run" in str(caught.value.__cause__)


def test_on_node_error_receives_the_error_and_inputs() -> None:
    recorder = Recorder()
    with pytest.raises(NodeFailedError):
        _run(
            Pipeline([node(explode, "x", "y", name="explode")]),
            ThreadRunner(),
            recorder,
        )
    assert recorder.calls[-1] == (
        "on_node_error",
        "cannot use 2",
        "explode",
        {"x": 2},
        False,
        "r1",
    )


class FileRecorder:
    """Writes a line per finished node: hooks in worker processes share no memory."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @hook_impl
    def after_node_run(self, node: Any, outputs: dict) -> None:
        with self.path.open("a") as out:
            out.write(f"{node.name} {sorted(outputs.items())}\n")


def test_parallel_runner_calls_node_hooks_in_its_workers(tmp_path: Path) -> None:
    log = tmp_path / "hooks.log"
    pipeline = Pipeline(
        [
            node(double, "x", "y", name="first"),
            node(double, "y", "z", name="second"),
        ]
    )
    assert _run(pipeline, ParallelRunner(max_workers=2), FileRecorder(log)) == {"z": 8}
    assert sorted(log.read_text().splitlines()) == [
        "first [('y', 4)]",
        "second [('z', 8)]",
    ]
