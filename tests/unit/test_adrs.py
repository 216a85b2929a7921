"""The architecture decision records keep the shape STYLE §19 asks for."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

DECISIONS = Path(__file__).resolve().parents[2] / "docs" / "explanations" / "decisions"
FILE_NAME = re.compile(r"^(\d{4})-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
HEADINGS = ["## Status", "## Context", "## Decision", "## Consequences"]
STATUS = re.compile(r"^(Proposed|Accepted|Rejected|Superseded by (\d{4}))$")
MAX_LINES = 40

RECORDS = sorted(DECISIONS.glob("*.md"))


def _number(path: Path) -> int:
    return int(path.name[:4])


def _status(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    after = lines[lines.index("## Status") + 1 :]
    return next(line.strip() for line in after if line.strip())


def test_there_are_decision_records() -> None:
    assert len(RECORDS) >= 1


def test_the_copyme_template_exists() -> None:
    assert (DECISIONS / "COPYME").is_file()


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.name)
def test_file_name_is_number_and_kebab_title(path: Path) -> None:
    assert FILE_NAME.match(path.name), f"{path.name} is not NNNN-kebab-title.md"


def test_numbers_are_unique() -> None:
    numbers = [path.name[:4] for path in RECORDS]
    duplicates = sorted({n for n in numbers if numbers.count(n) > 1})
    assert duplicates == []


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.name)
def test_title_carries_the_file_number(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert re.match(rf"^# {_number(path)}\. \S", first), first


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.name)
def test_has_an_iso_date(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = re.search(r"^Date: (\d{4}-\d{2}-\d{2})$", text, flags=re.MULTILINE)
    assert found, f"{path.name} has no 'Date: YYYY-MM-DD' line"
    date.fromisoformat(found.group(1))


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.name)
def test_has_the_required_headings_in_order(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [line for line in lines if line.startswith("## ")]
    assert found == HEADINGS


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.name)
def test_status_is_a_valid_one(path: Path) -> None:
    assert STATUS.match(_status(path)), _status(path)


def test_superseded_records_point_at_existing_ones() -> None:
    numbers = {path.name[:4] for path in RECORDS}
    targets = {
        path.name: found.group(2)
        for path in RECORDS
        if (found := STATUS.match(_status(path))) and found.group(2)
    }
    dangling = {name: n for name, n in targets.items() if n not in numbers}
    assert dangling == {}


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.name)
def test_is_at_most_forty_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES
