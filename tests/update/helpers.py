"""Update tier helpers: a template repository with tagged releases, built per module.

``template_repo`` copies this repository's working tree (copier.yml, template/,
hooks/) into a folder, commits it and tags ``1.0.0``; ``release_1_1_0`` then
changes the template as a real release would (a new file, a changed README line,
a runtime change, a file that moves with a ``_migrations`` entry) and tags
``1.1.0``. ``copy_project`` renders a project at a tag (the template's own task
makes the first commit), ``update`` runs ``copier update`` the way the docs say.
"""

from __future__ import annotations

import shutil
import subprocess
import warnings
from pathlib import Path
from typing import Any

import copier

ROOT = Path(__file__).resolve().parents[2]
PARTS = ("copier.yml", "template", "hooks")
PACKAGE = "bike_demand"
ANSWERS = {
    "project_name": "Bike Demand",
    "author_name": "Ana Tester",
    "author_email": "ana@example.com",
}
RUNTIME = f"src/{PACKAGE}/runtime"
# What release 1.1.0 changes, as tests assert it.
README_OLD = "Once: `python -m pip install nox uv` (and git). Then, in this folder:"
README_NEW = (
    "Once: `python -m pip install nox uv pre-commit` (and git). Then, in this folder:"
)
RUNTIME_FILE = "_suggest.py"
RUNTIME_ADDED = (
    "\n\ndef template_release() -> str:\n"
    '    """The template release of this runtime."""\n'
    '    return "1.1.0"\n'
)
MOVED_FROM, MOVED_TO = "conf/README.md", "conf/base/README.md"
MOVED_TITLE = "# Configuration (conf/)"
NEW_FILE = "CONTRIBUTING.md"
MOVE_MIGRATION = """\
  - version: "1.1.0"
    command: ["{{ _copier_python }}", "{{ _copier_conf.src_path }}/hooks/migrations.py",
      "move", "conf/README.md", "conf/base/README.md",
      "--template", "{{ _copier_conf.src_path }}"]
    when: "{{ _stage == 'after' }}"
"""
CONFLICT_START = "<<<<<<< before updating"


def git(path: Path, *args: str, check: bool = True) -> str:
    """Run git in ``path`` and return its standard output."""
    return subprocess.run(
        ["git", *args], cwd=path, check=check, capture_output=True, text=True
    ).stdout


def commit_all(path: Path, message: str, tag: str | None = None) -> None:
    """Commit everything in ``path`` (and tag it)."""
    git(path, "add", "-A")
    git(path, "commit", "--quiet", "--no-verify", "--allow-empty", "-m", message)
    if tag:
        git(path, "tag", tag)


def template_repo(dst: Path) -> Path:
    """Copy the template's working tree to ``dst``, commit and tag ``1.0.0``."""
    dst.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.py[co]", ".pytest_cache")
    for part in PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dst / part, ignore=ignore)
        else:
            shutil.copy2(source, dst / part)
    git(dst, "init", "--quiet")
    git(dst, "symbolic-ref", "HEAD", "refs/heads/main")
    commit_all(dst, "Release 1.0.0", tag="1.0.0")
    return dst


def release_1_1_0(repo: Path) -> None:
    """Change the template as release 1.1.0 does, commit and tag it."""
    tpl = repo / "template"
    (tpl / NEW_FILE).write_text("# Contributing\n\nRun `nox` before you push.\n")
    readme = tpl / "README.md.jinja"
    text = readme.read_text()
    assert README_OLD in text
    readme.write_text(text.replace(README_OLD, README_NEW))
    runtime = tpl / "src" / "{{package_name}}" / "runtime" / RUNTIME_FILE
    runtime.write_text(runtime.read_text() + RUNTIME_ADDED)
    moved = (tpl / MOVED_FROM).read_text().replace("# Configuration", MOVED_TITLE, 1)
    (tpl / MOVED_TO).write_text(moved)
    (tpl / MOVED_FROM).unlink()
    config = repo / "copier.yml"
    text = config.read_text()
    anchor = "_tasks:\n"
    assert text.count(anchor) == 1
    config.write_text(text.replace(anchor, MOVE_MIGRATION + anchor))
    commit_all(repo, "Release 1.1.0", tag="1.1.0")


def release_trivial(repo: Path, version: str) -> None:
    """Tag ``version`` with a small change (a line in the new CONTRIBUTING.md)."""
    path = repo / "template" / NEW_FILE
    path.write_text(path.read_text() + f"\nRelease {version}.\n")
    commit_all(repo, f"Release {version}", tag=version)


def copy_project(src: Path, dst: Path, ref: str = "1.0.0", **answers: Any) -> Path:
    """Render the template at ``ref`` into ``dst``; its task commits everything."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        copier.run_copy(
            str(src),
            str(dst),
            vcs_ref=ref,
            data={**ANSWERS, **answers},
            defaults=True,
            unsafe=True,
            quiet=True,
        )
    if git(dst, "status", "--porcelain"):
        commit_all(dst, "Start from the template")
    return dst


def update(dst: Path, ref: str = "1.1.0", **data: Any) -> None:
    """Run ``copier update`` on ``dst`` to ``ref``, conflicts inline."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        copier.run_update(
            str(dst),
            data=data or None,
            vcs_ref=ref,
            defaults=True,
            overwrite=True,
            unsafe=True,
            conflict="inline",
            quiet=True,
        )


def answers_commit(dst: Path) -> str:
    """The ``_commit`` recorded in the project's answers file."""
    for line in (dst / ".copier-answers.yml").read_text().splitlines():
        if line.startswith("_commit:"):
            return line.partition(":")[2].strip()
    return ""


def rej_files(dst: Path) -> list[str]:
    """Every ``*.rej`` file copier left in ``dst``."""
    return sorted(p.relative_to(dst).as_posix() for p in dst.rglob("*.rej"))


def files_with_markers(dst: Path) -> list[str]:
    """Every file of ``dst`` (``.git`` aside) holding a conflict marker line."""
    found = []
    for path in sorted(dst.rglob("*")):
        rel = path.relative_to(dst)
        if not path.is_file() or rel.parts[0] == ".git":
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            continue
        if CONFLICT_START in lines:
            found.append(rel.as_posix())
    return found


def edit(path: Path, old: str | None, new: str) -> None:
    """Replace ``old`` with ``new`` in ``path``; append ``new`` when ``old`` is None."""
    text = path.read_text() if path.exists() else ""
    if old is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + new)
        return
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))
