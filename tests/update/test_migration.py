"""A file the template moves between releases takes the user's edits with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from update.helpers import MOVED_FROM
from update.helpers import MOVED_TITLE
from update.helpers import MOVED_TO
from update.helpers import answers_commit
from update.helpers import commit_all
from update.helpers import copy_project
from update.helpers import edit
from update.helpers import files_with_markers
from update.helpers import rej_files
from update.helpers import release_1_1_0
from update.helpers import template_repo
from update.helpers import update

SECTION = "\n## Our environments\n\n`conf/prod/` is the server's.\n"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A template repository whose 1.1.0 moves conf/README.md (a _migrations entry)."""
    src = template_repo(tmp_path_factory.mktemp("migration") / "template")
    release_1_1_0(src)
    return src


def test_smoke_moved_file_carries_the_users_edit(repo: Path, tmp_path: Path) -> None:
    """The user's section and the release's new title both land in the new path."""
    project = copy_project(repo, tmp_path / "project")
    edit(project / MOVED_FROM, None, SECTION)
    commit_all(project, "Document our environments")
    update(project)
    assert answers_commit(project) == "1.1.0"
    assert not (project / MOVED_FROM).exists()
    moved = (project / MOVED_TO).read_text()
    assert moved.startswith(MOVED_TITLE + "\n")
    assert moved.endswith(SECTION)
    assert files_with_markers(project) == []
    assert rej_files(project) == []


def test_moved_file_conflicting_edit_is_kept_between_markers(
    repo: Path, tmp_path: Path
) -> None:
    """An edit of the line the release changed shows both versions, loses neither."""
    project = copy_project(repo, tmp_path / "project")
    edit(project / MOVED_FROM, "# Configuration\n", "# Settings\n")
    commit_all(project, "Rename the title")
    update(project)
    moved = (project / MOVED_TO).read_text()
    assert files_with_markers(project) == [MOVED_TO]
    assert "# Settings\n" in moved
    assert MOVED_TITLE + "\n" in moved
