"""``check``: layout and template rules, settings, and the command line's output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import in_process
from helpers import make_project
from helpers import run_cli
from keelrt.checks import RULES
from keelrt.checks import read_config
from keelrt.checks._config import _scan
from keelrt.cli import main

NODES = "src/demo/pipelines/prep/nodes.py"
PIPELINE = "src/demo/pipelines/prep/pipeline.py"

CLEAN: dict[str, str] = {
    ".gitignore": "data/**\n!data/*/\n!data/*/.gitkeep\nconf/local/**\n",
    "conf/base/catalog.yml": """\
        raw:
          type: json.JSONDataset
          filepath: data/01_raw/raw.json
        cleaned:
          type: json.JSONDataset
          filepath: data/02_intermediate/cleaned.json
        """,
    "src/demo/pipelines/__init__.py": "",
    "src/demo/pipelines/prep/__init__.py": "",
    NODES: '''\
        def clean(raw):
            """Drop the missing values."""
            return [x for x in raw if x is not None]
        ''',
    PIPELINE: """\
        from demo.runtime import Pipeline, node

        from .nodes import clean


        def create_pipeline(**kwargs):
            return Pipeline([node(clean, "raw", "cleaned", name="clean")])
        """,
    "tests/pipelines/prep/test_pipeline.py": "def test_prep():\n    pass\n",
}


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout


def commit(root: Path) -> str:
    if not (root / ".git").exists():
        git(root, "init", "--quiet")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "--no-verify", "--allow-empty", "-m", "work")
    return git(root, "rev-parse", "HEAD").strip()


def build(
    tmp_path: Path, files: dict[str, str | None] | None = None, *, runtime: bool = False
) -> Path:
    root = make_project(tmp_path, files={**CLEAN, **(files or {})}, runtime=runtime)
    commit(root)
    return root


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    with in_process(build(tmp_path), monkeypatch) as root:
        yield root


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = main(["check", "--json", *args], package_name="demo")
    return code, json.loads(capsys.readouterr().out)


def problems(report: dict[str, Any]) -> list[tuple[str, str | None, int | None]]:
    return [
        (f["id"], f["file"], f["line"])
        for f in report["findings"]
        if f["severity"] != "info"
    ]


def edit(project: Path, relative: str, old: str, new: str) -> Path:
    path = project / relative
    path.write_text(path.read_text().replace(old, new, 1))
    return path


# ---------------------------------------------------------------------- layout
def test_a_node_function_without_a_docstring_is_reported_at_its_definition(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project, NODES, '    """Drop the missing values."""\n', "")
    code, report = check(capsys)
    assert code == 0  # a warning
    assert problems(report) == [("KEEL-LAY003", NODES, 1)]


def test_a_lambda_node_is_reported_where_it_is_written(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = edit(project, PIPELINE, "node(clean,", "node(lambda raw: raw,")
    _code, report = check(capsys)
    line = next(
        i for i, t in enumerate(path.read_text().splitlines(), 1) if "lambda" in t
    )
    assert problems(report) == [("KEEL-LAY004", PIPELINE, line)]


def test_a_bound_method_of_a_mutable_object_is_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / NODES).write_text(
        "class Cleaner:\n"
        '    """Counts its calls."""\n'
        "\n"
        "    def clean(self, raw):\n"
        '        """Drop the missing values."""\n'
        "        return [x for x in raw if x is not None]\n"
        "\n"
        "\n"
        "clean = Cleaner().clean\n"
    )
    _code, report = check(capsys)
    assert problems(report) == [("KEEL-LAY004", NODES, 4)]
    message = next(f["message"] for f in report["findings"] if f["id"] == "KEEL-LAY004")
    assert "bound to a Cleaner object" in message


def test_a_pipeline_package_without_nodes_py_or_tests_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = build(tmp_path, {"tests/pipelines/prep/test_pipeline.py": None})
    (root / NODES).rename(root / "src/demo/pipelines/prep/steps.py")
    edit(root, PIPELINE, "from .nodes", "from .steps")
    with in_process(root, monkeypatch):
        _code, report = check(capsys)
    folder = "src/demo/pipelines/prep"
    assert problems(report) == [
        ("KEEL-LAY001", folder, None),
        ("KEEL-LAY002", folder, None),
    ]


def test_a_pipeline_that_fails_to_import_is_an_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project, PIPELINE, "from .nodes import clean", "from .nodes import cleen")
    code, report = check(capsys, "--select", "LAY")
    assert code == 1
    assert problems(report) == [("KEEL-LAY005", PIPELINE, 3)]
    assert (
        "pipeline 'prep' was skipped: ImportError" in report["findings"][0]["message"]
    )


# -------------------------------------------------------------------- template
def template_repo(tmp_path: Path, *tags: str) -> Path:
    repo = tmp_path / "template"
    repo.mkdir()
    (repo / "copier.yml").write_text("_subdirectory: template\n")
    commit(repo)
    for tag in tags:
        git(repo, "tag", tag)
    return repo


def answers(root: Path, commit_: str, src: str) -> None:
    (root / ".copier-answers.yml").write_text(
        f"# Written by copier\n_commit: {commit_}\n_src_path: {src}\nproject: x\n"
    )


def test_a_project_releases_behind_is_told_how_many(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = template_repo(tmp_path, "v1.0.0", "v1.1.0", "v2.0.0", "v2.1.0rc1", "wip")
    answers(project, "v1.0.0", str(repo))
    _code, report = check(capsys, "--select", "TPL")
    assert problems(report) == [("KEEL-TPL002", ".copier-answers.yml", 2)]
    assert report["findings"][0]["message"] == (
        "the project is 2 release(s) behind the template: on 'v1.0.0', latest 'v2.0.0'."
    )


def test_a_project_on_the_latest_release_passes(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers(project, "v1.1", str(template_repo(tmp_path, "v1.0.0", "v1.1.0")))
    assert check(capsys, "--select", "TPL")[1]["findings"] == []


def test_a_project_on_an_unreleased_commit_is_warned(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers(project, "v1.0.0-3-g1234abc", str(template_repo(tmp_path, "v1.0.0")))
    _code, report = check(capsys, "--select", "TPL")
    assert problems(report) == [("KEEL-TPL001", ".copier-answers.yml", 2)]


def test_an_unreachable_template_is_info(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers(project, "v1.0.0", str(tmp_path / "gone"))
    code, report = check(capsys, "--select", "TPL")
    assert code == 0
    assert [(f["id"], f["severity"]) for f in report["findings"]] == [
        ("KEEL-TPL002", "info")
    ]
    assert report["findings"][0]["message"].startswith("cannot reach the template")


# -------------------------------------------------- selection and settings
def test_select_and_ignore_choose_the_rules_that_run(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project, NODES, '    """Drop the missing values."""\n', "")
    _code, report = check(capsys, "--select", "lay,CAT001", "--ignore", "KEEL-LAY003")
    assert report["checks"] == [
        "KEEL-CAT001",
        *(r for r in RULES if r.startswith("KEEL-LAY") and r != "KEEL-LAY003"),
    ]
    assert report["findings"] == []


def test_pyproject_settings_are_applied(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project, NODES, '    """Drop the missing values."""\n', "")
    with (project / "pyproject.toml").open("a") as file:
        file.write('\n[tool.keel.check]\nignore = ["KEEL-LAY003", "TPL"]\n')
    _code, report = check(capsys)
    assert "KEEL-LAY003" not in report["checks"]
    assert problems(report) == []


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('selekt = ["CAT"]', "has key 'selekt', which is not a setting (did you mean"),
        ('select = ["CAT999"]', "check 'CAT999' in pyproject.toml is not a check id"),
        ("ignore = 3", "ignore is not a list of strings: got int"),
    ],
)
def test_a_wrong_setting_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str], setting: str, message: str
) -> None:
    with (project / "pyproject.toml").open("a") as file:
        file.write(f"\n[tool.keel.check]\n{setting}\n")
    assert main(["check"], package_name="demo") == 2
    assert message in capsys.readouterr().err


def test_the_python_310_settings_reader_agrees_with_tomllib(tmp_path: Path) -> None:
    text = (
        '[project]\nname = "x"\n\n[tool.keel.check]\n'
        'select = ["CAT", "SEC"]  # the important ones\n'
        "ignore = [\n  'KEEL-CAT006',\n  \"LAY\",\n]\n"
        'allowed_data_files = ["data/01_raw/a.csv"]\n\n[tool.other]\nselect = ["x"]\n'
    )
    (tmp_path / "pyproject.toml").write_text(text)
    config = read_config(tmp_path)
    scanned = {k.replace("_", "-"): v for k, v in _scan(text).items()}
    assert scanned == {
        "select": list(config.select),
        "ignore": list(config.ignore),
        "allowed-data-files": list(config.allowed_data_files),
    }


# --------------------------------------------------------------------- output
def test_the_text_report_groups_by_severity_and_ends_with_the_score(
    tmp_path: Path,
) -> None:
    root = build(
        tmp_path,
        {
            NODES: "def clean(raw):\n    return raw\n",
            "conf/base/parameters.yml": "db:\n  password: hunter22\n",
        },
        runtime=True,
    )
    done = run_cli(root, "check")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[:4] == [
        "errors (1):",
        "  conf/base/parameters.yml:2: KEEL-SEC001 key 'db.password' holds a literal "
        "value (not shown).",
        f"      fix: {RULES['KEEL-SEC001'].hint}",
        "",
    ]
    assert lines[4:6] == [
        "warnings (1):",
        f"  {NODES}:1: KEEL-LAY003 function 'clean' (node 'clean') has no docstring.",
    ]
    assert lines[-1].startswith("score 93/100: 1 error, 1 warning, 1 info (22 checks")
    assert "hunter22" not in done.stdout


def test_list_shows_every_check_with_its_fix(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", "--list"], package_name="demo") == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()[::2]] == list(RULES)
    assert all(line.lstrip().startswith("fix: ") for line in out.splitlines()[1::2])


def test_check_imports_no_dataset_library(tmp_path: Path) -> None:
    root = build(tmp_path, runtime=True)
    code = (
        "import sys\nfrom demo.runtime import main\n"
        "code = main(['check'], package_name='demo')\n"
        "heavy = {'pandas', 'numpy', 'pyarrow', 'yaml.cyaml_'} & set(sys.modules)\n"
        "print(code, sorted(heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        env={**__import__("os").environ, "PYTHONPATH": "src"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.splitlines()[-1] == "0 []"


def test_a_scaffolded_pipeline_passes_check(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["pipeline", "create", "greet"], package_name="demo") == 0
    code, report = check(capsys)
    assert (code, problems(report)) == (0, [])


def test_conf_source_and_env_choose_the_config_that_is_checked(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "conf").rename(project / "settings_conf")
    with (project / ".gitignore").open("a") as file:
        file.write("settings_conf/local/**\n")
    (project / "settings_conf/staging").mkdir()
    (project / "settings_conf/staging/catalog.yml").write_text(
        "raw:\n  type: json.JSONDataset\n  filepath: /srv/raw.json\n"
    )
    conf = str(project / "settings_conf")
    _code, report = check(capsys, "--conf-source", conf, "--env", "staging")
    assert problems(report) == [("KEEL-CAT007", "settings_conf/staging/catalog.yml", 3)]


def test_a_clean_project_prints_only_its_score(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--ignore", "TPL"], package_name="demo") == 0
    assert capsys.readouterr().out == (
        "score 100/100: 0 errors, 0 warnings, 0 info (20 checks run).\n"
    )
