"""Runners: same results everywhere, inputs checked, memory released, outputs kept."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
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


def combine(*values: int) -> int:
    return sum(values) * 2 + 1


def identity(value: Any) -> Any:
    return value


def first(value: Any, _other: Any) -> Any:
    return value


class RecordingDataset(MemoryDataset):
    """A memory dataset that writes each load, save and release to a shared log."""

    def __init__(self, log: list[str], name: str) -> None:
        super().__init__()
        self._log = log
        self._name = name

    def load(self) -> Any:
        self._log.append(f"load {self._name}")
        return super().load()

    def save(self, data: Any) -> None:
        self._log.append(f"save {self._name}")
        super().save(data)

    def _release(self) -> None:
        self._log.append(f"release {self._name}")
        super()._release()


@st.composite
def layered_dags(draw: st.DrawFn) -> list[list[int]]:
    """Parents of each node i, drawn among nodes < i; an empty list reads 'seed'."""
    count = draw(st.integers(min_value=1, max_value=12))
    return [
        sorted(draw(st.sets(st.integers(0, i - 1), max_size=3))) if i else []
        for i in range(count)
    ]


def _pipeline_of(parents: list[list[int]]) -> Pipeline:
    return Pipeline(
        [
            node(
                combine,
                [f"d{p}" for p in ps] or ["seed"],
                f"d{i}",
                name=f"n{i}",
            )
            for i, ps in enumerate(parents)
        ]
    )


def _expected(parents: list[list[int]], seed: int) -> dict[str, int]:
    values: list[int] = []
    for ps in parents:
        values.append(combine(*([values[p] for p in ps] or [seed])))
    read = {p for ps in parents for p in ps}
    return {f"d{i}": v for i, v in enumerate(values) if i not in read}


@settings(max_examples=15, deadline=None)
@given(parents=layered_dags(), seed=st.integers(-5, 5))
def test_every_runner_returns_the_same_free_outputs(
    parents: list[list[int]], seed: int
) -> None:
    runners = [
        runner(max_workers=2) if runner is not SequentialRunner else runner()
        for runner in RUNNERS
    ]
    outputs = [
        r.run(_pipeline_of(parents), DataCatalog({"seed": MemoryDataset(seed)}))
        for r in runners
    ]
    assert outputs == [_expected(parents, seed)] * 3


def test_dataset_is_released_right_after_its_last_reader() -> None:
    log: list[str] = []
    catalog = DataCatalog(
        {name: RecordingDataset(log, name) for name in ("x", "y", "z", "w")}
    )
    catalog["start"] = 1
    pipeline = Pipeline(
        [
            node(identity, "start", "x", name="a"),
            node(identity, "x", "y", name="b"),
            node(first, ["x", "y"], "z", name="c"),
            node(identity, "z", "w", name="d"),
        ]
    )
    SequentialRunner().run(pipeline, catalog)
    assert log == [
        "save x",
        "load x",
        "save y",
        "load x",
        "load y",
        "save z",
        "release x",
        "release y",
        "load z",
        "save w",
        "release z",
        "load w",  # the runner reads the free output to return it
    ]


def test_free_inputs_held_in_memory_are_kept_after_the_run() -> None:
    catalog = DataCatalog({"start": MemoryDataset(3)})
    pipeline = Pipeline([node(identity, "start", "out", name="a")])
    SequentialRunner().run(pipeline, catalog)
    assert catalog.load("start") == 3


def test_run_returns_only_outputs_the_catalog_does_not_persist(tmp_path: Any) -> None:
    catalog = DataCatalog.from_config(
        {"saved": {"type": "pickle.PickleDataset", "filepath": str(tmp_path / "s.pkl")}}
    )
    catalog["start"] = 5
    pipeline = Pipeline(
        [
            node(identity, "start", "saved", name="a"),
            node(identity, "start", "kept", name="b"),
        ]
    )
    assert SequentialRunner().run(pipeline, catalog) == {"kept": 5}


def test_missing_input_names_dataset_node_and_close_match() -> None:
    catalog = DataCatalog({"model_inputs": MemoryDataset(1)})
    pipeline = Pipeline([node(identity, "model_input", "model", name="train_model")])
    with pytest.raises(RunnerError) as caught:
        SequentialRunner().run(pipeline, catalog)
    assert str(caught.value).startswith(
        "dataset 'model_input' (input of node 'train_model') is not in the catalog "
        "(did you mean 'model_inputs'?)."
    )


def test_missing_input_leaves_the_catalog_unchanged() -> None:
    catalog = DataCatalog()
    pipeline = Pipeline([node(identity, "absent", "out", name="a")])
    with pytest.raises(RunnerError):
        SequentialRunner().run(pipeline, catalog)
    assert "out" not in catalog


def test_output_nobody_reads_or_saves_is_warned_about_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    catalog = DataCatalog({"start": MemoryDataset(1)})
    pipeline = Pipeline(
        [
            node(identity, "start", "model", name="train"),
            node(identity, "model", "modle", name="evaluate"),
        ]
    )
    with caplog.at_level(logging.WARNING):
        SequentialRunner().run(pipeline, catalog)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "'modle' (output of node 'evaluate')" in warnings[0]
    assert "typo" in warnings[0]


def test_output_defined_in_the_catalog_is_not_warned_about(
    caplog: pytest.LogCaptureFixture,
) -> None:
    catalog = DataCatalog({"start": MemoryDataset(1), "model": MemoryDataset()})
    pipeline = Pipeline([node(identity, "start", "model", name="train")])
    with caplog.at_level(logging.WARNING):
        SequentialRunner().run(pipeline, catalog)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_run_logs_one_summary_at_info(caplog: pytest.LogCaptureFixture) -> None:
    catalog = DataCatalog({"seed": MemoryDataset(1)})
    with caplog.at_level(logging.INFO, logger="keelrt.runners"):
        SequentialRunner().run(_pipeline_of([[], [0], [1]]), catalog)
    infos = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert len(infos) == 1
    assert infos[0].startswith("Completed 3 nodes in ")


@pytest.mark.parametrize("runner", RUNNERS, ids=lambda r: r.__name__)
def test_progress_is_reported_once_per_node(runner: type) -> None:
    calls: list[tuple[int, int, str]] = []
    catalog = DataCatalog({"seed": MemoryDataset(1)})
    runner().run(
        _pipeline_of([[], [0], [0], [1, 2]]),
        catalog,
        progress=lambda done, total, name: calls.append((done, total, name)),
    )
    assert [c[:2] for c in calls] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert sorted(c[2] for c in calls) == ["n0", "n1", "n2", "n3"]


def test_empty_pipeline_returns_nothing() -> None:
    assert SequentialRunner().run(Pipeline([]), DataCatalog()) == {}


@pytest.mark.parametrize("runner", [ThreadRunner, ParallelRunner])
@pytest.mark.parametrize("value", [0, -1, 1.5, True, "2"])
def test_max_workers_must_be_a_positive_integer(runner: type, value: object) -> None:
    with pytest.raises(RunnerError, match="max_workers"):
        runner(max_workers=value)


@pytest.mark.parametrize(
    ("runner", "text"),
    [
        (SequentialRunner(), "SequentialRunner()"),
        (ThreadRunner(max_workers=3), "ThreadRunner(max_workers=3)"),
        (ParallelRunner(), "ParallelRunner(max_workers=None)"),
    ],
)
def test_runners_have_readable_reprs(runner: object, text: str) -> None:
    assert repr(runner) == text


def test_missing_parameter_points_to_the_parameters_file() -> None:
    pipeline = Pipeline([node(first, ["start", "params:lr"], "out", name="train")])
    with pytest.raises(
        RunnerError, match=r"conf/base/parameters\.yml or pass --params"
    ):
        SequentialRunner().run(pipeline, DataCatalog({"start": MemoryDataset(1)}))


def test_every_missing_input_is_listed() -> None:
    pipeline = Pipeline([node(first, ["a", "b"], "out", name="train")])
    with pytest.raises(RunnerError, match=r"Also missing: 'b'\."):
        SequentialRunner().run(pipeline, DataCatalog())


class ConfirmableDataset(MemoryDataset):
    """A memory dataset with Kedro's confirm(), as IncrementalDataset has."""

    confirmed = 0

    def confirm(self) -> None:
        self.confirmed += 1


