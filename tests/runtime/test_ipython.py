"""``%load_ext <package>``, ``%reload_project`` and ``%load_node`` in a real IPython.

Each test loads a small project into ``InteractiveShell.instance()`` in this process,
with the project's ``<package>.runtime`` being the runtime under test.
"""

from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import TWO_PIPELINES
from helpers import in_process
from helpers import make_project

IPython = pytest.importorskip("IPython")
from IPython.core.error import UsageError  # noqa: E402
from IPython.core.interactiveshell import InteractiveShell  # noqa: E402
from traitlets.config import Config  # noqa: E402

HOOK = '''\
"""The demo project."""


def load_ipython_extension(ipython):
    from .runtime.ipython import load_ipython_extension as load

    load(ipython, package_name=__name__)
'''
NODES_WITH_DOCSTRING = """\
def clean(raw):
    \"\"\"Drop the missing values.\"\"\"
    kept = [x for x in raw if x is not None]
    return kept


def summarise(cleaned, options):
    scale = options["scale"]
    return {"n": len(cleaned), "scaled": [x * scale for x in cleaned]}
"""


@pytest.fixture
def shell() -> Iterator[InteractiveShell]:
    """A fresh IPython shell; afterwards, the process's ``__main__`` is put back.

    IPython makes its namespace the ``__main__`` module; left there, it would break
    later tests that spawn processes (multiprocessing reads ``__main__.__spec__``).
    """
    main = sys.modules["__main__"]
    config = Config()
    config.HistoryManager.enabled = False
    ipython = InteractiveShell.instance(config=config)
    try:
        yield ipython
    finally:
        InteractiveShell.clear_instance()
        sys.modules["__main__"] = main


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    files = {
        **TWO_PIPELINES,
        "src/{package}/__init__.py": HOOK,
        "src/{package}/pipelines/data_processing/nodes.py": NODES_WITH_DOCSTRING,
        "notebooks/.gitkeep": "",
    }
    root = make_project(tmp_path, files=files, runtime=False)
    with in_process(root, monkeypatch):
        alias_runtime()
        yield root


def alias_runtime(package: str = "demo") -> None:
    """Make ``<package>.runtime.<sub>`` the runtime under test's modules, as a
    generated project's hook imports ``.runtime.ipython`` by that name."""
    importlib.import_module("keelrt.ipython")
    for name, module in list(sys.modules.items()):
        if name.startswith("keelrt."):
            sys.modules[f"{package}.runtime{name[len('keelrt') :]}"] = module


def test_load_ext_defines_catalog_params_pipelines_and_session(
    shell: InteractiveShell, project: Path
) -> None:
    shell.run_line_magic("load_ext", "demo")
    ns = shell.user_ns
    assert ns["catalog"].load("raw") == [1, None, 2, 3]
    assert ns["params"] == {"options": {"scale": 2}, "model": {"lr": 0.5}}
    assert {"__default__", "data_processing", "data_science"} <= set(ns["pipelines"])
    assert ns["session"].project_path == project.resolve()
    assert ns["context"].env == "local"


def test_load_ext_finds_the_project_from_a_subfolder(
    shell: InteractiveShell, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "notebooks")
    shell.run_line_magic("load_ext", "demo")
    assert shell.user_ns["session"].project_path == project.resolve()
    assert shell.user_ns["catalog"].load("raw") == [1, None, 2, 3]


