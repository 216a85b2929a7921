"""Helpers for the config, render and project tiers: render the template, commit.

Renders come from a snapshot of the working tree (copier.yml, template/, hooks/)
copied into a temporary folder that is not a git repository: copier then copies the
files as they are, uncommitted work included, with no clone and no
``DirtyLocalWarning``. Answers files name the snapshot as ``_src_path``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from pathlib import Path
from typing import Any

import copier

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT_PARTS = ("copier.yml", "template", "hooks")

DEFAULT_ANSWERS: dict[str, Any] = {
    "project_name": "Bike Demand",
    "author_name": "Ana Tester",
    "author_email": "ana@example.com",
}


def snapshot_template(dst: Path) -> Path:
    """Copy the template's source (working tree, uncommitted work included) to ``dst``.

    Caches left by tests (``__pycache__``, ``.pytest_cache``) are copied too, so the
    template's ``_exclude`` is what keeps them out of rendered projects.

    Returns:
        ``dst``, ready to pass to :func:`render` as ``src``.
    """
    dst.mkdir(parents=True, exist_ok=True)
    for part in SNAPSHOT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dst / part, symlinks=True)
        elif source.is_file():
            shutil.copy2(source, dst / part)
    return dst


def render(
    dst: Path,
    src: Path | str = ROOT,
    *,
    tasks: bool = False,
    quiet: bool = True,
    overwrite: bool = False,
    **answers: Any,
) -> Path:
    """Render the template into ``dst`` with ``answers`` (others take their defaults).

    Args:
        dst: The new project's folder.
        src: The template: a snapshot from :func:`snapshot_template`, or the repository.
        tasks: Run the template's tasks (git init and first commit).
        quiet: Hide copier's output.
        overwrite: Overwrite files that exist (a second copy), without asking.
        **answers: Answers to questions, by key.

    Returns:
        ``dst``.
    """
    data = {**DEFAULT_ANSWERS, **answers}
    with warnings.catch_warnings():
        # Rendering straight from the repository includes uncommitted work on purpose.
        warnings.simplefilter("ignore", copier.errors.DirtyLocalWarning)
        copier.run_copy(
            str(src),
            str(dst),
            data=data,
            defaults=True,
            unsafe=True,
            skip_tasks=not tasks,
            quiet=quiet,
            overwrite=overwrite,
        )
    return dst


def git(path: Path, *args: str) -> str:
    """Run git in ``path`` and return its standard output."""
    return subprocess.run(
        ["git", *args], cwd=path, check=True, capture_output=True, text=True
    ).stdout


def git_init_commit(path: Path, message: str = "Initial commit") -> str:
    """Make ``path`` a git repository (branch main) with everything committed.

    Returns:
        The commit's hash.
    """
    if not (path / ".git").exists():
        git(path, "init", "--quiet")
        git(path, "symbolic-ref", "HEAD", "refs/heads/main")
    git(path, "add", "-A")
    git(path, "commit", "--quiet", "--no-verify", "--allow-empty", "-m", message)
    return git(path, "rev-parse", "HEAD").strip()


def text_files(root: Path) -> dict[str, str]:
    """Every UTF-8 file under ``root`` (``.git`` aside), by POSIX path."""
    files: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or rel.parts[0] == ".git":
            continue
        try:
            files[rel.as_posix()] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
    return files


def file_set(root: Path) -> set[str]:
    """Every file under ``root`` (``.git`` aside), as POSIX paths."""
    return {
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and path.relative_to(root).parts[0] != ".git"
    }


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for a rendered project's tools: nothing of this suite leaks in.

    Not its virtualenv, and not the coverage measurement of this suite (pytest-cov and
    coverage pass it to subprocesses through ``COV_CORE_*``/``COVERAGE_*`` variables,
    which would measure the project's own test run into this suite's data file).
    """
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"VIRTUAL_ENV", "PYTHONPATH"}
        and not k.startswith(("COV_CORE_", "COVERAGE_"))
    }
    env.update(extra)
    return env
