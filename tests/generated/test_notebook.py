"""Project tier: the example notebook runs top to bottom in a Jupyter kernel.

The project is installed with its ``notebooks`` extra (what ``nox -s lab`` installs)
into a fresh environment, and every notebook under notebooks/ is executed by nbclient
with that environment's kernel, from notebooks/ as JupyterLab would run it. The
executed copy is written outside the project; the tests read the outputs a user would
see in it, and check that the committed notebook keeps none.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

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

path, executed = Path(sys.argv[1]), Path(sys.argv[2])
notebook = nbformat.read(path, as_version=4)
client = nbclient.NotebookClient(
    notebook, timeout=600, kernel_name="python3",
    resources={"metadata": {"path": str(path.parent)}},
)
client.execute()
nbformat.write(notebook, executed)
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


@pytest.fixture(scope="module")
def executed(project: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    """The example notebook's code cells, executed in a copy outside the project."""
    notebooks = sorted((project / "notebooks").glob("*.ipynb"))
    assert [path.name for path in notebooks] == ["exploration.ipynb"]
    copy = tmp_path_factory.mktemp("executed") / "exploration.ipynb"
    done = _run(
        project, ".venv/bin/python", "-c", EXECUTE, str(notebooks[0]), str(copy)
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-6000:]
    assert "executed" in done.stdout
    notebook = json.loads(copy.read_text(encoding="utf-8"))
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def _source(cell: dict[str, Any]) -> str:
    return "".join(cell["source"])


def _text(cell: dict[str, Any], mime: str = "text/plain") -> str:
    """What the cell printed and displayed as ``mime``, joined."""
    parts = []
    for output in cell["outputs"]:
        if output["output_type"] == "stream":
            parts.append("".join(output["text"]))
        elif mime in output.get("data", {}):
            parts.append("".join(output["data"][mime]))
    return "".join(parts)


def _cell(cells: list[dict[str, Any]], last_line: str) -> dict[str, Any]:
    """The one code cell whose source ends with ``last_line``."""
    found = [c for c in cells if _source(c).rstrip().splitlines()[-1] == last_line]
    assert len(found) == 1, [_source(c) for c in cells]
    return found[0]


def test_the_example_notebook_runs_in_a_kernel_without_errors(
    executed: list[dict[str, Any]],
) -> None:
    assert executed
    for cell in executed:
        kinds = {output["output_type"] for output in cell["outputs"]}
        assert "error" not in kinds, _source(cell)
        names = {output.get("name") for output in cell["outputs"]}
        assert "stderr" not in names, _source(cell) + _text(cell)


def test_the_first_cell_loads_the_project_with_the_extension(
    project: Path, executed: list[dict[str, Any]]
) -> None:
    first = executed[0]
    assert _source(first) == "%load_ext bike_demand"
    report = _text(first)
    assert f"bike_demand: loaded the project in '{project.resolve()}'" in report
    assert "Defined catalog (" in report
    assert "pipelines (data_processing, data_science, reporting)" in report


def test_the_catalog_cell_lists_the_raw_datasets(
    executed: list[dict[str, Any]],
) -> None:
    listed = _text(executed[1])
    assert "'stations'" in listed
    assert "'trips'" in listed
    assert "params:" not in listed


def test_the_raw_trips_table_shows_its_columns_and_size(
    project: Path, executed: list[dict[str, Any]]
) -> None:
    with (project / "data" / "01_raw" / "trips.csv").open(encoding="utf-8") as file:
        header, *rows = list(csv.reader(file))
    assert len(rows) > 1000
    cell = _cell(executed, "trips")
    plain, html = _text(cell), _text(cell, "text/html")
    assert f"[{len(rows)} rows x {len(header)} columns]" in plain
    assert plain.splitlines()[0].split() == header
    assert f"<p>{len(rows)} rows \u00d7 {len(header)} columns</p>" in html
    for column in header:
        assert f"<th>{column}</th>" in html


def test_the_node_functions_run_on_the_loaded_data(
    executed: list[dict[str, Any]],
) -> None:
    metrics = _text(_cell(executed, "evaluate_model(test_predictions)"))
    assert metrics.strip().startswith("{")
    chart = _cell(
        executed,
        'SVG(plot_daily_demand(test_predictions, params["reporting"]["demand_chart"]))',
    )
    svg = [
        "".join(output["data"]["image/svg+xml"])
        for output in chart["outputs"]
        if "image/svg+xml" in output.get("data", {})
    ]
    assert len(svg) == 1
    assert "<svg" in svg[0]
    assert "</svg>" in svg[0]


def test_running_the_notebook_leaves_it_without_outputs(
    project: Path, executed: list[dict[str, Any]]
) -> None:
    # Executing into a copy must not write outputs back (nbstripout would refuse them).
    assert executed
    text = (project / "notebooks" / "exploration.ipynb").read_text(encoding="utf-8")
    assert '"output_type"' not in text
    notebook = json.loads(text)
    assert [cell["id"] for cell in notebook["cells"]] == [
        str(index) for index in range(len(notebook["cells"]))
    ]
