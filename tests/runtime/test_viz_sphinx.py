"""The docs' pipeline diagrams: a Sphinx extension draws each pipeline at build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import TWO_PIPELINES
from helpers import make_project

pytest.importorskip("sphinx")
pytestmark = pytest.mark.slow  # three Sphinx builds: seconds each

CONF = """\
extensions = ["demo.runtime.viz.sphinx"]
project = "demo"
"""
INDEX = """\
Demo
====

.. pipeline-diagrams::
"""


def _build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", "docs", "out"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root / "src")},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_docs_get_one_inline_svg_and_mermaid_source_per_pipeline(
    tmp_path: Path,
) -> None:
    files = {**TWO_PIPELINES, "docs/conf.py": CONF, "docs/index.rst": INDEX}
    root = make_project(tmp_path, files=files)
    done = _build(root)
    assert done.returncode == 0, done.stderr
    page = (root / "out/index.html").read_text()
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') == 2
    assert 'aria-label="pipeline data_processing"' in page
    assert 'aria-label="pipeline data_science"' in page
    assert page.count("flowchart TD") == 2
    assert "<script src=" not in page.split("<body", 1)[1].split("searchindex")[0]


def test_a_project_without_pipelines_says_how_to_add_one(tmp_path: Path) -> None:
    files = {"docs/conf.py": CONF, "docs/index.rst": INDEX}
    root = make_project(tmp_path, files=files)
    done = _build(root)
    assert done.returncode == 0, done.stderr
    assert "No pipelines yet" in (root / "out/index.html").read_text()


def test_a_broken_registry_fails_the_build_naming_it(tmp_path: Path) -> None:
    files = {
        "docs/conf.py": CONF,
        "docs/index.rst": INDEX,
        "src/{package}/pipeline_registry.py": "def register_pipelines():\n    1 / 0\n",
    }
    root = make_project(tmp_path, files=files)
    done = _build(root)
    assert done.returncode != 0
    assert "pipeline-diagrams: " in done.stderr
    assert "pipeline_registry" in done.stderr
