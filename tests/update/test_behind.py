"""The project's template-version hook warns when it is behind, saying by how much."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

from update.helpers import commit_all
from update.helpers import copy_project
from update.helpers import release_1_1_0
from update.helpers import release_trivial
from update.helpers import template_repo
from update.helpers import update

HOOK = "template-version"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A template repository tagged 1.0.0, 1.1.0 and 1.2.0."""
    src = template_repo(tmp_path_factory.mktemp("behind") / "template")
    release_1_1_0(src)
    release_trivial(src, "1.2.0")
    return src


def _pre_commit(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> subprocess.CompletedProcess[str]:
    env = {
        **{k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"},
        "PRE_COMMIT_HOME": str(tmp_path_factory.getbasetemp() / "pre-commit-home"),
    }
    return subprocess.run(
        ["pre-commit", "run", HOOK, "--all-files"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_hook_is_local_and_always_runs(repo: Path, tmp_path: Path) -> None:
    """The hook needs no network repository and runs whatever files changed."""
    project = copy_project(repo, tmp_path / "project")
    config = yaml.safe_load((project / ".pre-commit-config.yaml").read_text())
    hooks = {h["id"]: (r["repo"], h) for r in config["repos"] for h in r["hooks"]}
    origin, hook = hooks[HOOK]
    assert origin == "local"
    assert hook["always_run"] is True
    assert hook["pass_filenames"] is False
    assert "'check', '--select', 'TPL'" in hook["entry"]
    ci = (project / ".github" / "workflows" / "ci.yml").read_text()
    assert f"nox -s lint -- {HOOK} --all-files" in ci


def test_hook_warns_how_many_releases_behind_and_passes(
    repo: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Two releases behind: a warning naming the count and the latest; exit 0."""
    project = copy_project(repo, tmp_path / "project")
    done = _pre_commit(project, tmp_path_factory)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 release(s) behind the template: on '1.0.0', latest '1.2.0'" in done.stdout
    update(project, ref="1.2.0")
    commit_all(project, "Update from the template")
    done = _pre_commit(project, tmp_path_factory)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "release(s) behind" not in done.stdout
    assert "0 warnings" in done.stdout


def test_hook_reports_an_unreachable_template_as_info(
    repo: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A template that cannot be reached is an info line, not a failure."""
    project = copy_project(repo, tmp_path / "project")
    answers = project / ".copier-answers.yml"
    text = answers.read_text().replace(str(repo), str(tmp_path / "gone"))
    answers.write_text(text)
    commit_all(project, "Point at a template that is gone")
    done = _pre_commit(project, tmp_path_factory)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "cannot reach the template" in done.stdout
