#!/usr/bin/env -S uv run --script
# /// script
# dependencies = ["nox>=2025.2.9"]
# ///
"""Sessions for Keel's template repository: tests, lint, docs, demo, bench.

Run ``nox -l`` to list them. Every session installs what it needs into its own
virtual environment, so a machine with only Python, pip and git can run them
after ``python -m pip install nox``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"

ROOT = Path(__file__).resolve().parent
RUNTIME = ROOT / "template" / "src" / "{{package_name}}" / "runtime"
IMPORTLINTER_CONFIG = ROOT / ".importlinter"
DEMO_DEFAULT = "demo-project"

# What the test suite imports or runs, from the runtime tier up to the project tier.
TEST_REQUIREMENTS = [
    "copier>=9.6",
    "pytest>=8",
    "pytest-cov",
    "hypothesis",
    "pyyaml",
    "pluggy",
    "pandas",
    "pyarrow",
    "openpyxl",
    "scikit-learn",
    "nox>=2025.2.9",
    "uv",
    "pre-commit",
    "build",
    "nbclient",
    "nbformat",
    "ipykernel",
    "ruff",
    "playwright",
    "parse",  # the oracle of the catalog's factory-pattern matcher
    "sphinx>=7",
    "furo",
    "myst-parser>=2",
]
DOCS_REQUIREMENTS = ["sphinx>=7", "furo", "myst-parser>=2", "pyyaml"]
# The driver's own environment renders Keel's project; each tool gets a venv of its own.
BENCH_REQUIREMENTS = ["copier>=9.6", "uv"]
BENCH_KEDRO = [
    "kedro==1.7.0",
    "kedro-datasets[pandas-csvdataset,pandas-parquetdataset]",
]
# compiled at install time, as pip does, so no measured run pays for bytecode
BENCH_INSTALL = ["uv", "pip", "install", "--quiet", "--compile-bytecode"]


@nox.session
def tests(session: nox.Session) -> None:
    """Run the whole test suite (fast tier: ``nox -s tests -- -m "not slow"``)."""
    session.install(*TEST_REQUIREMENTS)
    session.run(
        "pytest",
        f"--cov={RUNTIME}",
        "--cov-report=term-missing:skip-covered",
        *(session.posargs or ["tests"]),
    )


@nox.session
def lint(session: nox.Session) -> None:
    """Check style with ruff and the runtime's import layers with import-linter."""
    session.install("ruff", "import-linter>=2.17")
    paths = session.posargs or ["."]
    # The runtime's folder name has braces, so it is not importable as it stands:
    # check a copy of it under the name the tests use.
    staging = Path(session.create_tmp()) / "importlinter"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(
        RUNTIME,
        staging / "keelrt",
        ignore=shutil.ignore_patterns("__pycache__", "*.py[co]"),
    )
    checks = {
        "ruff check": ["ruff", "check", *paths],
        "ruff format": ["ruff", "format", "--check", *paths],
        "import-linter": [
            "lint-imports",
            str(IMPORTLINTER_CONFIG),
            "--no-cache",
            "--no-logo",
        ],
    }
    failed = []
    for name, command in checks.items():
        # run every check, so one run reports all of the problems
        try:
            session.run(*command, env={"PYTHONPATH": str(staging)})
        except nox.command.CommandFailed:
            failed.append(name)
    if failed:
        session.error(f"these checks failed: {', '.join(failed)} (see above)")


@nox.session
def docs(session: nox.Session) -> None:
    """Build this template's own docs with Sphinx, treating warnings as errors."""
    session.install(*DOCS_REQUIREMENTS)
    build_dir = ROOT / "docs" / "_build" / "html"
    session.run(
        "sphinx-build",
        "-W",
        "--keep-going",
        "-b",
        "html",
        *(session.posargs or [str(ROOT / "docs"), str(build_dir)]),
    )
    session.log(f"Open {build_dir / 'index.html'} in a browser.")