def test_node_confirms_are_confirmed_after_it_runs() -> None:
    checkpoint = ConfirmableDataset()
    catalog = DataCatalog({"start": MemoryDataset(1), "checkpoint": checkpoint})
    pipeline = Pipeline(
        [node(identity, "start", "out", name="load", confirms="checkpoint")]
    )
    SequentialRunner().run(pipeline, catalog)
    assert checkpoint.confirmed == 1


def test_confirming_a_dataset_without_confirm_fails_the_node() -> None:
    catalog = DataCatalog({"start": MemoryDataset(1)})
    pipeline = Pipeline([node(identity, "start", "out", name="load", confirms="start")])
    with pytest.raises(RunnerError, match=r"'start' \(confirmed by node 'load'\)"):
        SequentialRunner().run(pipeline, catalog)


@pytest.mark.parametrize("runner", RUNNERS, ids=lambda r: r.__name__)
def test_transcoded_dataset_is_read_after_it_is_written(
    runner: type, tmp_path: Any, caplog: pytest.LogCaptureFixture
) -> None:
    path = str(tmp_path / "cars.pkl")
    catalog = DataCatalog.from_config(
        {
            "cars@write": {"type": "pickle.PickleDataset", "filepath": path},
            "cars@read": {"type": "pickle.PickleDataset", "filepath": path},
        }
    )
    catalog["start"] = [3, 4]
    pipeline = Pipeline(
        [
            node(identity, "cars@read", "report", name="a_reader"),
            node(identity, "start", "cars@write", name="z_writer"),
        ]
    )
    with caplog.at_level(logging.WARNING):
        assert runner().run(pipeline, catalog) == {"report": [3, 4]}
    assert "cars@write" not in caplog.text


@pytest.mark.parametrize("runner", RUNNERS, ids=lambda r: r.__name__)
def test_empty_memory_input_fails_the_node_that_reads_it(runner: type) -> None:
    catalog = DataCatalog({"start": MemoryDataset()})
    pipeline = Pipeline([node(identity, "start", "out", name="reader")])
    with pytest.raises(NodeFailedError, match="node 'reader' failed: "):
        runner().run(pipeline, catalog)
