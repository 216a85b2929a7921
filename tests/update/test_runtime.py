"""The bundled runtime: updated cleanly when untouched, reported when edited.

The report comes from the project's own ``nox -s update`` session, run here with
``--no-venv`` so that it uses this environment's copier.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from update.helpers import RUNTIME
from update.helpers import RUNTIME_ADDED
from update.helpers import RUNTIME_FILE
from update.helpers import answers_commit
from update.helpers import commit_all
from update.helpers import copy_project
from update.helpers import edit
from update.helpers import files_with_markers
from update.helpers import git
from update.helpers import release_1_1_0
from update.helpers import template_repo
from update.helpers import update

OTHER = "_errors.py"
MY_FUNCTION = '\n\ndef my_helper() -> int:\n    """Mine."""\n    return 2\n'


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A template repository whose 1.1.0 changes the runtime's _suggest.py."""
    src = template_repo(tmp_path_factory.mktemp("runtime") / "template")
    release_1_1_0(src)
    return src


def _nox_update(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    return subprocess.run(
        [sys.executable, "-m", "nox", "-s", "update", "--no-venv", "--", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_untouched_runtime_becomes_the_new_releases(repo: Path, tmp_path: Path) -> None:
    """Every runtime file equals the 1.1.0 template's, with no conflict."""
    project = copy_project(repo, tmp_path / "project")
    update(project)
    template_runtime = repo / "template" / "src" / "{{package_name}}" / "runtime"
    for path in template_runtime.rglob("*.py"):
        rel = path.relative_to(template_runtime)
        assert (project / RUNTIME / rel).read_text() == path.read_text(), rel
    assert files_with_markers(project) == []


def test_edited_runtime_is_reported_by_the_update_session(
    repo: Path, tmp_path: Path
) -> None:
    """nox -s update names the runtime files the user edited: kept, or in conflict."""
    project = copy_project(repo, tmp_path / "project")
    edit(project / RUNTIME / RUNTIME_FILE, None, MY_FUNCTION)
    edit(project / RUNTIME / OTHER, None, "\n# our note\n")
    commit_all(project, "Patch the runtime")
    done = _nox_update(project, "--vcs-ref=1.1.0", "--defaults", "--no-checks")
    out = done.stdout + done.stderr
    assert done.returncode != 0, out
    assert answers_commit(project) == "1.1.0"
    assert f"runtime file you had edited: {RUNTIME}/{RUNTIME_FILE} (CONFLICT" in out
    assert f"runtime file you had edited: {RUNTIME}/{OTHER} (your edit was kept)" in out
    assert "1 file(s) have conflicts" in out
    assert "template 1.0.0 -> 1.1.0" in out
    text = (project / RUNTIME / RUNTIME_FILE).read_text()
    assert MY_FUNCTION.strip() in text
    assert RUNTIME_ADDED.strip().splitlines()[0] in text
    assert (project / RUNTIME / OTHER).read_text().endswith("# our note\n")


def test_update_session_refuses_a_dirty_tree(repo: Path, tmp_path: Path) -> None:
    """With uncommitted work, nox -s update changes nothing and says why."""
    project = copy_project(repo, tmp_path / "project")
    edit(project / "README.md", None, "\nwork in progress\n")
    done = _nox_update(project, "--vcs-ref=1.1.0", "--defaults", "--no-checks")
    assert done.returncode != 0
    assert "uncommitted changes (README.md)" in done.stdout + done.stderr
    assert "nothing was updated" in done.stdout + done.stderr
    assert answers_commit(project) == "1.0.0"
    assert git(project, "status", "--porcelain").strip() == "M README.md"