@nox.session(default=False)
def demo(session: nox.Session) -> None:
    """Render a project with default answers in demo-project/; run it and its tests."""
    target = Path(session.posargs[0] if session.posargs else DEMO_DEFAULT).resolve()
    if target.exists() and any(target.iterdir()):
        session.error(
            f"folder '{target}' already exists and is not empty; nothing was "
            f"changed. Remove it (rm -rf {target}) or pass another folder: "
            "nox -s demo -- <folder>"
        )
    session.install("copier>=9.6", "uv")
    data = []
    if sys.version_info < (3, 11):
        # the default answer, 3.11, would make a project this Python cannot install
        data.append("--data=python_version={}.{}".format(*sys.version_info[:2]))
    # copier and the template's git task commit: give git an identity if it has none
    identity = _git_identity_env()
    session.run(
        "copier",
        "copy",
        "--trust",
        "--defaults",
        "--vcs-ref=HEAD",
        *data,
        str(ROOT),
        str(target),
        env=identity,
    )
    answers = _read_answers(target / ".copier-answers.yml")
    slug = answers.get("project_slug", "")
    package = answers.get("package_name", "")
    if not slug or not package:
        session.error(
            f"the answers file in '{target}' has no project_slug or package_name; "
            "check copier.yml"
        )

    session.chdir(target)
    # the template's task normally makes the first commit; make sure there is one
    if not (target / ".git").exists():
        session.run("git", "init", "--quiet", external=True)
    if not _has_commit(target):
        session.run("git", "add", "--all", external=True)
        session.run(
            "git",
            "commit",
            "--quiet",
            "--no-verify",
            "-m",
            "Start from the Keel template",
            external=True,
            env=identity,
        )

    venv = target / ".venv"
    python = venv / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    session.run("uv", "venv", "--quiet", "--python", sys.executable, str(venv))
    session.run(
        "uv", "pip", "install", "--python", str(python), "-e", ".[test]", "pytest"
    )
    command = python.parent / slug
    run = [str(command)] if command.exists() else [str(python), "-m", package]
    session.run(*run, "run", external=True)
    session.run(str(python), "-m", "pytest", external=True)
    session.log("\n".join(_demo_guide(target, python.parent, slug, package)))


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Benchmark Keel against Kedro 1.7.0 (``nox -s bench -- --quick``: a short run)."""
    session.install(*BENCH_REQUIREMENTS)
    # The tools' environments are kept between runs, outside the session's own
    # (nox recreates that); delete .nox/bench-tools to start afresh. The projects
    # are made anew, from the template as it is now.
    work = ROOT / ".nox" / "bench-tools"
    scripts = "Scripts" if sys.platform == "win32" else "bin"
    pythons = {}
    for tool in ("kedro", "keel"):
        pythons[tool] = str(work / tool / scripts / "python")
        if not Path(pythons[tool]).exists():
            session.run(
                "uv", "venv", "--quiet", "--python", sys.executable, str(work / tool)
            )
    projects = ROOT / "benchmarks" / "projects.py"
    keel_project, kedro_project = work / "keel-project", work / "kedro-project"
    for project in (keel_project, kedro_project):
        shutil.rmtree(project, ignore_errors=True)
    session.run("python", str(projects), "keel", str(keel_project))
    session.run("python", str(projects), "kedro", str(kedro_project))
    session.run(*BENCH_INSTALL, "--python", pythons["kedro"], *BENCH_KEDRO)
    # the same pandas and pyarrow on both sides, so only the tools differ
    pins = session.run(
        pythons["kedro"],
        "-c",
        "import importlib.metadata as m; "
        "print(' '.join(f'{n}=={m.version(n)}' for n in ('pandas', 'pyarrow')))",
        silent=True,
        external=True,
    )
    session.run(
        *BENCH_INSTALL,
        "--python",
        pythons["keel"],
        "-e",
        str(keel_project),
        *str(pins).split(),
    )
    session.run(
        "python",
        str(ROOT / "benchmarks" / "run.py"),
        "--keel-python",
        pythons["keel"],
        "--kedro-python",
        pythons["kedro"],
        "--keel-project",
        str(keel_project),
        "--kedro-project",
        str(kedro_project),
        *session.posargs,
    )


def _demo_guide(target: Path, bin_dir: Path, slug: str, package: str) -> list[str]:
    """Return the lines that tell a first-time user where to look next."""
    data = target / "data"
    outputs = sorted(
        str(path.relative_to(target))
        for path in data.rglob("*")
        if path.is_file()
        and path.name != ".gitkeep"
        and not path.relative_to(data).parts[0].startswith("01_")
    )
    pipelines = sorted(
        path.name
        for path in (target / "src" / package / "pipelines").glob("*/")
        if path.is_dir() and not path.name.startswith("_")
    )
    lines = ["", f"Your demo project is in {target}", ""]
    lines.append("What the run wrote under data/ (its inputs are in data/01_raw/):")
    lines += [f"  {path}" for path in outputs[:15]] or ["  (nothing)"]
    if len(outputs) > 15:
        lines.append(f"  ... and {len(outputs) - 15} more")
    if any(path.startswith("data/08_reporting/") for path in outputs):
        lines.append("Open the reports in data/08_reporting/ first.")
    lines += [
        "",
        "Try next:",
        f"  cd {target}",
        f"  source {bin_dir.relative_to(target)}/activate",
        f"  {slug} --help",
        *(f"  {slug} run --pipeline {name}" for name in pipelines),
        "  nox -s tests lint docs package   (after: python -m pip install nox)",
        "  nox -s lab                       (notebooks/ in JupyterLab)",
    ]
    if (target / "docs" / "onboarding.md").is_file():
        lines += ["", "Then read docs/onboarding.md in the project."]
    return lines


def _read_answers(path: Path) -> dict[str, str]:
    """Read the flat ``key: value`` lines of copier's answers file."""
    answers: dict[str, str] = {}
    if not path.is_file():
        return answers
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z_]\w*):\s*(.*?)\s*$", line)
        if match:
            answers[match.group(1)] = match.group(2).strip("'\"")
    return answers


def _git_identity_env() -> dict[str, str]:
    """Return a fallback git identity for a machine whose git has none configured."""
    env = {}
    for key, variable, fallback in (
        ("user.name", "NAME", "Keel Demo"),
        ("user.email", "EMAIL", "demo@keel.invalid"),
    ):
        found = subprocess.run(
            ["git", "config", key], capture_output=True, text=True, check=False
        )
        if not found.stdout.strip():
            env[f"GIT_AUTHOR_{variable}"] = fallback
            env[f"GIT_COMMITTER_{variable}"] = fallback
    return env


def _has_commit(folder: Path) -> bool:
    """Tell whether the git repository in ``folder`` has at least one commit."""
    found = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", "HEAD"],
        cwd=folder,
        capture_output=True,
        check=False,
    )
    return found.returncode == 0


if __name__ == "__main__":
    nox.main()
