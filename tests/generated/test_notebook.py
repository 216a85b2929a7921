"""Project tier: the example notebook runs top to bottom in a Jupyter kernel.

The project is installed with its ``notebooks`` extra (what ``nox -s lab`` installs)
into a fresh environment, and every notebook under notebooks/ is executed by nbclient
with that environment's kernel, from notebooks/ as JupyterLab would run it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers_render import clean_env
from helpers_render import render
from helpers_render import snapshot_template

pytestmark = pytest.mark.slow

_HOME = Path.home()
UV_CACHE = os.environ.get("UV_CACHE_DIR", str(_HOME / ".cache" / "uv"))
TIMEOUT = 900
EXECUTE = """
import sys
from pathlib import Path

import nbclient
import nbformat

path = Path(sys.argv[1])
notebook = nbformat.read(path, as_version=4)
client = nbclient.NotebookClient(
    notebook, timeout=600, kernel_name="python3",
    resources={"metadata": {"path": str(path.parent)}},
)
client.execute()
print(f"executed {len(notebook.cells)} cells")
"""


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
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default project, with the notebooks extra installed in .venv."""
    uv = shutil.which("uv") or pytest.importorskip("uv").find_uv_bin()
    template = snapshot_template(tmp_path_factory.mktemp("template"))
    project = render(tmp_path_factory.mktemp("notebook") / "bike-demand", template)
    venv = _run(project, uv, "venv", "--quiet", "--python", sys.executable, ".venv")
    assert venv.returncode == 0, venv.stderr
    python = ".venv/bin/python"
    install = _run(
        project,
        uv,
        "pip",
        "install",
        "--quiet",
        "--python",
        python,
        "-e",
        ".[notebooks]",
    )
    assert install.returncode == 0, install.stderr
    return project


def test_the_example_notebook_runs_in_a_kernel_without_errors(project: Path) -> None:
    notebooks = sorted((project / "notebooks").glob("*.ipynb"))
    assert [path.name for path in notebooks] == ["exploration.ipynb"]
    for notebook in notebooks:
        done = _run(project, ".venv/bin/python", "-c", EXECUTE, str(notebook))
        assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-6000:]
        assert "executed" in done.stdout


def test_running_the_notebook_leaves_it_without_outputs(project: Path) -> None:
    # Executing in memory must not write outputs back (nbstripout would refuse them).
    text = (project / "notebooks" / "exploration.ipynb").read_text(encoding="utf-8")
    assert '"output_type"' not in text
