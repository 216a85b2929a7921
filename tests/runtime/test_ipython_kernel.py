"""The IPython extension in a real Jupyter kernel, executed headless by nbclient.

A small notebook in notebooks/ runs top to bottom in the ``python3`` kernel with the
project on PYTHONPATH, as JupyterLab would run it; the tests assert on its outputs.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from helpers import TWO_PIPELINES
from helpers import make_project

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

pytestmark = [
    pytest.mark.slow,
    # jupyter_core and jupyter_client warn about their own deprecations
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]

HOOK = '''\
"""The demo project."""


def load_ipython_extension(ipython):
    from .runtime.ipython import load_ipython_extension as load

    load(ipython, package_name=__name__)
'''


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    files = {
        **TWO_PIPELINES,
        "src/{package}/__init__.py": HOOK,
        "notebooks/.gitkeep": "",
    }
    root = make_project(tmp_path, files=files)
    monkeypatch.setenv("PYTHONPATH", str(root / "src"))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    return root


def _execute(root: Path, cells: list[str], kernel: str = "python3") -> Any:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name=kernel,
        resources={"metadata": {"path": str(root / "notebooks")}},
    )
    client.execute()
    return notebook


def _text(cell: Any) -> str:
    parts = []
    for output in cell.outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        elif "data" in output:
            parts.append(output.data.get("text/plain", ""))
    return "".join(parts)


def test_a_notebook_loads_the_project_and_reloads_it_with_params(
    project: Path,
) -> None:
    notebook = _execute(
        project,
        [
            "%load_ext demo",
            'catalog.load("raw")',
            '(params["options"]["scale"], sorted(pipelines))',
            "%reload_project --params options.scale=10",
            'params["options"]["scale"], catalog.load("params:options")',
            "session.project_path.name",
        ],
    )
    load, raw, first, _, reloaded, where = notebook.cells
    assert "catalog (" in _text(load)
    assert _text(raw) == "[1, None, 2, 3]"
    assert _text(first) == "(2, ['__default__', 'data_processing', 'data_science'])"
    assert _text(reloaded) == "(10, {'scale': 10})"
    assert _text(where) == "'project'"


def test_load_node_in_a_kernel_offers_a_cell_that_runs(project: Path) -> None:
    notebook = _execute(
        project,
        [
            "%load_ext demo",
            "%load_node clean",  # JupyterLab shows the cell below; nbclient drops it
            "from demo.runtime.ipython import load_node\n"
            "exec(load_node(globals(), 'clean'))\n"
            "cleaned",
        ],
    )
    assert notebook.cells[1].outputs == []
    assert _text(notebook.cells[2]) == "[1, 2, 3]"


def test_the_project_kernel_loads_the_extension_by_itself(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the kernel that `jupyter lab` offers: no %load_ext needed
    jupyter = importlib.import_module("keelrt.cli._jupyter")
    data_dir = jupyter.write_kernel_spec(project, "demo")
    monkeypatch.setenv("JUPYTER_PATH", str(data_dir))
    notebook = _execute(project, ['catalog.load("raw"), params["model"]'], "demo")
    assert _text(notebook.cells[0]).endswith("([1, None, 2, 3], {'lr': 0.5})")
