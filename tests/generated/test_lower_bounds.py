"""Project tier: the dependency lower bounds in pyproject.toml are true.

A project made for Python 3.10 is installed with the oldest releases its bounds allow
(``uv pip install --resolution lowest-direct``) and passes its tests with coverage and
its docs build, on Python 3.10.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers_render import clean_env
from helpers_render import render
from helpers_render import snapshot_template

pytestmark = pytest.mark.slow

_HOME = Path.home()
UV_CACHE = os.environ.get("UV_CACHE_DIR", str(_HOME / ".cache" / "uv"))
TIMEOUT = 900


def _uv() -> str:
    uv = shutil.which("uv")
    if uv is None:
        uv_module = pytest.importorskip("uv")
        uv = uv_module.find_uv_bin()
    return uv


def _python_310(uv: str) -> str:
    """A Python 3.10 interpreter: one uv finds, else one pyenv installed."""
    found = _run(Path.cwd(), uv, "python", "find", "3.10")
    if found.returncode == 0:
        return found.stdout.strip()
    pyenv = sorted((_HOME / ".pyenv" / "versions").glob("3.10*/bin/python3.10"))
    if pyenv:
        return str(pyenv[-1])
    pytest.skip("no Python 3.10 on this machine")


def _run(cwd: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(command),
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT,
        env=clean_env(UV_CACHE_DIR=UV_CACHE, UV_PYTHON_DOWNLOADS="never"),
    )


@pytest.fixture(scope="module")
def oldest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Python 3.10 project installed with the lowest allowed direct dependencies."""
    uv = _uv()
    python = _python_310(uv)
    template = snapshot_template(tmp_path_factory.mktemp("template"))
    project = render(
        tmp_path_factory.mktemp("oldest") / "bike-demand",
        template,
        python_version="3.10",
    )
    venv = _run(project, uv, "venv", "--quiet", "--python", python, ".venv")
    assert venv.returncode == 0, venv.stderr
    install = _run(
        project,
        uv,
        "pip",
        "install",
        "--quiet",
        "--python",
        ".venv/bin/python",
        "--resolution",
        "lowest-direct",
        "-e",
        ".[test,docs]",
    )
    assert install.returncode == 0, install.stderr
    return project


def test_the_tests_pass_with_the_oldest_allowed_dependencies(oldest: Path) -> None:
    done = _run(oldest, ".venv/bin/python", "-m", "pytest", "-q", "--cov")
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]


def test_the_docs_build_with_the_oldest_allowed_dependencies(oldest: Path) -> None:
    done = _run(
        oldest,
        ".venv/bin/sphinx-build",
        "-W",
        "--keep-going",
        "-q",
        "-b",
        "html",
        "docs",
        "docs/_build/html",
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
