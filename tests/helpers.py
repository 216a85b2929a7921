"""Shared test helpers: write a small real project on disk and run its command line.

``make_project`` writes what a generated project has (pyproject.toml, conf/, the
package with settings, registry and ``__main__``, a copy of the runtime); tests add
the files their scenario needs. ``run_cli`` runs ``python -m <package>`` in a real
subprocess. ``in_process`` makes such a project importable in the test process, with
its ``<package>.runtime`` being the runtime under test (``keelrt``), so that
``keelrt.cli.main([...])`` can be called directly and measured by coverage.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_DIR = ROOT / "template" / "src" / "{{package_name}}" / "runtime"

MAIN = '''\
"""Run the project's command line: ``python -m {package}``."""
import sys
from .runtime import main
if __name__ == "__main__":
    sys.exit(main())
'''

REGISTRY = '''\
"""The project's pipelines: every ``pipelines/<name>`` package, and their sum."""

from __future__ import annotations

from .runtime import Pipeline
from .runtime import find_pipelines


def register_pipelines() -> dict[str, Pipeline]:
    pipelines = find_pipelines()
    pipelines["__default__"] = sum(pipelines.values(), Pipeline([]))
    return pipelines
'''

PYPROJECT = """\
[project]
name = "{dist}"
version = "0.1.0"

[project.scripts]
{dist} = "{package}.__main__:main"

[tool.pytest.ini_options]
addopts = ["--strict-markers", "--strict-config", "--import-mode=importlib"]
filterwarnings = ["error"]
"""

# A two-pipeline project used by many tests: data_processing cleans a JSON list,
# data_science "trains" on it and fails when params model.lr <= 0.
TWO_PIPELINES: dict[str, str] = {
    "conf/base/catalog.yml": """\
        raw:
          type: json.JSONDataset
          filepath: data/01_raw/raw.json
        cleaned:
          type: json.JSONDataset
          filepath: data/02_intermediate/cleaned.json
        summary:
          type: json.JSONDataset
          filepath: data/08_reporting/summary.json
        "{name}_pickle":
          type: pickle.PickleDataset
          filepath: data/06_models/{name}.pkl
        old_data:
          type: text.TextDataset
          filepath: data/01_raw/old.txt
        """,
    "conf/base/parameters.yml": """\
        options:
          scale: 2
        model:
          lr: 0.5
        """,
    "data/01_raw/raw.json": "[1, null, 2, 3]",
    "src/{package}/pipelines/__init__.py": "",
    "src/{package}/pipelines/data_processing/__init__.py": "",
    "src/{package}/pipelines/data_processing/nodes.py": """\
        def clean(raw):
            return [x for x in raw if x is not None]


        def summarise(cleaned, options):
            scale = options["scale"]
            return {"n": len(cleaned), "scaled": [x * scale for x in cleaned]}
        """,
    "src/{package}/pipelines/data_processing/pipeline.py": """\
        from {package}.runtime import Pipeline, node

        from .nodes import clean, summarise


        def create_pipeline(**kwargs):
            return Pipeline(
                [
                    node(clean, "raw", "cleaned", name="clean", tags=["prep"]),
                    node(
                        summarise,
                        ["cleaned", "params:options"],
                        "summary",
                        name="summarise",
                        tags=["report"],
                    ),
                ]
            )
        """,
    "src/{package}/pipelines/data_science/__init__.py": """\
        from {package}.runtime import Pipeline, node


        def train(cleaned, model):
            if model["lr"] <= 0:
                raise ValueError(f"learning rate must be positive, got {model['lr']}")
            return {"weights": [x * model["lr"] for x in cleaned]}


        def evaluate(model_pickle):
            return {"size": len(model_pickle["weights"])}


        def create_pipeline(**kwargs):
            return Pipeline(
                [
                    node(train, ["cleaned", "params:model"], "model_pickle",
                         name="train", tags=["ml"]),
                    node(evaluate, "model_pickle", "metrics", name="evaluate",
                         tags=["ml", "report"]),
                ]
            )
        """,
}


def write_files(root: Path, files: dict[str, str | None], package: str) -> None:
    """Write ``files`` (relative path -> dedented text; None deletes) under ``root``.

    ``{package}`` in paths and texts is replaced by the package name.
    """
    for relative, text in files.items():
        path = root / relative.replace("{package}", package)
        if text is None:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).replace("{package}", package))


def make_project(
    tmp_path: Path,
    package: str = "demo",
    files: dict[str, str | None] | None = None,
    *,
    runtime: bool = True,
) -> Path:
    """Write a minimal real project under ``tmp_path / "project"`` and return its root.

    Args:
        tmp_path: The test's temporary folder.
        package: The project package's name.
        files: Extra files (relative path -> text, dedented; None removes a default
            file); ``{package}`` in paths and texts becomes the package name.
        runtime: Copy the runtime into ``src/<package>/runtime`` (needed by
            ``run_cli``; ``in_process`` uses the runtime under test instead).

    Returns:
        The project root.
    """
    root = tmp_path / "project"
    dist = package.replace("_", "-") + "-project"
    src = root / "src" / package
    defaults: dict[str, str | None] = {
        "pyproject.toml": PYPROJECT.format(dist=dist, package=package),
        "conf/base/catalog.yml": "{}\n",
        "conf/base/parameters.yml": "{}\n",
        "conf/local/.gitkeep": "",
        "src/{package}/__init__.py": f'"""The {package} project."""\n',
        "src/{package}/__main__.py": MAIN.format(package=package),
        "src/{package}/settings.py": '"""Project settings: the defaults."""\n',
        "src/{package}/pipeline_registry.py": REGISTRY,
    }
    # the defaults are written verbatim: their braces are not placeholders
    for relative, text in defaults.items():
        path = root / relative.replace("{package}", package)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text or "")
    if runtime:
        shutil.copytree(
            RUNTIME_DIR, src / "runtime", ignore=shutil.ignore_patterns("__pycache__")
        )
    write_files(root, files or {}, package)
    return root


def run_cli(
    project: Path,
    *args: str,
    package: str = "demo",
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m <package> *args`` in ``project`` with ``PYTHONPATH=src``.

    Returns:
        The finished process, with text ``stdout`` and ``stderr``.
    """
    environ = {**os.environ, "PYTHONPATH": "src", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", package, *args],
        cwd=project,
        env=environ,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@contextmanager
def in_process(
    project: Path, monkeypatch: pytest.MonkeyPatch, package: str = "demo"
) -> Iterator[Path]:
    """Make ``project`` importable here, with ``<package>.runtime`` being ``keelrt``.

    The working directory is the project root meanwhile; the project's modules are
    forgotten afterwards, so the next test can use another project of the same name.
    """
    runtime = sys.modules["keelrt"]
    monkeypatch.chdir(project)
    monkeypatch.syspath_prepend(str(project / "src"))
    sys.modules[f"{package}.runtime"] = runtime
    try:
        yield project
    finally:
        for name in [
            n for n in sys.modules if n == package or n.startswith(f"{package}.")
        ]:
            del sys.modules[name]
