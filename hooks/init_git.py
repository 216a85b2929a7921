"""Copier task: make a new project a git repository with a first commit.

`copier update` needs the project under git (it merges template changes into the
project's history), so the first copy commits everything it wrote. The task never
fails the copy: when git is missing, has no identity, or the folder already belongs
to a repository, it prints what to do by hand and exits 0.

Run by copier in the new project's folder, only on `copier copy` (see copier.yml).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

MESSAGE = "Start the project from the Keel template"
MANUAL = 'git init && git add -A && git commit -m "{message}"'


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], capture_output=True, text=True, check=False)


def _say(text: str) -> None:
    print(f"keel: {text}", file=sys.stderr)


def main() -> int:
    """Initialise the repository and commit; explain when that is not possible."""
    manual = MANUAL.format(message=MESSAGE)
    if shutil.which("git") is None:
        _say(
            "git was not found, so the project is not a git repository yet. "
            f"Install git, then run in the project folder: {manual}"
        )
        return 0
    inside = _git("rev-parse", "--show-toplevel")
    if inside.returncode == 0:
        top = inside.stdout.strip()
        _say(
            f"this folder is already inside the git repository {top}, so no new one "
            "was created. Commit the new files there: git add -A && git commit"
        )
        return 0
    if _git("init", "--quiet").returncode != 0:
        _say(f"'git init' failed. Run by hand in the project folder: {manual}")
        return 0
    # Name the first branch "main" whatever the user's git default is.
    _git("symbolic-ref", "HEAD", "refs/heads/main")
    _git("add", "-A")
    commit = _git("commit", "--quiet", "--no-verify", "-m", MESSAGE)
    if commit.returncode != 0:
        detail = (commit.stderr or commit.stdout).strip().splitlines()
        reason = detail[-1] if detail else "unknown error"
        _say(
            f"the first commit failed ({reason}). The files are staged; set your "
            'identity (git config --global user.name "Your Name"; git config --global '
            f'user.email you@example.com), then run: git commit -m "{MESSAGE}"'
        )
        return 0
    _say(f"created a git repository in {Path.cwd().name}/ with a first commit.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
