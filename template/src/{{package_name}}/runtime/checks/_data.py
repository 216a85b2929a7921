"""Data and notebook checks (KEEL-DATA001, KEEL-NB001)."""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Iterator
from pathlib import Path

from ._model import Finding
from ._project import GitUnavailableError
from ._project import ProjectFacts

__all__ = ["check_data", "check_notebooks"]

# In notebook JSON a quote inside a string is escaped, so an unescaped "outputs" is
# always a key; the first character after '[' says whether the list is empty.
_OUTPUTS = re.compile(r'"outputs"\s*:\s*\[\s*(\S)')


def _allowed(path: str, globs: tuple[str, ...]) -> bool:
    return Path(path).name == ".gitkeep" or any(
        fnmatch.fnmatchcase(path, g) for g in globs
    )


def check_data(facts: ProjectFacts) -> Iterator[Finding]:
    """DATA001: files under data/ that git tracks, except .gitkeep and allowed ones.

    A file that .gitignore explicitly keeps (a ``!data/...`` line, as the template
    does for the example's raw files) is allowed, as are the globs of
    ``[tool.keel.check] allowed-data-files``.

    Args:
        facts: The project.

    Yields:
        One finding per committed data file.
    """
    if not facts.in_git:
        yield facts.finding(
            "KEEL-DATA001",
            "skipped: not a git repository, so committed data cannot be listed.",
            severity="info",
            hint="Run 'git init' to version the project.",
        )
        return
    try:
        tracked = [
            p
            for p in facts.tracked("data")
            if not _allowed(p, facts.allowed_data_files)
        ]
        kept = facts.reincluded(tracked)
    except GitUnavailableError as exc:
        yield facts.finding(
            "KEEL-DATA001", f"skipped: git failed ({exc}).", severity="info"
        )
        return
    for path in tracked:
        if path not in kept:
            yield facts.finding(
                "KEEL-DATA001", f"data file {path} is committed to git.", path
            )


def _output_cells(text: str) -> tuple[list[int], list[int]]:
    """(1-based cell numbers, lines) of the code cells whose outputs are not empty."""
    try:
        cells = json.loads(text).get("cells", [])
    except (ValueError, AttributeError):
        return [], []
    code = [i for i, c in enumerate(cells, 1) if isinstance(c, dict) and "outputs" in c]
    matches = list(_OUTPUTS.finditer(text))
    numbers, lines = [], []
    for index, match in enumerate(matches):
        if match.group(1) != "]":
            numbers.append(code[index] if len(code) == len(matches) else index + 1)
            lines.append(text.count("\n", 0, match.start()) + 1)
    return numbers, lines


def check_notebooks(facts: ProjectFacts) -> Iterator[Finding]:
    """NB001: notebooks (anywhere but tool folders) saved with outputs.

    Args:
        facts: The project.

    Yields:
        One finding per notebook, at the first cell with outputs.
    """
    for path in facts.files(".", (".ipynb",), skip=("data",)):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        numbers, lines = _output_cells(text)
        if numbers:
            cells = ", ".join(map(str, numbers[:5])) + (
                " …" if len(numbers) > 5 else ""
            )
            yield facts.finding(
                "KEEL-NB001",
                f"notebook {facts.rel(path)} has outputs in {len(numbers)} cell(s) "
                f"({cells}).",
                path,
                lines[0],
            )
