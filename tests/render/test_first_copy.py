"""Render tier: what the first `copier copy` leaves behind besides the files.

A git repository with one commit that holds exactly what belongs in git, a message
with the next commands, user-owned files that a later copy keeps, and pre-commit
policies that refuse what they promise to refuse.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from helpers_render import git
from helpers_render import git_init_commit
from helpers_render import render
from helpers_render import snapshot_template

LAYERS = [
    "01_raw",
    "02_intermediate",
    "03_primary",
    "04_feature",
    "05_model_input",
    "06_models",
    "07_model_output",
    "08_reporting",
]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return snapshot_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="module")
def first_copy(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dst = tmp_path_factory.mktemp("first") / "bike-demand"
    return render(dst, template, tasks=True)


def _hooks(project: Path) -> dict[str, dict[str, object]]:
    config = yaml.safe_load((project / ".pre-commit-config.yaml").read_text())
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def _refused(hook: dict[str, object], path: str) -> bool:
    """Whether pre-commit would hand ``path`` to this hook (files/exclude regexes)."""
    files = re.compile(str(hook.get("files", "")))
    exclude = hook.get("exclude")
    if not files.search(path):
        return False
    return not (exclude and re.compile(str(exclude)).search(path))


def test_first_copy_is_a_git_repository_with_one_commit_on_main(
    first_copy: Path,
) -> None:
    assert git(first_copy, "log", "--format=%s").splitlines() == [
        "Start the project from the Keel template"
    ]
    assert git(first_copy, "branch", "--show-current").strip() == "main"


def test_the_first_commit_leaves_nothing_untracked_or_modified(
    first_copy: Path,
) -> None:
    assert git(first_copy, "status", "--porcelain") == ""


def test_the_first_commit_holds_the_layers_but_no_local_config(
    first_copy: Path,
) -> None:
    tracked = set(git(first_copy, "ls-files").splitlines())
    assert {f"data/{layer}/.gitkeep" for layer in LAYERS} <= tracked
    assert "conf/local/.gitkeep" in tracked
    assert "conf/local/credentials.yml" not in tracked
    assert (first_copy / "conf/local/credentials.yml").is_file()
    assert {"data/01_raw/trips.csv", "data/01_raw/stations.xlsx"} <= tracked


def test_git_ignores_data_outputs_local_config_and_run_records(
    first_copy: Path,
) -> None:
    candidates = [
        "data/02_intermediate/preprocessed_trips.parquet",
        "data/06_models/model.pkl/2026-01-01T00.00.00.000Z/model.pkl",
        "data/01_raw/new_delivery.csv",
        "conf/local/parameters.yml",
        ".keel/runs/latest.json",
        "notebooks/.ipynb_checkpoints/exploration-checkpoint.ipynb",
        "docs/_build/html/index.html",
        "src/bike_demand/__pycache__/nodes.cpython-311.pyc",
    ]
    ignored = git(first_copy, "check-ignore", *candidates).splitlines()
    assert ignored == candidates


def test_copying_inside_an_existing_repository_creates_no_nested_one(
    template: Path, tmp_path: Path
) -> None:
    git_init_commit(tmp_path)
    project = render(tmp_path / "bike-demand", template, tasks=True)
    assert not (project / ".git").exists()
    assert git(tmp_path, "log", "--format=%s").splitlines() == ["Initial commit"]


def test_the_message_after_copy_gives_the_next_commands(
    template: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    render(tmp_path / "bike-demand", template, quiet=False)
    err = capfd.readouterr().err
    for command in (
        "cd ",
        "nox -s run",
        "nox -s tests",
        "nox -s lint",
        "copier update",
    ):
        assert command in err


def test_a_second_copy_keeps_the_users_credentials(
    template: Path, tmp_path: Path
) -> None:
    project = render(tmp_path / "bike-demand", template)
    credentials = project / "conf" / "local" / "credentials.yml"
    credentials.write_text("warehouse:\n  con: ${oc.env:WAREHOUSE_URL}\n")
    render(project, template, project_name="Bike Demand", overwrite=True)
    assert credentials.read_text() == "warehouse:\n  con: ${oc.env:WAREHOUSE_URL}\n"


@pytest.mark.parametrize(
    ("line", "refused"),
    [
        ("password: hunter2", True),
        ("  api_key: 'abc123'", True),
        ("db_password: s3cret", True),
        ("GITHUB_TOKEN: ghp_abcdef", True),
        ('  secret_key: "xyz"', True),
        ("password: ${oc.env:DB_PASSWORD}", False),
        ("token: '${oc.env:TOKEN}'", False),
        ("password:", False),
        ("password: null", False),
        ("max_tokens: 512", False),
        ("tokenizer: bpe", False),
        ("credentials: warehouse", False),
        ("# password: hunter2", False),
    ],
)
def test_the_secrets_hook_refuses_literal_secrets_only(
    first_copy: Path, line: str, refused: bool
) -> None:
    hook = _hooks(first_copy)["no-secrets-in-conf-base"]
    assert hook["language"] == "pygrep"
    assert _refused(hook, "conf/base/catalog.yml")
    assert not _refused(hook, "conf/local/credentials.yml")
    assert bool(re.search(str(hook["entry"]), line)) is refused


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ("data/02_intermediate/preprocessed_trips.parquet", True),
        ("data/01_raw/new_delivery.csv", True),
        ("data/06_models/model.pkl/2026-01-01T00.00.00.000Z/model.pkl", True),
        ("data/03_primary/.gitkeep", False),
        ("data/01_raw/trips.csv", False),
        ("data/01_raw/stations.xlsx", False),
        ("src/bike_demand/data/loader.py", False),
    ],
)
def test_the_data_hook_refuses_data_files_but_not_layers_or_example_inputs(
    first_copy: Path, path: str, refused: bool
) -> None:
    hook = _hooks(first_copy)["no-data-files"]
    assert hook["language"] == "fail"
    assert _refused(hook, path) is refused


def test_the_rej_hook_refuses_files_left_by_a_failed_merge(first_copy: Path) -> None:
    hook = _hooks(first_copy)["no-rej-files"]
    assert hook["language"] == "fail"
    assert _refused(hook, "pyproject.toml.rej")
    assert not _refused(hook, "pyproject.toml")


def test_every_hook_is_local_and_pins_its_tools(first_copy: Path) -> None:
    config = yaml.safe_load((first_copy / ".pre-commit-config.yaml").read_text())
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    for hook in _hooks(first_copy).values():
        if hook["language"] == "python":
            deps = hook["additional_dependencies"]
            assert deps, hook["id"]
            assert all(re.fullmatch(r"[\w.-]+==[\w.]+", dep) for dep in deps)
