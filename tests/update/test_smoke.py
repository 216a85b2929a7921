"""An untouched project updated to a newer release equals a fresh copy of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_render import text_files

from update.helpers import MOVED_FROM
from update.helpers import MOVED_TO
from update.helpers import NEW_FILE
from update.helpers import answers_commit
from update.helpers import copy_project
from update.helpers import git
from update.helpers import rej_files
from update.helpers import release_1_1_0
from update.helpers import template_repo
from update.helpers import update


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A template repository tagged 1.0.0 and 1.1.0."""
    src = template_repo(tmp_path_factory.mktemp("smoke") / "template")
    release_1_1_0(src)
    return src


def test_smoke_untouched_project_updated_equals_fresh_copy(
    repo: Path, tmp_path: Path
) -> None:
    """Every file of the updated project is the fresh 1.1.0 copy's, no more, no less."""
    project = copy_project(repo, tmp_path / "old")
    assert answers_commit(project) == "1.0.0"
    update(project)
    fresh = copy_project(repo, tmp_path / "fresh", ref="1.1.0")
    assert answers_commit(project) == "1.1.0"
    assert rej_files(project) == []
    updated, expected = text_files(project), text_files(fresh)
    assert sorted(updated) == sorted(expected)
    assert {k for k in expected if updated[k] != expected[k]} == set()
    assert NEW_FILE in updated
    assert MOVED_TO in updated
    assert MOVED_FROM not in updated
    # the update leaves its changes for review, uncommitted
    assert git(project, "status", "--porcelain")
