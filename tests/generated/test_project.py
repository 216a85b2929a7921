"""Project tier: a rendered project passes its own tools, as an apprentice runs them.

For the default answers and for an empty project (``include_example=false``): render
with the template's tasks (git repository, first commit), then run the project's
``nox -s tests lint docs package``, ``pre-commit run --all-files`` and ``nox -s run``
(its ``<slug> run``), check what the run wrote, then add a pipeline with
``<slug> pipeline create`` and run the checks again. One rendered project per answer
set is shared by the module's tests, which run in file order.

Installs go through uv and the machine's real uv cache (captured at import, before the
session fixture points HOME at a temporary folder), so repeated runs download little;
pre-commit's hook environments go to a folder of this module's own, shared by both
projects, so a stale user cache cannot change the result.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from typing import NamedTuple

import pytest
import yaml
from helpers_render import clean_env
from helpers_render import render
from helpers_render import snapshot_template

pytestmark = pytest.mark.slow

_HOME = Path.home()
CACHES = {
    "UV_CACHE_DIR": os.environ.get("UV_CACHE_DIR", str(_HOME / ".cache" / "uv")),
    "PIP_CACHE_DIR": os.environ.get("PIP_CACHE_DIR", str(_HOME / ".cache" / "pip")),
}
ANSWER_SETS = {
    "default": {},
    "empty": {"include_example": False, "ci": "gitlab", "license": "Proprietary"},
}
TIMEOUT = 900


class Project(NamedTuple):
    """A rendered project, the answers it was made with, and its tools' environment."""

    path: Path
    answers: dict[str, Any]
    env: dict[str, str]


@pytest.fixture(scope="module")
def tool_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("pre-commit-home")
    return clean_env(**CACHES, PRE_COMMIT_HOME=str(home), NO_COLOR="1")


@pytest.fixture(scope="module", params=list(ANSWER_SETS), ids=list(ANSWER_SETS))
def project(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    tool_env: dict[str, str],
) -> Project:
    answers: dict[str, Any] = ANSWER_SETS[request.param]
    template = snapshot_template(tmp_path_factory.mktemp("template"))
    dst = tmp_path_factory.mktemp(request.param) / "bike-demand"
    render(dst, template, tasks=True, **answers)
    return Project(dst, {"include_example": True, **answers}, tool_env)


def _run(project: Project, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(command),
        cwd=project.path,
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT,
        env=project.env,
    )


def _nox(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return _run(project, sys.executable, "-m", "nox", "--non-interactive", *args)


def _report(done: subprocess.CompletedProcess[str]) -> str:
    """The exit code, the lines that name failures, then the end of the output."""
    output = done.stdout + done.stderr
    flagged = [
        line
        for line in output.splitlines()
        if re.search(r"Failed|hook id:|Error|error:|FAILED|WARNING", line)
    ]
    return (
        f"exit {done.returncode}\n"
        + "\n".join(flagged[:40])
        + f"\n...\n{output[-6000:]}"
    )


def _catalog_outputs(project: Path) -> list[Path]:
    """Files of the catalog's explicit entries outside data/01_raw: the outputs."""
    catalog = yaml.safe_load((project / "conf/base/catalog.yml").read_text()) or {}
    return sorted(
        project / entry["filepath"]
        for name, entry in catalog.items()
        if "{" not in name
        and isinstance(entry, dict)
        and "filepath" in entry
        and not entry["filepath"].startswith("data/01_raw/")
    )


def _data_files(project: Path) -> list[str]:
    return sorted(
        path.relative_to(project).as_posix()
        for path in (project / "data").rglob("*")
        if path.is_file() and path.name != ".gitkeep"
    )


def _clear_outputs(project: Path) -> None:
    """Delete what earlier runs wrote under data/ (raw inputs and .gitkeep stay)."""
    for name in _data_files(project):
        if not name.startswith("data/01_raw/"):
            (project / name).unlink()


def _check_run_outputs(
    project: Project, done: subprocess.CompletedProcess[str]
) -> None:
    if project.answers["include_example"]:
        outputs = _catalog_outputs(project.path)
        assert outputs
        assert [p for p in outputs if not p.exists()] == []
    else:
        assert [f for f in _data_files(project.path) if "01_raw" not in f] == []
        assert "pipeline" in (done.stdout + done.stderr).lower()


def test_nox_tests_passes_with_coverage(project: Project) -> None:
    done = _nox(project, "-s", "tests")
    assert done.returncode == 0, _report(done)
    assert "Required test coverage of" in done.stdout + done.stderr


def test_nox_lint_passes(project: Project) -> None:
    done = _nox(project, "-s", "lint")
    assert done.returncode == 0, _report(done)


def test_pre_commit_run_all_files_passes_again_and_changes_nothing(
    project: Project,
) -> None:
    # A pre-commit of the user's own (here the test environment's), as a git hook
    # would run it, sharing the hook environments that `nox -s lint` installed.
    done = _run(project, sys.executable, "-m", "pre_commit", "run", "--all-files")
    assert done.returncode == 0, _report(done)


def test_nox_docs_builds_with_warnings_as_errors(
    project: Project,
) -> None:
    path, answers = project.path, project.answers
    done = _nox(project, "-s", "docs")
    assert done.returncode == 0, _report(done)
    html = path / "docs" / "_build" / "html"
    assert (html / "onboarding.html").is_file()
    api = (html / "api.html").read_text(encoding="utf-8")
    assert "bike_demand.pipeline_registry" in api
    if answers["include_example"]:
        assert "bike_demand.pipelines.data_processing" in api


def test_nox_package_builds_a_wheel_that_runs_outside_the_project(
    project: Project,
) -> None:
    _clear_outputs(project.path)
    done = _nox(project, "-s", "package")
    assert done.returncode == 0, _report(done)
    built = sorted(p.name for p in (project.path / "dist").iterdir())
    assert built == ["bike_demand-0.1.0-py3-none-any.whl", "bike_demand-0.1.0.tar.gz"]
    _check_run_outputs(project, done)


def test_the_run_command_writes_the_outputs_or_says_there_is_nothing(
    project: Project,
) -> None:
    _clear_outputs(project.path)
    done = _nox(project, "-s", "run")
    assert done.returncode == 0, _report(done)
    _check_run_outputs(project, done)


def test_the_tools_leave_git_clean(project: Project) -> None:
    path = project.path
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert status == ""


def test_a_pipeline_added_with_the_scaffold_passes_every_check(
    project: Project,
) -> None:
    # The apprentice's next step: `<slug> pipeline create NAME`, then the checks.
    command = project.path / ".nox" / "run" / "bin" / "bike-demand"
    created = _run(project, str(command), "pipeline", "create", "forecasting")
    assert created.returncode == 0, _report(created)
    subprocess.run(["git", "add", "-A"], cwd=project.path, check=True)
    done = _nox(project, "-s", "tests", "lint", "docs")
    assert done.returncode == 0, _report(done)
    api = project.path / "docs" / "_build" / "html" / "api.html"
    assert "bike_demand.pipelines.forecasting" in api.read_text(encoding="utf-8")
