"""The commands that read the project: catalog list/describe, registry, info."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import TWO_PIPELINES
from helpers import in_process
from helpers import make_project
from keelrt.cli import main

SECRET = {
    "src/{package}/datasets.py": """\
        from {package}.runtime import AbstractDataset


        class SecretDataset(AbstractDataset):
            def __init__(self, table, credentials=None):
                self._table = table
                self._credentials = credentials

            def load(self):
                return self._table

            def save(self, data):
                raise NotImplementedError

            def _describe(self):
                return {"table": self._table, "credentials": self._credentials}
        """,
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
        warehouse:
          type: {package}.datasets.SecretDataset
          table: sales
          credentials: db
        """,
    "conf/local/credentials.yml": "db:\n  password: hunter2\n",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    files = {**TWO_PIPELINES, **SECRET}
    with in_process(make_project(tmp_path, files=files, runtime=False), monkeypatch):
        yield tmp_path / "project"


def cli(*args: str) -> int:
    return main(list(args), package_name="demo")


def test_catalog_list_sorts_each_pipelines_datasets_by_kind(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("catalog", "list", "-p", "data_science") == 0
    assert capsys.readouterr().out.splitlines()[:5] == [
        "pipeline 'data_science': 4 datasets",
        "  catalog (1): cleaned",
        "  factory (1): model_pickle",
        "  memory (1): metrics",
        "  parameters (1): params:model",
    ]


def test_catalog_list_names_entries_no_pipeline_uses(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli("catalog", "list")
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == "catalog entries no pipeline uses (2): old_data, warehouse"


def test_catalog_list_of_an_unknown_pipeline_suggests_one(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("catalog", "list", "-p", "data_sience") == 2
    assert "did you mean 'data_science'" in capsys.readouterr().err


def test_catalog_describe_never_shows_credentials(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("catalog", "describe", "warehouse") == 0
    out = capsys.readouterr().out
    assert "table: sales" in out
    assert "hunter2" not in out


def test_catalog_describe_names_the_pipelines_using_a_dataset(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli("catalog", "describe", "cleaned")
    out = capsys.readouterr().out
    assert "used by pipelines: __default__, data_processing, data_science" in out


def test_catalog_describe_of_a_memory_dataset_says_so(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli("catalog", "describe", "metrics")
    assert "dataset 'metrics': memory (not in the catalog)" in capsys.readouterr().out


def test_catalog_describe_of_an_unknown_name_suggests_one(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("catalog", "describe", "sumary") == 2
    assert "(did you mean 'summary'?)" in capsys.readouterr().err


def test_registry_list_gives_each_pipeline_and_its_size(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("registry", "list") == 0
    assert capsys.readouterr().out.splitlines() == [
        "__default__ (4 nodes)",
        "data_processing (2 nodes)",
        "data_science (2 nodes)",
    ]


def test_registry_describe_lists_nodes_in_run_order(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("registry", "describe", "data_science") == 0
    assert capsys.readouterr().out.splitlines() == [
        "pipeline 'data_science': 2 nodes",
        "  1. train: cleaned, params:model -> model_pickle  [tags: ml]",
        "  2. evaluate: model_pickle -> metrics  [tags: ml, report]",
        "inputs: cleaned, params:model",
        "outputs: metrics",
    ]


def test_info_describes_the_project(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / ".copier-answers.yml").write_text("_commit: v1.2.0\n_src_path: gh:x\n")
    assert cli("info", "-e", "local") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:4] == [
        "project:     demo-project",
        "version:     0.1.0",
        "package:     demo",
        "runtime:     v1.2.0",
    ]
    assert out[-1] == (
        "pipelines:   __default__ (4), data_processing (2), data_science (2)"
    )
