"""scripts/fleet.py: versions, lag, project discovery and the table."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("fleet", ROOT / "scripts/fleet.py")
assert _spec is not None
assert _spec.loader is not None
fleet = importlib.util.module_from_spec(_spec)
sys.modules["fleet"] = fleet  # dataclasses look their module up
_spec.loader.exec_module(fleet)


def test_parse_version_reads_tags_and_described_commits() -> None:
    """A tag, a 'git describe' commit past a tag, and a non-version."""
    assert str(fleet.parse_version("1.2.0")) == "1.2.0"
    assert str(fleet.parse_version("1.2.0-3-gabc1234")) == "1.2.0"
    assert fleet.parse_version("main") is None


def test_behind_by_counts_newer_releases_only() -> None:
    """Pre-releases and non-version tags do not count; the newest is named."""
    tags = ["1.0.0", "1.1.0", "1.2.0", "1.3.0rc1", "latest"]
    assert fleet.behind_by("1.0.0", tags) == (2, "1.2.0")
    assert fleet.behind_by("1.2.0", tags) == (0, "1.2.0")
    assert fleet.behind_by("abc1234", tags) == (None, "1.2.0")
    assert fleet.behind_by("1.0.0", []) == (None, "")


def test_find_projects_takes_projects_and_folders_of_projects(tmp_path: Path) -> None:
    """A project path is itself; a folder gives its projects, sorted; others none."""
    for name in ("b", "a"):
        (tmp_path / "fleet" / name).mkdir(parents=True)
        (tmp_path / "fleet" / name / ".copier-answers.yml").write_text("_commit: 1\n")
    (tmp_path / "fleet" / "notes").mkdir()
    found = fleet.find_projects([tmp_path / "fleet", tmp_path / "fleet" / "a"])
    assert [p.name for p in found] == ["a", "b", "a"]


def test_format_table_aligns_columns_and_marks_unknowns() -> None:
    """Unknown lag is '?', a dirty tree 'NO', answers as key=value."""
    rows = [
        fleet.Project(
            path="/p/alpha",
            version="1.0.0",
            latest="1.2.0",
            behind=2,
            clean=True,
            answers={"ci": "github"},
        ),
        fleet.Project(
            path="/p/b",
            version="1.1.0",
            clean=False,
            error="template unreachable: /gone",
        ),
    ]
    lines = fleet.format_table(rows).splitlines()
    assert lines[0].split() == [
        "project",
        "template",
        "latest",
        "behind",
        "clean",
        "checks",
        "answers",
    ]
    assert lines[2].split() == [
        "alpha",
        "1.0.0",
        "1.2.0",
        "2",
        "yes",
        "not",
        "run",
        "ci=github",
    ]
    assert lines[3].split()[:5] == ["b", "1.1.0", "?", "?", "NO"]
    assert lines[3].endswith("template unreachable: /gone")
    assert {line.index("1.") for line in lines[2:]} == {lines[0].index("template")}
