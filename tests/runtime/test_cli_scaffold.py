"""``pipeline create NAME``: the scaffold, its refusals, and that it runs and passes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import in_process
from helpers import make_project
from helpers import run_cli
from keelrt.cli import main
from keelrt.project import read_run_records

SCAFFOLD = [
    "conf/base/parameters_greet.yml",
    "src/demo/pipelines/__init__.py",
    "src/demo/pipelines/greet/__init__.py",
    "src/demo/pipelines/greet/nodes.py",
    "src/demo/pipelines/greet/pipeline.py",
    "tests/pipelines/__init__.py",
    "tests/pipelines/greet/__init__.py",
    "tests/pipelines/greet/test_pipeline.py",
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    with in_process(make_project(tmp_path, runtime=False), monkeypatch) as root:
        yield root


def cli(*args: str) -> int:
    return main(list(args), package_name="demo")


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_pipeline_create_writes_code_test_and_parameters(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files_under(project)
    assert cli("pipeline", "create", "greet") == 0
    assert sorted(files_under(project) - before) == SCAFFOLD
    assert "Run it with: demo-project run --pipeline greet" in capsys.readouterr().out


def test_the_scaffolded_pipeline_runs_and_logs_its_greeting(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli("pipeline", "create", "greet")
    assert cli("run", "--pipeline", "greet") == 0
    assert "hello hello" in capsys.readouterr().err
    assert read_run_records(project)[-1]["nodes_done"] == [
        "make_greet_greeting",
        "report_greet_greeting",
    ]


def test_pipeline_create_refuses_an_existing_pipeline(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli("pipeline", "create", "greet")
    capsys.readouterr()
    assert cli("pipeline", "create", "greet") == 2
    err = capsys.readouterr().err
    assert "error: pipeline 'greet' already exists: 'src/demo/pipelines/greet'" in err


def test_pipeline_create_refuses_when_only_the_parameters_file_exists(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "conf/base/parameters_greet.yml").write_text("greet: {}\n")
    assert cli("pipeline", "create", "greet") == 2
    assert "'conf/base/parameters_greet.yml'" in capsys.readouterr().err
    assert not (project / "src/demo/pipelines/greet").exists()


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("data-prep", "(did you mean 'data_prep'?)"),
        ("2fast", "(did you mean 'p_2fast'?)"),
        ("Class", "starting with a letter. Choose"),
        ("import", ""),
    ],
)
def test_pipeline_create_refuses_names_that_are_not_identifiers(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, hint: str
) -> None:
    assert cli("pipeline", "create", name) == 2
    err = capsys.readouterr().err
    assert f"error: pipeline name {name!r} is not a valid Python identifier" in err
    assert hint in err
    assert not (project / "src/demo/pipelines").exists()


def test_the_scaffolds_own_tests_pass(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    created = run_cli(project, "pipeline", "create", "greet")
    assert created.returncode == 0, created.stderr
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": "src"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "2 passed" in tests.stdout