def test_load_ext_says_what_it_defined(
    shell: InteractiveShell, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shell.run_line_magic("load_ext", "demo")
    out = capsys.readouterr().out
    assert "catalog" in out
    assert "data_processing, data_science" in out


def test_reload_project_picks_up_edited_parameters(
    shell: InteractiveShell, project: Path
) -> None:
    shell.run_line_magic("load_ext", "demo")
    (project / "conf/base/parameters.yml").write_text("options:\n  scale: 7\n")
    shell.run_line_magic("reload_project", "")
    assert shell.user_ns["params"] == {"options": {"scale": 7}}
    assert shell.user_ns["catalog"].load("params:options.scale") == 7


def test_reload_project_applies_params_overrides(
    shell: InteractiveShell, project: Path
) -> None:
    shell.run_line_magic("load_ext", "demo")
    shell.run_line_magic("reload_project", "--params model.lr=0.1,options.scale=3")
    assert shell.user_ns["params"] == {"options": {"scale": 3}, "model": {"lr": 0.1}}
    assert shell.user_ns["catalog"].load("params:model") == {"lr": 0.1}


def test_reload_project_switches_environment(
    shell: InteractiveShell, project: Path
) -> None:
    (project / "conf/prod").mkdir()
    (project / "conf/prod/parameters.yml").write_text("model:\n  lr: 0.9\n")
    shell.run_line_magic("load_ext", "demo")
    shell.run_line_magic("reload_project", "--env prod")
    assert shell.user_ns["context"].env == "prod"
    assert shell.user_ns["params"]["model"] == {"lr": 0.9}


def test_reload_project_sees_an_edited_pipeline(
    shell: InteractiveShell, project: Path
) -> None:
    shell.run_line_magic("load_ext", "demo")
    registry = project / "src/demo/pipeline_registry.py"
    text = registry.read_text().replace(
        'pipelines["__default__"]',
        'pipelines["extra"] = pipelines["data_science"]\n    pipelines["__default__"]',
    )
    registry.write_text(text)
    shell.run_line_magic("reload_project", "")
    assert "extra" in shell.user_ns["pipelines"]


def test_reload_project_refuses_an_unknown_option(
    shell: InteractiveShell, project: Path
) -> None:
    shell.run_line_magic("load_ext", "demo")
    with pytest.raises(UsageError, match="unrecognized arguments: --nope"):
        shell.run_line_magic("reload_project", "--nope")


def test_reload_project_reports_a_broken_config_without_traceback(
    shell: InteractiveShell, project: Path
) -> None:
    shell.run_line_magic("load_ext", "demo")
    (project / "conf/base/parameters.yml").write_text("options: [unclosed\n")
    with pytest.raises(UsageError, match=r"parameters\.yml"):
        shell.run_line_magic("reload_project", "")


def _next_input(shell: InteractiveShell) -> str:
    """What the terminal shell offers as the next input (a kernel: a new cell)."""
    text = shell.rl_next_input
    shell.rl_next_input = None
    assert text, "%load_node set no next input"
    return str(text)


def test_load_node_puts_inputs_and_body_in_the_next_cell(
    shell: InteractiveShell, project: Path
) -> None:
    shell.run_line_magic("load_ext", "demo")
    shell.user_ns["catalog"].save("cleaned", [1, 2, 3])
    shell.run_line_magic("load_node", "summarise")
    cell = _next_input(shell)
    assert "cleaned = catalog.load('cleaned')" in cell
    assert "options = catalog.load('params:options')" in cell
    assert 'scale = options["scale"]' in cell
    assert "def summarise" not in cell
    shell.run_cell(cell, store_history=False).raise_error()
    assert shell.user_ns["summary"] == {"n": 3, "scaled": [2, 4, 6]}


def test_load_node_cell_runs_the_body_statement_by_statement(
    shell: InteractiveShell, project: Path
) -> None:
    shell.run_line_magic("load_ext", "demo")
    shell.run_line_magic("load_node", "clean")
    cell = _next_input(shell)
    assert "Drop the missing values" not in cell  # the docstring is left out
    shell.run_cell(cell, store_history=False).raise_error()
    assert shell.user_ns["kept"] == [1, 2, 3]
    assert shell.user_ns["cleaned"] == [1, 2, 3]


def test_load_node_suggests_a_close_name(
    shell: InteractiveShell, project: Path
) -> None:
    shell.run_line_magic("load_ext", "demo")
    with pytest.raises(UsageError, match="did you mean 'summarise'"):
        shell.run_line_magic("load_node", "sumarise")


def test_load_node_needs_a_name(shell: InteractiveShell, project: Path) -> None:
    shell.run_line_magic("load_ext", "demo")
    with pytest.raises(UsageError, match="needs a node name"):
        shell.run_line_magic("load_node", "")


def test_load_ext_outside_a_project_says_how_to_fix_it(
    shell: InteractiveShell,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path, files={"src/{package}/__init__.py": HOOK})
    shutil.rmtree(root / "conf")
    with in_process(root, monkeypatch):
        alias_runtime()
        with pytest.raises(UsageError, match="conf"):
            shell.run_line_magic("load_ext", "demo")
