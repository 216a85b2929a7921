"""Copier migrations: run by ``copier update`` after it has merged (see copier.yml).

Two commands, each run in the project's folder:

``check-package-name``
    Refuse a change of ``package_name`` on update. Copier moves no file when an
    answer used in a path changes: it renders ``src/<new>/`` fresh and deletes the
    template's files under ``src/<old>/``, edited or not. So when the answer changed,
    this undoes the update (the tree was clean before it: copier insists) and
    explains how to rename the package instead. Exit 1 then, which stops copier.

``move OLD NEW``
    A file the template moved between two releases: carry the user's edits of
    ``OLD`` to ``NEW``. Copier has already written the new release's ``NEW`` and
    deleted ``OLD``; this merges the user's changes (``OLD`` at HEAD against the old
    release's ``OLD``) into ``NEW`` with ``git merge-file``, leaving conflict
    markers where both sides changed the same lines. When the old release's text is
    not available, the user's version and the template's are both kept, between
    conflict markers, so nothing is lost.

Copier passes ``VERSION_FROM`` (the release the project was on) in the environment
and the template's clone as ``_copier_conf.src_path`` (``--template``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ANSWERS = ".copier-answers.yml"
LABELS = ("before updating", "last update", "after updating")


def _git(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def _say(text: str) -> None:
    print(f"keel: {text}", file=sys.stderr)


def _answer(text: str, key: str) -> str:
    """The value of a top-level ``key: value`` line of an answers file."""
    for line in text.splitlines():
        name, sep, value = line.partition(":")
        if sep and name == key:
            return value.strip().strip("'\"")
    return ""


def check_package_name() -> int:
    """Undo the update and exit 1 when it changed ``package_name``."""
    before = _git("show", f"HEAD:{ANSWERS}")
    if before.returncode != 0 or not Path(ANSWERS).is_file():
        return 0
    old = _answer(before.stdout, "package_name")
    new = _answer(Path(ANSWERS).read_text(encoding="utf-8"), "package_name")
    if not old or old == new:
        return 0
    # The tree was clean before the update, so HEAD is the user's work: put it back.
    _git("reset", "--quiet", "--hard", "HEAD")
    _git("clean", "--quiet", "-d", "--force")
    _say(
        f"package_name cannot change in 'copier update' (from {old!r} to {new!r}): "
        f"copier would render src/{new}/ afresh and delete the template's files "
        f"under src/{old}/, with your edits in them. The update was undone; your "
        "project is as it was. To rename the package, do it in one commit: "
        f"'git mv src/{old} src/{new}', replace '{old}' with '{new}' in the code, "
        f"tests and pyproject.toml, and set 'package_name: {new}' in {ANSWERS} "
        "(the one edit of that file that is allowed); then run 'copier update' "
        "without --data package_name."
    )
    return 1


def _old_text(
    template: Path, version: str, old: str, answers: dict[str, str]
) -> str | None:
    """The old release's rendering of ``old``, or None when it cannot be had."""
    package = answers.get("package_name", "")
    raw = old.replace(f"src/{package}/", "src/{{package_name}}/") if package else old
    for path, jinja in ((raw, False), (f"{raw}.jinja", True)):
        shown = _git("show", f"{version}:template/{path}", cwd=template)
        if shown.returncode != 0:
            continue
        if not jinja:
            return shown.stdout
        try:
            import jinja2  # noqa: PLC0415 - copier's Python has it

            env = jinja2.Environment(keep_trailing_newline=True)
            return env.from_string(shown.stdout).render(**answers)
        except Exception:  # any failure: fall back, and lose nothing
            return None
    return None


def move(old: str, new: str, template: Path | None) -> int:
    """Carry the user's edits of ``old`` (at HEAD) into the new release's ``new``."""
    theirs = Path(new)
    mine = _git("show", f"HEAD:{old}")
    if mine.returncode != 0 or not theirs.is_file():
        return 0  # the user had deleted the file, or the release has no new one
    version = os.environ.get("VERSION_FROM", "")
    answers_file = Path(ANSWERS)
    answers: dict[str, str] = {}
    if answers_file.is_file():
        for line in answers_file.read_text(encoding="utf-8").splitlines():
            name, sep, value = line.partition(":")
            if sep and not name.startswith((" ", "#", "_")):
                answers[name] = value.strip().strip("'\"")
    base = _old_text(template, version, old, answers) if template and version else None
    if base == mine.stdout:
        return 0  # the user never edited it: the new release's file is right
    new_text = theirs.read_text(encoding="utf-8")
    if base is None:
        merged = (
            f"<<<<<<< {LABELS[0]}\n{mine.stdout}=======\n{new_text}"
            f">>>>>>> {LABELS[2]}\n"
        )
        conflict = True
    else:
        with tempfile.TemporaryDirectory() as tmp:
            files = [Path(tmp, n) for n in ("mine", "base", "theirs")]
            for path, text in zip(files, (mine.stdout, base, new_text), strict=True):
                path.write_text(text, encoding="utf-8")
            labels = [arg for label in LABELS for arg in ("-L", label)]
            done = _git("merge-file", "-p", *labels, *map(str, files))
            merged, conflict = done.stdout, done.returncode != 0
    theirs.write_text(merged, encoding="utf-8")
    if Path(old).exists():
        Path(old).unlink()
    state = "with conflict markers to resolve" if conflict else "merged cleanly"
    _say(f"the template moved {old} to {new}: your edits went with it ({state}).")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one migration command."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check-package-name")
    moved = sub.add_parser("move")
    moved.add_argument("old")
    moved.add_argument("new")
    moved.add_argument("--template", type=Path)
    args = parser.parse_args(argv)
    if args.command == "check-package-name":
        return check_package_name()
    return move(args.old, args.new, args.template)


if __name__ == "__main__":
    sys.exit(main())
