"""A project with user edits keeps every one of them through an update."""

from __future__ import annotations

from pathlib import Path

import pytest

from update.helpers import NEW_FILE
from update.helpers import PACKAGE
from update.helpers import README_NEW
from update.helpers import RUNTIME
from update.helpers import RUNTIME_ADDED
from update.helpers import RUNTIME_FILE
from update.helpers import answers_commit
from update.helpers import commit_all
from update.helpers import copy_project
from update.helpers import edit
from update.helpers import files_with_markers
from update.helpers import rej_files
from update.helpers import release_1_1_0
from update.helpers import template_repo
from update.helpers import update

PIPELINE = f"src/{PACKAGE}/pipelines/forecast"
NODES = f"src/{PACKAGE}/pipelines/data_processing/nodes.py"
PARAMS = "conf/base/parameters_data_processing.yml"
NEW_NODE = '\n\ndef drop_weekends(trips):\n    """Keep weekdays."""\n    return trips\n'
README_SECTION = "\n## Our data\n\nTrips come from the city's open-data portal.\n"
EDITS: dict[str, tuple[str | None, str]] = {
    f"{PIPELINE}/__init__.py": (None, '"""Forecast demand."""\n'),
    f"{PIPELINE}/nodes.py": (None, "def predict(x):\n    return x\n"),
    NODES: (None, NEW_NODE),
    PARAMS: ("max_daily_trips: 1000", "max_daily_trips: 750"),
    "README.md": (None, README_SECTION),
}
IGNORED: dict[str, str] = {
    "conf/local/parameters.yml": "data_processing:\n  max_daily_trips: 10\n",
    "data/01_raw/extra.csv": "station,trips\nA,3\n",
    "data/06_models/model.pkl": "not really a pickle\n",
}
CREDENTIALS = "conf/local/credentials.yml"


@pytest.fixture(scope="module")
def updated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project edited like a user's at 1.0.0, then updated to 1.1.0."""
    root = tmp_path_factory.mktemp("edits")
    src = template_repo(root / "template")
    release_1_1_0(src)
    project = copy_project(src, root / "project")
    for relative, (old, new) in EDITS.items():
        edit(project / relative, old, new)
    commit_all(project, "Our work")
    for relative, text in IGNORED.items():
        edit(project / relative, None, text)
    edit(project / CREDENTIALS, None, "db:\n  password: s3cret\n")
    update(project)
    return project


def test_update_records_the_new_release_without_rejections(updated: Path) -> None:
    """The answers name 1.1.0; nothing was rejected or left in conflict."""
    assert answers_commit(updated) == "1.1.0"
    assert rej_files(updated) == []
    assert files_with_markers(updated) == []


def test_update_keeps_the_users_committed_edits(updated: Path) -> None:
    """The new pipeline, the new node, the parameter and the README section remain."""
    assert (updated / PIPELINE / "nodes.py").read_text() == EDITS[
        f"{PIPELINE}/nodes.py"
    ][1]
    assert (updated / NODES).read_text().endswith(NEW_NODE)
    params = (updated / PARAMS).read_text()
    assert "max_daily_trips: 750" in params
    assert "max_daily_trips: 1000" not in params
    assert (updated / "README.md").read_text().endswith(README_SECTION)


def test_update_keeps_ignored_local_files(updated: Path) -> None:
    """conf/local and data/ files, which git ignores, are untouched."""
    for relative, text in IGNORED.items():
        assert (updated / relative).read_text() == text
    assert (updated / CREDENTIALS).read_text().endswith("password: s3cret\n")


def test_update_brings_the_templates_changes_too(updated: Path) -> None:
    """The other parts changed: a new file, a README line, the runtime."""
    assert (updated / NEW_FILE).is_file()
    assert README_NEW in (updated / "README.md").read_text()
    assert (updated / RUNTIME / RUNTIME_FILE).read_text().endswith(RUNTIME_ADDED)
