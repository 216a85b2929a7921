"""A project fresh from the template passes ``check``: no error, no warning, no info.

The template is a tagged git repository (as a released template is), so the
template-version checks run too: the project is on the latest release.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers_render import clean_env
from helpers_render import git
from helpers_render import git_init_commit
from helpers_render import render
from helpers_render import snapshot_template

pytestmark = pytest.mark.slow  # whole projects in subprocesses: tens of seconds


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = snapshot_template(tmp_path_factory.mktemp("keel") / "template")
    git_init_commit(repo, "Release 0.1.0")
    git(repo, "tag", "v0.1.0")
    return repo


def check(project: Path, package: str, *args: str) -> tuple[int, dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", package, "check", "--json", *args],
        cwd=project,
        env=clean_env(PYTHONPATH="src"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.stderr == "" or "Traceback" not in done.stderr, done.stderr
    return done.returncode, json.loads(done.stdout)


@pytest.mark.parametrize("include_example", [True, False], ids=["example", "empty"])
def test_a_new_project_passes_check_with_nothing_to_report(
    template: Path, tmp_path: Path, include_example: bool
) -> None:
    project = render(
        tmp_path / "bike-demand",
        src=template,
        tasks=True,  # git init and the first commit, as a user gets them
        include_example=include_example,
    )
    code, report = check(project, "bike_demand")
    assert (code, report["findings"], report["score"]) == (0, [], 100)
    assert len(report["checks"]) == 22


def test_a_new_project_is_told_when_the_template_has_a_newer_release(
    template: Path, tmp_path: Path
) -> None:
    project = render(tmp_path / "bike-demand", src=template, tasks=True)
    git(template, "commit", "--quiet", "--allow-empty", "-m", "Release 0.2.0")
    git(template, "tag", "v0.2.0")
    try:
        code, report = check(project, "bike_demand", "--select", "TPL")
    finally:
        git(template, "tag", "--delete", "v0.2.0")
    assert code == 0
    assert [(f["id"], f["file"], f["line"]) for f in report["findings"]] == [
        ("KEEL-TPL002", ".copier-answers.yml", 3)
    ]
