"""scripts/release.py: refuses bad releases; dates the changelog and tags."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("release", ROOT / "scripts/release.py")
assert _spec is not None
assert _spec.loader is not None
release_script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(release_script)
ReleaseError = release_script.ReleaseError

CHANGES = (
    "# Changelog\n\n## Unreleased\n\n- New hook.\n\n## 1.0.0 (2026-01-01)\n\n- First.\n"
)


def _git(path: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=path, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A template repository with CHANGELOG.md, released as 1.0.0."""
    _git(tmp_path, "init", "--quiet")
    (tmp_path / "CHANGELOG.md").write_text(CHANGES)
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "--quiet", "-m", "start")
    _git(tmp_path, "tag", "1.0.0")
    return tmp_path


@pytest.mark.parametrize(
    ("version", "message"),
    [
        ("one", "not a PEP 440 version"),
        ("v1.1.0", "not in normal form: write '1.1.0'"),
        ("1.0.0", "not newer than the latest release '1.0.0'"),
        ("0.9", "not newer than the latest release"),
    ],
)
def test_check_version_refuses_with_the_fix(version: str, message: str) -> None:
    """A bad version is refused with a message that says what to write."""
    with pytest.raises(ReleaseError, match=message):
        release_script.check_version(version, ["1.0.0", "latest"])


def test_check_version_accepts_a_newer_pep440_version() -> None:
    """1.1.0rc1 after 1.0.0 is a release (copier skips pre-releases by default)."""
    assert str(release_script.check_version("1.1.0rc1", ["1.0.0"])) == "1.1.0rc1"


def test_date_changelog_moves_unreleased_under_the_version() -> None:
    """The entries go under '## 1.1.0 (date)'; a fresh Unreleased stays on top."""
    text, notes = release_script.date_changelog(CHANGES, "1.1.0", "2026-02-02")
    assert notes == "- New hook."
    assert text == (
        "# Changelog\n\n## Unreleased\n\n## 1.1.0 (2026-02-02)\n\n- New hook.\n\n"
        "## 1.0.0 (2026-01-01)\n\n- First.\n"
    )


def test_date_changelog_refuses_an_empty_unreleased_section() -> None:
    """No entries, no release."""
    with pytest.raises(ReleaseError, match=r"section of CHANGELOG\.md is empty"):
        release_script.date_changelog("## Unreleased\n\n## 1.0.0\n", "1.1.0", "d")


def test_release_commits_and_tags(repo: Path) -> None:
    """The tag 1.1.0 points at the commit that dated the changelog."""
    out = release_script.release(repo, "1.1.0", date="2026-02-02", dry_run=False)
    assert "git push --follow-tags" in out
    assert _git(repo, "tag", "--list").split() == ["1.0.0", "1.1.0"]
    assert _git(repo, "rev-parse", "1.1.0^{commit}") == _git(repo, "rev-parse", "HEAD")
    assert "## 1.1.0 (2026-02-02)" in (repo / "CHANGELOG.md").read_text()
    assert "New hook." in _git(repo, "tag", "-n9", "--list", "1.1.0")


def test_release_dry_run_changes_nothing(repo: Path) -> None:
    """--dry-run prints the notes and leaves the repository alone."""
    out = release_script.release(repo, "1.1.0", date="2026-02-02", dry_run=True)
    assert out.startswith("would release 1.1.0")
    assert _git(repo, "tag", "--list").split() == ["1.0.0"]
    assert (repo / "CHANGELOG.md").read_text() == CHANGES


def test_release_refuses_a_dirty_tree(repo: Path) -> None:
    """Uncommitted work: no release."""
    (repo / "CHANGELOG.md").write_text(CHANGES + "- more\n")
    with pytest.raises(ReleaseError, match="uncommitted changes"):
        release_script.release(repo, "1.1.0", date="d", dry_run=False)


def test_main_exits_1_with_the_reason(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line prints 'release: <why>' and exits 1."""
    assert release_script.main(["1.0.0", "--root", str(repo)]) == 1
    assert "release: version '1.0.0' is not newer" in capsys.readouterr().err
