"""The fleet script on a folder of projects at three template releases."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from update.helpers import ROOT
from update.helpers import copy_project
from update.helpers import edit
from update.helpers import release_1_1_0
from update.helpers import release_trivial
from update.helpers import template_repo

FLEET = ROOT / "scripts" / "fleet.py"


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three projects at 1.0.0, 1.1.0 (dirty) and 1.2.0, the newest release."""
    root = tmp_path_factory.mktemp("fleet")
    src = template_repo(root / "template")
    release_1_1_0(src)
    release_trivial(src, "1.2.0")
    projects = root / "projects"
    copy_project(src, projects / "alpha", "1.0.0", project_name="Alpha")
    beta = copy_project(src, projects / "beta", "1.1.0", project_name="Beta")
    edit(beta / "README.md", None, "\nwork in progress\n")
    copy_project(src, projects / "gamma", "1.2.0", project_name="Gamma", ci="none")
    (projects / "notes").mkdir()  # not a project: left out
    return projects


def _fleet(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(FLEET), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_fleet_table_shows_version_lag_and_cleanliness(fleet: Path) -> None:
    """One row per project: release, latest, releases behind, clean, answers."""
    done = _fleet(str(fleet))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == [
        "project",
        "template",
        "latest",
        "behind",
        "clean",
        "checks",
        "answers",
    ]
    rows = {line.split()[0]: line.split()[:6] for line in lines[2:]}
    assert rows == {
        "alpha": ["alpha", "1.0.0", "1.2.0", "2", "yes", "not"],
        "beta": ["beta", "1.1.0", "1.2.0", "1", "NO", "not"],
        "gamma": ["gamma", "1.2.0", "1.2.0", "0", "yes", "not"],
    }
    assert "project_name=Gamma" in lines[-1]
    assert "ci=none" in lines[-1]


def test_fleet_json_lists_each_project_with_its_answers(fleet: Path) -> None:
    """--json gives the same facts, one object per project, for dashboards."""
    done = _fleet(str(fleet / "alpha"), str(fleet / "gamma"), "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [(r["version"], r["behind"], r["clean"]) for r in rows] == [
        ("1.0.0", 2, True),
        ("1.2.0", 0, True),
    ]
    assert rows[0]["answers"]["package_name"] == "alpha"
    assert rows[0]["checks"] == "not run"


def test_fleet_without_projects_says_what_a_project_is(tmp_path: Path) -> None:
    """An empty folder: exit 2 and a message naming the answers file."""
    done = _fleet(str(tmp_path))
    assert done.returncode == 2
    assert ".copier-answers.yml" in done.stderr
