"""KeelSession and ProjectContext: config, catalog, parameters, hooks, runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import TWO_PIPELINES
from helpers import in_process
from helpers import make_project
from keelrt import KeelSession
from keelrt import ProjectContext
from keelrt.project import params_feed
from keelrt.project import read_run_records
from keelrt.runners import NodeFailedError

HOOKS = {
    "src/{package}/hooks.py": """\
        from {package}.runtime import hook_impl

        CALLS = []


        class Recorder:
            @hook_impl
            def after_catalog_created(self, catalog, parameters):
                CALLS.append(("after_catalog_created", parameters["model"]["lr"]))

            @hook_impl
            def after_context_created(self, context):
                CALLS.append(("after_context_created", context.env))

            @hook_impl
            def before_pipeline_run(self, run_params, pipeline):
                CALLS.append(("before_pipeline_run", run_params["pipeline_name"]))

            @hook_impl
            def after_pipeline_run(self, run_params, run_result):
                CALLS.append(("after_pipeline_run", sorted(run_result)))

            @hook_impl
            def on_pipeline_error(self, error, run_params):
                CALLS.append(("on_pipeline_error", type(error).__name__))
        """,
    "src/{package}/settings.py": "from .hooks import Recorder\nHOOKS = (Recorder(),)\n",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    files = {**TWO_PIPELINES, **HOOKS}
    with in_process(make_project(tmp_path, files=files, runtime=False), monkeypatch):
        yield tmp_path / "project"


def hook_calls() -> list[tuple[str, object]]:
    import demo.hooks  # the project's module, imported by its settings

    return demo.hooks.CALLS


def test_load_context_gives_catalog_params_and_paths(project: Path) -> None:
    context = KeelSession.create("demo").load_context()
    assert isinstance(context, ProjectContext)
    assert (context.project_path, context.env) == (project, "local")
    assert context.catalog.load("params:options.scale") == 2


def test_runtime_params_override_the_config(project: Path) -> None:
    session = KeelSession.create("demo", runtime_params={"model": {"lr": 0.1}})
    context = session.load_context()
    assert context.params["model"] == {"lr": 0.1}
    assert context.catalog.load("parameters")["options"] == {"scale": 2}


def test_catalog_filepaths_resolve_against_the_project(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "src")
    session = KeelSession.create("demo", project_path=project)
    assert session.load_context().catalog.load("raw") == [1, None, 2, 3]


def test_params_feed_names_every_nested_key() -> None:
    feed = params_feed({"a": {"b": {"c": 1}}, "d": 2})
    assert sorted(feed) == [
        "parameters",
        "params:a",
        "params:a.b",
        "params:a.b.c",
        "params:d",
    ]


def test_run_returns_the_outputs_the_catalog_does_not_keep(project: Path) -> None:
    assert KeelSession.create("demo").run() == {"metrics": {"size": 3}}


def test_run_accepts_kedro_style_filters(project: Path) -> None:
    session = KeelSession.create("demo")
    session.run(pipeline_name="data_processing", node_names=["clean"])
    saved = json.loads((project / "data/02_intermediate/cleaned.json").read_text())
    assert saved == [1, 2, 3]


def test_hooks_are_called_in_kedros_order(project: Path) -> None:
    (project / "data/02_intermediate").mkdir(parents=True)
    (project / "data/02_intermediate/cleaned.json").write_text("[1]")
    with KeelSession.create("demo") as session:
        session.run(pipeline_name="data_science", from_inputs=["cleaned"])
    assert hook_calls() == [
        ("after_context_created", "local"),
        ("after_catalog_created", 0.5),
        ("before_pipeline_run", "data_science"),
        ("after_pipeline_run", ["metrics"]),
    ]


def test_on_pipeline_error_is_called_when_a_node_fails(project: Path) -> None:
    session = KeelSession.create("demo", runtime_params={"model": {"lr": -1}})
    with pytest.raises(NodeFailedError):
        session.run()
    assert hook_calls()[-1] == ("on_pipeline_error", "NodeFailedError")


def test_the_run_record_is_written_through_the_session_api(project: Path) -> None:
    session = KeelSession.create("demo", env="local")
    session.run(pipeline_name="data_processing", tags="prep")
    record = read_run_records(project)[-1]
    assert (record["pipeline"], record["filters"], record["status"]) == (
        "data_processing",
        {"tags": ["prep"]},
        "success",
    )


def test_config_loader_args_from_settings_are_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {
        **TWO_PIPELINES,
        "src/{package}/settings.py": "CONFIG_LOADER_ARGS = {'default_run_env': 'dev'}",
        "conf/dev/parameters.yml": "model:\n  lr: 9\n",
    }
    with in_process(make_project(tmp_path, files=files, runtime=False), monkeypatch):
        context = KeelSession.create("demo").load_context()
    assert (context.env, context.params["model"]["lr"]) == ("dev", 9)


def test_a_settings_conf_source_is_relative_to_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {
        "src/{package}/settings.py": "CONF_SOURCE = 'settings/conf'",
        "settings/conf/base/parameters.yml": "where: settings\n",
    }
    with in_process(make_project(tmp_path, files=files, runtime=False), monkeypatch):
        params = KeelSession.create("demo").load_context().params
    assert params == {"where": "settings"}


def test_an_unwritable_record_folder_does_not_fail_the_run(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (project / ".keel").write_text("a file where the folder should be")
    KeelSession.create("demo").run(pipeline_name="data_processing")
    assert "could not write the run record" in caplog.text


def test_unreadable_record_lines_are_skipped(project: Path) -> None:
    KeelSession.create("demo").run(pipeline_name="data_processing")
    with (project / ".keel" / "runs.jsonl").open("a") as records:
        records.write("{not json\n")
    assert len(read_run_records(project)) == 1


def test_a_project_without_records_has_none(tmp_path: Path) -> None:
    assert read_run_records(tmp_path) == []


def test_the_keel_env_variable_chooses_the_environment(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "conf" / "staging").mkdir()
    monkeypatch.setenv("KEEL_ENV", "staging")
    session = KeelSession.create("demo")
    assert session.load_context().env == session.env == "staging"
