"""hooks/init_git.py, the copier task that makes a new project a git repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HOOK = Path(__file__).resolve().parents[2] / "hooks" / "init_git.py"


def _run_hook(
    folder: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(HOOK)],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def _git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "bike-demand"
    (folder / "src").mkdir(parents=True)
    (folder / "README.md").write_text("# Bike Demand\n")
    (folder / "src" / "nodes.py").write_text("x = 1\n")
    return folder


def test_new_project_gets_a_repository_with_every_file_committed(
    project: Path,
) -> None:
    done = _run_hook(project)
    assert done.returncode == 0
    assert _git(project, "ls-files").splitlines() == ["README.md", "src/nodes.py"]
    assert _git(project, "status", "--porcelain") == ""


def test_first_branch_is_main(project: Path) -> None:
    _run_hook(project, {"GIT_CONFIG_PARAMETERS": "'init.defaultBranch'='trunk'"})
    assert _git(project, "branch", "--show-current") == "main"


def test_project_inside_a_repository_gets_no_nested_one(project: Path) -> None:
    _git(project.parent, "init", "--quiet")
    done = _run_hook(project)
    assert done.returncode == 0
    assert not (project / ".git").exists()
    assert str(project.parent.resolve()) in done.stderr


def test_missing_identity_leaves_files_staged_and_explains(project: Path) -> None:
    done = _run_hook(
        project,
        {
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_COUNT": "1",
            "GIT_CONFIG_KEY_0": "user.useConfigOnly",
            "GIT_CONFIG_VALUE_0": "true",
        },
    )
    assert done.returncode == 0
    assert "user.email" in done.stderr
    assert _git(project, "diff", "--cached", "--name-only").splitlines() == [
        "README.md",
        "src/nodes.py",
    ]


def test_missing_git_explains_how_to_do_it_by_hand(
    project: Path, tmp_path: Path
) -> None:
    empty_path = tmp_path / "no-git-here"
    empty_path.mkdir()
    done = _run_hook(project, {"PATH": str(empty_path)})
    assert done.returncode == 0
    assert not (project / ".git").exists()
    assert "git init" in done.stderr
