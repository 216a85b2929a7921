"""Release the template: date the CHANGELOG's Unreleased section, commit, tag.

Usage::

    python scripts/release.py 1.2.0 --dry-run   # say what would happen
    python scripts/release.py 1.2.0             # then: git push --follow-tags

Template versions are PEP 440 git tags (``1.2.0``, no ``v``): copier picks the
newest one for ``copier update`` and passes it to ``_migrations``. The script
refuses a version that is not PEP 440 in its normal form, one that is not newer
than every release, a dirty working tree, and an empty Unreleased section.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

from packaging.version import InvalidVersion
from packaging.version import Version

CHANGELOG = "CHANGELOG.md"
UNRELEASED = "## Unreleased"
_SECTION = re.compile(r"^## ", re.MULTILINE)


class ReleaseError(Exception):
    """A release that must not happen; the message says why and what to do."""


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise ReleaseError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def check_version(version: str, tags: list[str]) -> Version:
    """Return ``version`` parsed, or raise when it is not a new PEP 440 release."""
    try:
        parsed = Version(version)
    except InvalidVersion:
        raise ReleaseError(
            f"version {version!r} is not a PEP 440 version; write it like 1.2.0."
        ) from None
    if str(parsed) != version:
        raise ReleaseError(
            f"version {version!r} is not in normal form: write {str(parsed)!r}."
        )
    released = []
    for tag in tags:
        try:
            released.append(Version(tag))
        except InvalidVersion:
            continue
    if released and parsed <= max(released):
        raise ReleaseError(
            f"version {version!r} is not newer than the latest release "
            f"{str(max(released))!r}; pick a higher version."
        )
    return parsed


def date_changelog(text: str, version: str, date: str) -> tuple[str, str]:
    """Turn the Unreleased section into ``version``'s; return (new text, notes)."""
    start = text.find(UNRELEASED + "\n")
    if start < 0:
        raise ReleaseError(
            f"{CHANGELOG} has no '{UNRELEASED}' section; add one listing the changes."
        )
    body_start = start + len(UNRELEASED) + 1
    following = _SECTION.search(text, body_start)
    end = following.start() if following else len(text)
    notes = text[body_start:end].strip()
    if not notes:
        raise ReleaseError(
            f"the '{UNRELEASED}' section of {CHANGELOG} is empty; list the changes "
            "users will see (and the migrations they will run) first."
        )
    dated = f"{UNRELEASED}\n\n## {version} ({date})\n\n{notes}\n\n"
    return text[:start] + dated + text[end:].lstrip("\n"), notes


def release(root: Path, version: str, *, date: str, dry_run: bool) -> str:
    """Check, date the changelog, commit and tag; return what was (or would be) done."""
    if _git(root, "status", "--porcelain").strip():
        raise ReleaseError(
            "the working tree has uncommitted changes; commit them first, so the "
            "release tag points at exactly what was reviewed."
        )
    check_version(version, _git(root, "tag", "--list").split())
    path = root / CHANGELOG
    if not path.is_file():
        raise ReleaseError(f"{CHANGELOG} is missing; create it with '{UNRELEASED}'.")
    text, notes = date_changelog(path.read_text(encoding="utf-8"), version, date)
    summary = f"release {version} ({date}):\n{notes}"
    if dry_run:
        return f"would {summary}"
    path.write_text(text, encoding="utf-8")
    _git(root, "add", CHANGELOG)
    _git(root, "commit", "--quiet", "-m", f"Release {version}")
    _git(root, "tag", "--annotate", version, "-m", f"Release {version}\n\n{notes}")
    return f"{summary}\nNow publish it: git push --follow-tags"


def main(argv: list[str] | None = None) -> int:
    """Run the release step; exit 1 with a message when it must not happen."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", help="the new version, PEP 440, e.g. 1.2.0")
    parser.add_argument("--dry-run", action="store_true", help="change nothing")
    parser.add_argument("--date", default=dt.date.today().isoformat())
    parser.add_argument("--root", type=Path, default=Path(__file__).parents[1])
    args = parser.parse_args(argv)
    try:
        print(release(args.root, args.version, date=args.date, dry_run=args.dry_run))
    except ReleaseError as exc:
        print(f"release: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
