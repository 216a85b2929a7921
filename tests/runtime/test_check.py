"""``check`` on real projects: each broken rule is reported with its file and line.

Every test starts from a project that passes every check, committed to git, breaks
one rule on purpose and asserts that exactly that rule is reported, where.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from helpers import in_process
from helpers import make_project
from helpers import write_files
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from keelrt.checks._data import _output_cells
from keelrt.cli import main

CATALOG = "conf/base/catalog.yml"
PIPELINE = "src/demo/pipelines/prep/pipeline.py"

CLEAN: dict[str, str] = {
    ".gitignore": """\
        data/**
        !data/*/
        !data/*/.gitkeep
        conf/local/**
        !conf/local/.gitkeep
        __pycache__/
        """,
    CATALOG: """\
        # Datasets of the prep pipeline.
        raw:
          type: json.JSONDataset
          filepath: data/01_raw/raw.json
        cleaned:
          type: json.JSONDataset
          filepath: data/02_intermediate/cleaned.json
          metadata:
            layer: intermediate
        """,
    "conf/base/parameters.yml": """\
        options:
          scale: 2
        """,
    "data/01_raw/.gitkeep": "",
    "data/02_intermediate/.gitkeep": "",
    "notebooks/explore.ipynb": json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "execution_count": None,
                    "metadata": {},
                    "outputs": [],
                    "source": ["print('hello')"],
                }
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    ),
    "src/demo/pipelines/__init__.py": "",
    "src/demo/pipelines/prep/__init__.py": "",
    "src/demo/pipelines/prep/nodes.py": '''\
        def clean(raw, scale):
            """Drop the missing values and scale the others."""
            return [x * scale for x in raw if x is not None]
        ''',
    PIPELINE: """\
        from demo.runtime import Pipeline, node

        from .nodes import clean


        def create_pipeline(**kwargs):
            return Pipeline(
                [
                    node(
                        clean,
                        ["raw", "params:options.scale"],
                        "cleaned",
                        name="clean",
                    ),
                ]
            )
        """,
    "tests/pipelines/prep/test_pipeline.py": "def test_prep():\n    pass\n",
}


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout


def commit(root: Path, *forced: str) -> None:
    """Commit everything (and the ignored files ``forced``), as a user would."""
    if not (root / ".git").exists():
        git(root, "init", "--quiet")
    git(root, "add", "-A")
    if forced:
        git(root, "add", "--force", *forced)
    git(root, "commit", "--quiet", "--no-verify", "--allow-empty", "-m", "work")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = make_project(tmp_path, files=CLEAN, runtime=False)
    commit(root)
    with in_process(root, monkeypatch):
        yield root


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = main(["check", "--json", *args], package_name="demo")
    return code, json.loads(capsys.readouterr().out)


def problems(report: dict[str, Any]) -> list[tuple[str, str | None, int | None]]:
    """(id, file, line) of every finding that is not info."""
    return [
        (f["id"], f["file"], f["line"])
        for f in report["findings"]
        if f["severity"] != "info"
    ]


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the first line of ``path`` containing ``text``."""
    lines = path.read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def finding(report: dict[str, Any], rule_id: str) -> dict[str, Any]:
    return next(f for f in report["findings"] if f["id"] == rule_id)


# ------------------------------------------------------------- the clean project
def test_a_clean_project_passes_every_check(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = check(capsys)
    assert (code, problems(report), report["score"]) == (0, [], 100)


# ------------------------------------------------ the five rules of the issue
def test_a_literal_token_in_the_catalog_is_reported_at_its_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
    catalog = project / CATALOG
    catalog.write_text(catalog.read_text() + f"    api_token: {token}\n")
    code, report = check(capsys)
    assert code == 1
    assert problems(report) == [("KEEL-SEC003", CATALOG, line_of(catalog, "ghp_"))]
    assert token not in json.dumps(report)  # the secret itself is never printed


def test_a_csv_committed_under_data_is_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(project, {"data/02_intermediate/cleaned.csv": "a,b\n1,2\n"}, "demo")
    commit(project, "data/02_intermediate/cleaned.csv")
    code, report = check(capsys)
    assert code == 1
    assert problems(report) == [
        ("KEEL-DATA001", "data/02_intermediate/cleaned.csv", None)
    ]


def test_a_notebook_with_outputs_is_reported_at_its_first_output(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / "notebooks/explore.ipynb"
    notebook = json.loads(path.read_text())
    notebook["cells"].insert(0, {"cell_type": "markdown", "metadata": {}, "source": []})
    notebook["cells"][1]["outputs"] = [
        {"name": "stdout", "output_type": "stream", "text": ["hello\n"]}
    ]
    path.write_text(json.dumps(notebook, indent=1))
    code, report = check(capsys)
    assert code == 1
    line = line_of(path, '"outputs"')
    assert problems(report) == [("KEEL-NB001", "notebooks/explore.ipynb", line)]
    assert "1 cell(s) (2)" in finding(report, "KEEL-NB001")["message"]


def test_a_pipeline_input_missing_from_the_catalog_is_reported_where_it_is_written(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipeline = project / PIPELINE
    pipeline.write_text(pipeline.read_text().replace('"raw"', '"raws"'))
    code, report = check(capsys)
    assert code == 1
    # the entry 'raw' is now unused: that is the warning that goes with it
    assert problems(report) == [
        ("KEEL-CAT006", CATALOG, 2),
        ("KEEL-CAT003", PIPELINE, line_of(pipeline, '"raws"')),
    ]
    message = finding(report, "KEEL-CAT003")["message"]
    assert message == (
        "dataset 'raws', an input of pipeline '__default__', 'prep', is not in "
        "the catalog (did you mean 'raw'?)."
    )


def test_a_typo_in_params_is_reported_with_the_close_match(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipeline = project / PIPELINE
    pipeline.write_text(pipeline.read_text().replace("options.scale", "options.scal"))
    code, report = check(capsys)
    assert code == 1
    assert problems(report) == [
        ("KEEL-CAT004", PIPELINE, line_of(pipeline, "params:options.scal"))
    ]
    assert "(did you mean 'options.scale'" in finding(report, "KEEL-CAT004")["message"]


# ------------------------------------------------------------- catalog entries
@pytest.mark.parametrize(
    "case",
    [
        (
            "json.JSONDataset\n  filepath: data/01_raw",
            "json.JSONDatset\n  filepath: data/01_raw",
            "KEEL-CAT001",
            "JSONDatset",
        ),
        ("  filepath: data/01_raw/raw.json\n", "", "KEEL-CAT002", "raw:"),
        (
            "layer: intermediate",
            "layer: intermediate\n  sep: ','",
            "KEEL-CAT002",
            "sep:",
        ),
        ("data/01_raw/raw.json", "/tmp/raw.json", "KEEL-CAT007", "/tmp/raw.json"),
        ("data/01_raw/raw.json", "data/../raw.json", "KEEL-CAT007", "../raw.json"),
    ],
    ids=[
        "unknown-type",
        "missing-filepath",
        "unknown-argument",
        "absolute-path",
        "escaping-path",
    ],
)
def test_a_broken_catalog_entry_is_reported_at_the_key_at_fault(
    project: Path, capsys: pytest.CaptureFixture[str], case: tuple[str, str, str, str]
) -> None:
    old, new, rule, marker = case
    catalog = project / CATALOG
    catalog.write_text(catalog.read_text().replace(old, new, 1))
    _code, report = check(capsys)
    assert problems(report) == [(rule, CATALOG, line_of(catalog, marker))]


def test_the_unknown_type_message_suggests_the_built_in_type(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = project / CATALOG
    catalog.write_text(catalog.read_text().replace("JSONDataset", "JSONDatset", 1))
    _code, report = check(capsys)
    assert (
        "(did you mean 'json.JSONDataset'" in finding(report, "KEEL-CAT001")["message"]
    )


def test_an_output_nothing_saves_or_uses_is_a_warning_not_an_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = project / CATALOG
    text = catalog.read_text()
    catalog.write_text(text[: text.index("cleaned:")])
    code, report = check(capsys)
    assert code == 0
    pipeline = project / PIPELINE
    assert problems(report) == [
        ("KEEL-CAT005", PIPELINE, line_of(pipeline, '"cleaned"'))
    ]


def test_a_catalog_that_is_not_valid_yaml_is_reported_at_the_syntax_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = project / CATALOG
    catalog.write_text(catalog.read_text() + "broken: [unclosed\n")
    code, report = check(capsys, "--select", "CAT008")
    assert code == 1
    assert problems(report)[0][:2] == ("KEEL-CAT008", CATALOG)
    assert problems(report)[0][2] is not None


# --------------------------------------------------------------------- secrets
@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("    password: hunter22", "KEEL-SEC001"),
        ("    aws_secret_access_key: abcd1234abcd1234", "KEEL-SEC001"),
        ("    key: AKIAABCDEFGHIJKLMNOP", "KEEL-SEC003"),
        ("    url: postgresql://ana:s3cret@db.example.com/x", "KEEL-SEC003"),
        ("    note: -----BEGIN RSA PRIVATE KEY-----", "KEEL-SEC002"),
    ],
    ids=["password", "suffix-key", "aws-key", "url-password", "private-key"],
)
def test_a_literal_secret_in_conf_base_is_reported_once(
    project: Path, capsys: pytest.CaptureFixture[str], line: str, rule: str
) -> None:
    catalog = project / CATALOG
    catalog.write_text(catalog.read_text() + line + "\n")
    _code, report = check(capsys)
    assert problems(report) == [(rule, CATALOG, line_of(catalog, line.strip()))]


@pytest.mark.parametrize(
    "value",
    ["${oc.env:API_TOKEN}", "null", "''", "<set it in conf/local>"],
    ids=["interpolation", "null", "empty", "placeholder"],
)
def test_a_secret_key_without_a_literal_value_passes(
    project: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    params = project / "conf/base/parameters.yml"
    url = "postgresql://${oc.env:DB_USER}:${oc.env:DB_PASSWORD}@db.example.com/x"
    params.write_text(params.read_text() + f"api:\n  token: {value}\n  con: {url}\n")
    assert check(capsys, "--select", "SEC")[1]["findings"] == []


def test_credentials_written_inline_are_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = project / CATALOG
    catalog.write_text(catalog.read_text() + "  credentials:\n    user: ana\n")
    _code, report = check(capsys)
    assert problems(report) == [
        ("KEEL-SEC005", CATALOG, line_of(catalog, "credentials:"))
    ]


def test_conf_local_that_git_does_not_ignore_is_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gitignore = project / ".gitignore"
    gitignore.write_text(gitignore.read_text().replace("conf/local/**\n", ""))
    write_files(project, {"conf/local/credentials.yml": "db: {}\n"}, "demo")
    commit(project)
    code, report = check(capsys)
    assert code == 1
    assert problems(report) == [
        ("KEEL-SEC004", ".gitignore", None),
        ("KEEL-SEC004", "conf/local/credentials.yml", None),
    ]


# ----------------------------------------------------------------------- data
def test_data_files_that_gitignore_keeps_on_purpose_are_allowed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gitignore = project / ".gitignore"
    gitignore.write_text(gitignore.read_text() + "!data/01_raw/raw.json\n")
    write_files(project, {"data/01_raw/raw.json": "[1, 2]"}, "demo")
    commit(project)
    assert problems(check(capsys)[1]) == []


def test_data_files_allowed_in_pyproject_pass(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pyproject = project / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text()
        + '\n[tool.keel.check]\nallowed-data-files = ["data/02_intermediate/*.csv"]\n'
    )
    write_files(project, {"data/02_intermediate/cleaned.csv": "a\n1\n"}, "demo")
    commit(project, "data/02_intermediate/cleaned.csv")
    assert problems(check(capsys)[1]) == []


def test_outside_git_the_git_checks_say_they_were_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path, files=CLEAN, runtime=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with in_process(root, monkeypatch):
        code, report = check(capsys)
    skipped = [(f["id"], f["severity"]) for f in report["findings"]]
    assert code == 0
    assert skipped == [
        ("KEEL-DATA001", "info"),
        ("KEEL-SEC004", "info"),
        ("KEEL-TPL001", "info"),  # no .copier-answers.yml either
    ]
    assert all(
        f["message"].startswith("skipped: not a git repository")
        for f in report["findings"][:2]
    )


def test_an_interpolation_that_cannot_resolve_is_reported_at_its_key(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = project / CATALOG
    catalog.write_text(catalog.read_text() + "  layer2: ${globals:missing}\n")
    code, report = check(capsys, "--select", "CAT008")
    assert code == 1
    assert problems(report) == [("KEEL-CAT008", CATALOG, line_of(catalog, "layer2"))]


@settings(max_examples=60, deadline=None)
@given(
    cells=st.lists(
        st.tuples(
            st.sampled_from(["code", "markdown"]),
            st.text(alphabet='ab"[]{}:, \n\\', max_size=20),
            st.booleans(),
        ),
        max_size=6,
    ),
    indent=st.sampled_from([None, 1, 2]),
)
def test_notebook_outputs_are_found_in_the_right_cells_and_lines(
    cells: list[tuple[str, str, bool]], indent: int | None
) -> None:
    notebook = {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    expected = []
    for number, (kind, source, has_output) in enumerate(cells, start=1):
        cell: dict[str, Any] = {"cell_type": kind, "metadata": {}, "source": [source]}
        if kind == "code":
            cell["outputs"] = [{"output_type": "stream", "text": ["x"]}] * has_output
            expected.extend([number] if has_output else [])
        notebook["cells"].append(cell)
    text = json.dumps(notebook, indent=indent)
    numbers, lines = _output_cells(text)
    assert numbers == expected
    assert lines == sorted(lines)
    if indent is not None:  # one key per line: each line is a non-empty outputs key
        for line in lines:
            text_line = text.splitlines()[line - 1].strip()
            assert text_line.startswith('"outputs": [')
            assert text_line != '"outputs": [],'


CUSTOM = '''\
from demo.runtime import AbstractDataset


class TableDataset(AbstractDataset):
    """Rows of one table."""

    def __init__(self, table, filepath=None):
        self.table = table

    def load(self):
        return [1, 2]

    def save(self, data):
        pass

    def _describe(self):
        return {"table": self.table}
'''


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        (CUSTOM, [("KEEL-CAT002", CATALOG, 2)]),  # 'table' is required, not given
        ("raise RuntimeError('boom')\n", [("KEEL-CAT001", CATALOG, 3)]),
    ],
    ids=["missing-argument", "import-fails"],
)
def test_a_custom_dataset_type_is_imported_and_its_signature_checked(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    module: str,
    expected: list[tuple[str, str, int]],
) -> None:
    # a module name of its own per case: dataset types are resolved once per process
    name = f"tables_{len(module)}"
    (project / f"src/demo/{name}.py").write_text(module)
    catalog = project / CATALOG
    custom = f"demo.{name}.TableDataset"
    text = catalog.read_text().replace("json.JSONDataset", custom, 1)
    catalog.write_text(text)
    _code, report = check(capsys, "--select", "CAT")
    assert problems(report) == expected
