"""The update tier's smoke tests pass with copier's oldest allowed release too.

``_min_copier_version`` in copier.yml is a promise: this test builds a venv with
exactly that copier (uv, from the package index) and runs ``-k smoke`` there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from update.helpers import ROOT

pytestmark = pytest.mark.slow


def test_smoke_tests_pass_with_min_copier_version(tmp_path: Path) -> None:
    """pytest tests/update -k smoke, under copier == _min_copier_version."""
    config = yaml.safe_load((ROOT / "copier.yml").read_text())
    minimum = config["_min_copier_version"]
    venv = tmp_path / "venv"
    python = venv / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    run = {"capture_output": True, "text": True, "timeout": 600}
    subprocess.run(
        ["uv", "venv", "--quiet", "--python", sys.executable, str(venv)],
        check=True,
        **run,
    )
    subprocess.run(
        [
            "uv",
            "pip",
            "install",
            "--quiet",
            "--python",
            str(python),
            f"copier=={minimum}",
            "pytest>=8",
            "pyyaml",
            "pluggy",
        ],
        check=True,
        **run,
    )
    version = subprocess.run(
        [str(python), "-c", "import copier; print(copier.__version__)"],
        check=True,
        **run,
    ).stdout.strip()
    assert version == minimum
    env = {
        k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}
    }
    done = subprocess.run(
        [
            str(python),
            "-m",
            "pytest",
            "tests/update",
            "-k",
            "smoke and not min_copier",
            "-p",
            "no:cacheprovider",
            "-q",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "3 passed" in done.stdout
