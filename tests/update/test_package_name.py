"""Changing package_name (an answer used in paths) is refused, and nothing is lost."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from update.helpers import PACKAGE
from update.helpers import answers_commit
from update.helpers import commit_all
from update.helpers import copy_project
from update.helpers import edit
from update.helpers import git
from update.helpers import release_1_1_0
from update.helpers import template_repo
from update.helpers import update

NODES = f"src/{PACKAGE}/pipelines/data_processing/nodes.py"
NEW_NODE = '\n\ndef mine():\n    """Mine."""\n    return 1\n'
OWN = f"src/{PACKAGE}/pipelines/forecast/__init__.py"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A template repository tagged 1.0.0 and 1.1.0."""
    src = template_repo(tmp_path_factory.mktemp("rename") / "template")
    release_1_1_0(src)
    return src


def test_smoke_package_rename_is_refused_and_undone(
    repo: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """The update fails with the recipe; the project is exactly as committed."""
    project = copy_project(repo, tmp_path / "project")
    edit(project / NODES, None, NEW_NODE)
    edit(project / OWN, None, '"""Ours."""\n')
    commit_all(project, "Our work")
    head = git(project, "rev-parse", "HEAD")
    # copier's TaskError (9.7+) is a CalledProcessError; 9.6 raises the latter
    with pytest.raises(subprocess.CalledProcessError):
        update(project, package_name="bike_rentals")
    err = capfd.readouterr().err
    assert "package_name cannot change" in err
    assert "git mv src/bike_demand src/bike_rentals" in err
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""
    assert git(project, "rev-parse", "HEAD") == head
    assert (project / NODES).read_text().endswith(NEW_NODE)
    assert (project / OWN).is_file()
    assert not (project / "src" / "bike_rentals").exists()
    assert answers_commit(project) == "1.0.0"


def test_package_renamed_by_hand_then_updates_cleanly(
    repo: Path, tmp_path: Path
) -> None:
    """The refusal's recipe works: rename, set the answer, update; edits stay."""
    project = copy_project(repo, tmp_path / "project")
    edit(project / NODES, None, NEW_NODE)
    commit_all(project, "Our work")
    git(project, "mv", f"src/{PACKAGE}", "src/bike_rentals")
    for path in git(project, "grep", "-l", PACKAGE).split():
        text = (project / path).read_text()
        (project / path).write_text(text.replace(PACKAGE, "bike_rentals"))
    commit_all(project, "Rename the package to bike_rentals")
    update(project)
    assert answers_commit(project) == "1.1.0"
    nodes = project / "src/bike_rentals/pipelines/data_processing/nodes.py"
    assert nodes.read_text().endswith(NEW_NODE)
    assert not (project / "src" / PACKAGE).exists()
