"""``<project> jupyter lab``: the project kernel, and the message without Jupyter."""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
from pathlib import Path

import pytest
from helpers import make_project
from helpers import run_cli

jupyter = importlib.import_module("keelrt.cli._jupyter")


def test_the_kernel_spec_runs_this_python_with_the_extension(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    data_dir = jupyter.write_kernel_spec(root, "demo")
    spec = json.loads((data_dir / "kernels/demo/kernel.json").read_text())
    assert spec["argv"][0] == sys.executable
    assert "--ext=demo" in spec["argv"]
    assert spec["env"]["PYTHONPATH"] == str(root / "src")
    assert data_dir == root / ".keel/jupyter"  # git-ignored with the run records


@pytest.mark.skipif(
    importlib.util.find_spec("jupyterlab") is not None,
    reason="JupyterLab is installed here, so the command would start it",
)
def test_jupyter_lab_without_jupyterlab_says_which_extra_to_install(
    tmp_path: Path,
) -> None:
    done = run_cli(make_project(tmp_path), "jupyter", "lab")
    assert done.returncode == 2
    assert "pip install -e '.[notebooks]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_jupyter_needs_lab_or_notebook(tmp_path: Path) -> None:
    done = run_cli(make_project(tmp_path), "jupyter", "labb")
    assert done.returncode == 2
    assert "invalid choice: 'labb'" in done.stderr
