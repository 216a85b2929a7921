"""Fleet view for leads: where each project made from Keel stands.

Usage::

    python scripts/fleet.py ~/projects            # every project in the folder
    python scripts/fleet.py ./a ./b --run-checks  # also run nox -s lint tests (slow)
    python scripts/fleet.py ~/projects --json     # for dashboards

For each project (a folder with a ``.copier-answers.yml``) it prints the template
release it is on, the newest release and how many releases it is behind, whether
its git working tree is clean, optionally whether ``nox -s lint tests`` passes, and
its answers. The releases come from ``git ls-remote --tags`` on the template named
in the answers file; an unreachable template shows as ``?``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

import yaml
from packaging.version import InvalidVersion
from packaging.version import Version

ANSWERS = ".copier-answers.yml"
TIMEOUT = 10
_DESCRIBED = re.compile(r"(.+)-\d+-g[0-9a-f]+")
_SHORTHANDS = {"gh:": "https://github.com/", "gl:": "https://gitlab.com/"}


@dataclass
class Project:
    """One project's state, as the table and the JSON show it."""

    path: str
    version: str = ""
    latest: str = ""
    behind: int | None = None
    clean: bool | None = None
    checks: str = "not run"
    answers: dict[str, Any] = field(default_factory=dict)
    error: str = ""


def parse_version(text: str) -> Version | None:
    """The PEP 440 version of a tag or ``_commit`` (``1.2.0-3-gabc`` -> 1.2.0)."""
    described = _DESCRIBED.fullmatch(text.strip())
    try:
        return Version(described.group(1) if described else text.strip())
    except InvalidVersion:
        return None


def behind_by(current: str, tags: Iterable[str]) -> tuple[int | None, str]:
    """How many release tags are newer than ``current``, and the newest tag."""
    releases = {v: t for t in tags if (v := parse_version(t)) and not v.is_prerelease}
    if not releases:
        return None, ""
    latest = releases[max(releases)]
    base = parse_version(current)
    if base is None:
        return None, latest
    return sum(1 for v in releases if v > base), latest


def find_projects(paths: Iterable[Path]) -> list[Path]:
    """The projects among ``paths``: each path itself, or the projects inside it."""
    found: list[Path] = []
    for path in paths:
        if (path / ANSWERS).is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if (p / ANSWERS).is_file()))
    return found


def _remote(src: str, project: Path) -> str:
    for short, prefix in _SHORTHANDS.items():
        if src.startswith(short):
            return prefix + src[len(short) :].removesuffix(".git") + ".git"
    if "://" in src or src.startswith("git@"):
        return src
    return str((project / os.path.expanduser(src)).resolve())


def release_tags(remote: str) -> list[str] | None:
    """The tags of the template repository, or None when it cannot be reached."""
    environ = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    try:
        done = subprocess.run(
            ["git", "ls-remote", "--tags", "--refs", remote],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env=environ,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return [line.rpartition("refs/tags/")[2] for line in done.stdout.splitlines()]


def _is_clean(project: Path) -> bool | None:
    done = subprocess.run(
        ["git", "status", "--porcelain"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    return None if done.returncode != 0 else not done.stdout.strip()


def _run_checks(project: Path) -> str:
    done = subprocess.run(
        ["nox", "-s", "lint", "tests"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    return "pass" if done.returncode == 0 else "FAIL"


def inspect(
    project: Path, *, run_checks: bool = False, cache: dict[str, Any] | None = None
) -> Project:
    """Describe one project (``cache`` keeps each template's tags between calls)."""
    cache = {} if cache is None else cache
    row = Project(path=str(project))
    try:
        data = yaml.safe_load((project / ANSWERS).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        row.error = f"cannot read {ANSWERS}: {exc}"
        return row
    row.version = str(data.get("_commit", ""))
    row.answers = {k: v for k, v in data.items() if not str(k).startswith("_")}
    src = str(data.get("_src_path", ""))
    if src:
        remote = _remote(src, project)
        if remote not in cache:
            cache[remote] = release_tags(remote)
        tags = cache[remote]
        if tags is None:
            row.error = f"template unreachable: {src}"
        else:
            row.behind, row.latest = behind_by(row.version, tags)
    row.clean = _is_clean(project)
    if run_checks:
        row.checks = _run_checks(project)
    return row


def _cell(value: Any) -> str:
    if value is None:
        return "?"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    return str(value)


def format_table(rows: list[Project]) -> str:
    """The rows as an aligned text table, answers last."""
    head = ["project", "template", "latest", "behind", "clean", "checks", "answers"]
    body = [
        [
            Path(r.path).name,
            r.version or "?",
            r.latest or "?",
            _cell(r.behind),
            _cell(r.clean),
            r.checks,
            r.error or ", ".join(f"{k}={v}" for k, v in r.answers.items()),
        ]
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [head, *body]) for i in range(len(head))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in [head, *body]
    ]
    # the answers column is long: underline its heading only
    lines.insert(1, "  ".join("-" * w for w in [*widths[:-1], len(head[-1])]))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the fleet table (or JSON); exit 2 when no project was found."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path, help="projects or folders")
    parser.add_argument(
        "--run-checks", action="store_true", help="run nox -s lint tests (slow)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    projects = find_projects(args.paths)
    if not projects:
        shown = ", ".join(str(p) for p in args.paths)
        print(
            f"fleet: no project found in {shown}: a project is a folder with a "
            f"{ANSWERS} file (made by copier copy).",
            file=sys.stderr,
        )
        return 2
    cache: dict[str, Any] = {}
    rows = [inspect(p, run_checks=args.run_checks, cache=cache) for p in projects]
    if args.json:
        print(json.dumps([asdict(r) for r in rows], indent=2, default=str))
    else:
        sys.stdout.write(format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
