"""The command line as users run it: ``python -m <package>`` in a real subprocess."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import TWO_PIPELINES
from helpers import make_project
from helpers import run_cli

LIGHT = {
    "demo.runtime._errors",
    "demo.runtime.cli",
    "demo.runtime.cli._main",
    "demo.runtime.cli._check",
    "demo.runtime.cli._jupyter",
    "demo.runtime.cli._parser",
    "demo.runtime.cli._viz",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("cli"), files=TWO_PIPELINES)


def test_help_imports_only_the_parser(project: Path) -> None:
    done = run_cli(project, "--help", env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert done.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert {m for m in imported if m.startswith("demo.runtime.")} <= LIGHT
    assert not {m.split(".")[0] for m in imported} & {"yaml", "pluggy", "pandas"}


def test_run_saves_outputs_and_logs_plain_lines(project: Path) -> None:
    done = run_cli(project, "run", "--pipeline", "data_processing")
    assert done.returncode == 0, done.stderr
    summary = json.loads((project / "data/08_reporting/summary.json").read_text())
    assert summary["n"] == 3
    assert " INFO " in done.stderr


def test_the_run_record_lists_the_nodes_a_parallel_runner_ran(project: Path) -> None:
    done = run_cli(project, "run", "-r", "ParallelRunner", "-p", "data_processing")
    assert done.returncode == 0, done.stderr
    last = (project / ".keel" / "runs.jsonl").read_text().splitlines()[-1]
    assert json.loads(last)["nodes_done"] == ["clean", "summarise"]


def test_a_failed_node_exits_1_with_the_resume_command(project: Path) -> None:
    run_cli(project, "run", "--pipeline", "data_processing")
    done = run_cli(project, "run", "-p", "data_science", "--params", "model.lr=-1")
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (
        "To resume: demo-project run --from-nodes train --pipeline data_science "
        "--params model.lr=-1"
    )


def test_a_configuration_error_exits_2_with_one_line(tmp_path: Path) -> None:
    root = make_project(tmp_path, files={"conf/base/catalog.yml": "raw: [unclosed\n"})
    done = run_cli(root, "run")
    assert done.returncode == 2
    assert done.stderr.count("error:") == 1
    assert "catalog.yml" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_pipeline_that_fails_to_import_is_named_and_the_others_run(
    tmp_path: Path,
) -> None:
    files = {
        **TWO_PIPELINES,
        "src/{package}/pipelines/broken/__init__.py": "import not_installed_lib\n",
    }
    done = run_cli(make_project(tmp_path, files=files), "run", "-p", "data_processing")
    assert done.returncode == 0, done.stderr
    assert "pipeline 'broken' was skipped" in done.stderr


def test_run_on_a_terminal_draws_one_updating_progress_line(project: Path) -> None:
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "demo", "run", "-p", "data_processing"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": "src"},
        stdout=subprocess.DEVNULL,
        stderr=follower,
    ) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: the process ended
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=60) == 0
    os.close(leader)
    screen = b"".join(chunks).decode()
    assert "\r\x1b[K[node 1 of 2] running clean" in screen
    assert "[node 2 of 2] running summarise" in screen
