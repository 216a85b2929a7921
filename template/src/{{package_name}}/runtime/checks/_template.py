"""Template checks (KEEL-TPL…): the project's template version, how far behind."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

from ._model import Finding
from ._project import ProjectFacts
from ._yamlpos import compose

__all__ = ["check_template", "released_version"]

ANSWERS = ".copier-answers.yml"
_TIMEOUT = 5
_RELEASE = re.compile(r"v?(\d+(?:\.\d+)*)")
_DESCRIBED = re.compile(r"(v?\d+(?:\.\d+)*)-\d+-g[0-9a-f]+")
_SHORTHANDS = {"gh:": "https://github.com/", "gl:": "https://gitlab.com/"}


def released_version(tag: str) -> tuple[int, ...] | None:
    """The version of a release tag (``v1.2.0`` -> (1, 2, 0)); None if not a release."""
    match = _RELEASE.fullmatch(tag.strip())
    if match is None:
        return None
    parts = [int(p) for p in match.group(1).split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()  # 1.2 == 1.2.0
    return tuple(parts)


def _remote(src_path: str, root: Path) -> str:
    for short, prefix in _SHORTHANDS.items():
        if src_path.startswith(short):
            return prefix + src_path[len(short) :].removesuffix(".git") + ".git"
    if "://" in src_path or src_path.startswith("git@"):
        return src_path
    return str((root / os.path.expanduser(src_path)).resolve())


def _release_tags(remote: str) -> list[str] | None:
    """The release tags of the template repository, or None when it is unreachable."""
    environ = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "echo"}
    try:
        done = subprocess.run(
            ["git", "ls-remote", "--tags", "--refs", remote],
            capture_output=True,
            text=True,
            timeout=_TIMEOUT,
            env=environ,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    tags = [line.rpartition("refs/tags/")[2] for line in done.stdout.splitlines()]
    return [t for t in tags if released_version(t) is not None]


def check_template(facts: ProjectFacts) -> Iterator[Finding]:
    """TPL001 (a released template version) and TPL002 (how many releases behind).

    Args:
        facts: The project.

    Yields:
        The findings; an ``info`` one when the answers file or the template's
        repository cannot tell.
    """
    answers = compose(facts.root / ANSWERS)
    if answers is None:
        yield facts.finding(
            "KEEL-TPL001",
            f"skipped: no readable {ANSWERS}, so the project's template is unknown.",
            severity="info",
            hint="Projects made with 'copier copy' have it; never delete it.",
        )
        return
    values = {str(k.value): str(getattr(v, "value", "")) for k, v in answers.top()}
    commit, src = values.get("_commit", ""), values.get("_src_path", "")
    line = answers.key_line("_commit")
    if not commit:
        yield facts.finding(
            "KEEL-TPL001",
            "the template version is unknown: the answers have no _commit (the "
            "template was not a git repository when the project was made).",
            ANSWERS,
            severity="info",
            hint="Copy from a tagged template repository to record its version.",
        )
        return
    described = _DESCRIBED.fullmatch(commit)
    base = released_version(described.group(1) if described else commit)
    if released_version(commit) is None:
        yield facts.finding(
            "KEEL-TPL001",
            f"template version {commit!r} is not a release (a tag like v1.2.0).",
            ANSWERS,
            line,
        )
    if not src:
        return
    tags = _release_tags(_remote(src, facts.root))
    if tags is None:
        yield facts.finding(
            "KEEL-TPL002",
            f"cannot reach the template at {src!r}, so how far behind the project is "
            "remains unknown.",
            ANSWERS,
            answers.key_line("_src_path"),
            severity="info",
            hint="Check the network or the path, or run 'copier update' where the "
            "template is reachable.",
        )
        return
    versions = {released_version(t): t for t in tags}
    newer = sorted(
        v for v in versions if v is not None and base is not None and v > base
    )
    if newer:
        latest = versions[newer[-1]]
        yield facts.finding(
            "KEEL-TPL002",
            f"the project is {len(newer)} release(s) behind the template: on "
            f"{commit!r}, latest {latest!r}.",
            ANSWERS,
            line,
        )
