"""A line both the template and the user changed: markers, refused commit, docs."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

from update.helpers import CONFLICT_START
from update.helpers import README_NEW
from update.helpers import README_OLD
from update.helpers import answers_commit
from update.helpers import commit_all
from update.helpers import copy_project
from update.helpers import edit
from update.helpers import files_with_markers
from update.helpers import rej_files
from update.helpers import release_1_1_0
from update.helpers import template_repo
from update.helpers import update

MINE = "Once: `python -m pip install nox uv rich` (and git). Then, in this folder:"


@pytest.fixture(scope="module")
def conflicted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose README line changed on both sides, updated to 1.1.0."""
    root = tmp_path_factory.mktemp("conflicts")
    src = template_repo(root / "template")
    release_1_1_0(src)
    project = copy_project(src, root / "project")
    edit(project / "README.md", README_OLD, MINE)
    commit_all(project, "Our install line")
    update(project)
    return project


def test_conflicting_line_is_left_between_inline_markers(conflicted: Path) -> None:
    """Both versions of the line sit between copier's markers; no .rej file."""
    assert answers_commit(conflicted) == "1.1.0"
    assert rej_files(conflicted) == []
    assert files_with_markers(conflicted) == ["README.md"]
    lines = (conflicted / "README.md").read_text().splitlines()
    start = lines.index(CONFLICT_START)
    assert lines[start + 1 : start + 5] == [
        MINE,
        "=======",
        README_NEW,
        ">>>>>>> after updating",
    ]


def test_generated_pre_commit_refuses_the_markers(
    conflicted: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The project's check-merge-conflict hook fails on the conflicted README."""
    config = yaml.safe_load((conflicted / ".pre-commit-config.yaml").read_text())
    ids = [hook["id"] for repo in config["repos"] for hook in repo["hooks"]]
    assert "check-merge-conflict" in ids
    env = {
        **{k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"},
        "PRE_COMMIT_HOME": str(tmp_path_factory.getbasetemp() / "pre-commit-home"),
    }
    done = subprocess.run(
        ["pre-commit", "run", "check-merge-conflict", "--files", "README.md"],
        cwd=conflicted,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "README.md" in done.stdout
    assert "Merge conflict string" in done.stdout


def test_project_docs_say_how_to_resolve_conflicts(conflicted: Path) -> None:
    """docs/updates.md shows the markers, how to find them, and the .rej files."""
    text = (conflicted / "docs" / "updates.md").read_text()
    assert CONFLICT_START in text
    assert ">>>>>>> after updating" in text
    assert "git grep -n" in text
    assert ".rej" in text
    assert "updates" in (conflicted / "docs" / "index.md").read_text()
