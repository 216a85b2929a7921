"""load_runner: the CLI's --runner value becomes a runner class, or a clear error."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from keelrt import DataCatalog
from keelrt import MemoryDataset
from keelrt import Pipeline
from keelrt import RunnerError
from keelrt import node
from keelrt.runners import ParallelRunner
from keelrt.runners import SequentialRunner
from keelrt.runners import ThreadRunner
from keelrt.runners import load_runner


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("SequentialRunner", SequentialRunner),
        ("ThreadRunner", ThreadRunner),
        ("ParallelRunner", ParallelRunner),
        ("kedro.runner.ThreadRunner", ThreadRunner),
    ],
)
def test_built_in_runner_names_are_loaded(name: str, expected: type) -> None:
    assert load_runner(name) is expected


def test_unknown_short_name_suggests_the_closest_runner() -> None:
    with pytest.raises(RunnerError) as caught:
        load_runner("SequentalRunner")
    assert str(caught.value).startswith(
        "runner 'SequentalRunner' is not known (did you mean 'SequentialRunner'?)."
    )


@pytest.fixture
def user_runners(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    module = tmp_path / "user_runners_mod.py"
    module.write_text(
        textwrap.dedent(
            """
            from concurrent.futures import ThreadPoolExecutor

            from keelrt.runners import AbstractRunner


            class TwoThreadRunner(AbstractRunner):
                def _get_executor(self, node_count):
                    return ThreadPoolExecutor(max_workers=2)


            not_a_runner = 42
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    return "user_runners_mod"


def inc(x: int) -> int:
    return x + 1


def test_dotted_path_loads_a_users_runner_that_runs(user_runners: str) -> None:
    runner = load_runner(f"{user_runners}.TwoThreadRunner")()
    pipeline = Pipeline([node(inc, "a", "b", name="one"), node(inc, "b", "c")])
    assert runner.run(pipeline, DataCatalog({"a": MemoryDataset(1)})) == {"c": 3}


def test_dotted_path_to_a_missing_class_suggests_a_close_name(
    user_runners: str,
) -> None:
    with pytest.raises(RunnerError, match=r"did you mean 'TwoThreadRunner'\?"):
        load_runner(f"{user_runners}.TwoThreadRuner")


def test_dotted_path_to_something_else_is_refused(user_runners: str) -> None:
    with pytest.raises(RunnerError, match="expected a subclass of AbstractRunner"):
        load_runner(f"{user_runners}.not_a_runner")


def test_dotted_path_to_a_missing_module_says_it_cannot_be_imported() -> None:
    with pytest.raises(RunnerError, match="cannot be imported"):
        load_runner("no_such_package_here.Runner")
