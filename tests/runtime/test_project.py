"""The project layer: finding the project, settings, the registry and find_pipelines."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from helpers import TWO_PIPELINES
from helpers import in_process
from helpers import make_project
from keelrt import KeelSession
from keelrt import ProjectError
from keelrt import find_pipelines
from keelrt.project import PipelineImportWarning
from keelrt.project import UnknownPipelineError
from keelrt.project import console_command
from keelrt.project import find_project_root
from keelrt.project import load_settings

BROKEN = {
    "src/{package}/pipelines/__init__.py": "",
    "src/{package}/pipelines/good/__init__.py": "",
    "src/{package}/pipelines/good/pipeline.py": """\
        from {package}.runtime import Pipeline, node


        def create_pipeline(**kwargs):
            return Pipeline([node(lambda: 1, None, "one", name="make_one")])
        """,
    "src/{package}/pipelines/broken/__init__.py": "",
    "src/{package}/pipelines/broken/pipeline.py": """\
        import not_a_module_anywhere


        def create_pipeline(**kwargs):
            raise AssertionError("never reached")
        """,
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    with in_process(
        make_project(tmp_path, files=TWO_PIPELINES, runtime=False), monkeypatch
    ) as root:
        yield root


def test_project_root_is_found_from_a_subfolder(project: Path) -> None:
    deep = project / "src" / "demo" / "pipelines"
    assert find_project_root(deep) == project


def test_project_root_is_the_parent_of_conf_source(tmp_path: Path) -> None:
    conf = tmp_path / "elsewhere" / "conf"
    conf.mkdir(parents=True)
    assert find_project_root(conf_source=conf) == tmp_path / "elsewhere"


def test_missing_project_root_says_where_it_looked_and_how_to_fix(
    tmp_path: Path,
) -> None:
    with pytest.raises(ProjectError, match="--conf-source") as caught:
        find_project_root(tmp_path)
    assert str(tmp_path) in str(caught.value)
    assert "pyproject.toml and conf/" in str(caught.value)


def test_conf_source_that_is_not_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="is not a folder"):
        find_project_root(conf_source=tmp_path / "nope")


def test_settings_default_when_the_module_is_absent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(
        tmp_path, files={"src/{package}/settings.py": None}, runtime=False
    )
    with in_process(root, monkeypatch):
        settings = load_settings("demo")
    assert (settings.hooks, settings.conf_source, settings.config_loader_args) == (
        (),
        "conf",
        {},
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("HOOKS = object()", "'HOOKS' .* is not a tuple"),
        ("class H: pass\nHOOKS = (H,)", "holds the class 'H', not an instance"),
        ("CONFIG_LOADER_ARGS = {'base_envv': 'x'}", "did you mean 'base_env'"),
        ("CONFIG_LOADER_ARGS = []", "'CONFIG_LOADER_ARGS' .* is not a dict"),
        ("CONF_SOURCE = 3", "'CONF_SOURCE' .* is not a folder name"),
        ("import not_there_at_all", "failed to import"),
        ("raise RuntimeError('boom')", "RuntimeError: boom"),
    ],
)
def test_malformed_settings_are_refused_with_the_setting_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    root = make_project(
        tmp_path, files={"src/{package}/settings.py": text}, runtime=False
    )
    with in_process(root, monkeypatch), pytest.raises(ProjectError, match=message):
        load_settings("demo")


def test_a_package_that_cannot_be_imported_is_reported(project: Path) -> None:
    with pytest.raises(ProjectError, match="'nodemo' cannot be imported"):
        load_settings("nodemo")


def test_find_pipelines_finds_pipeline_modules_and_init_exports(project: Path) -> None:
    pipelines = find_pipelines("demo")
    assert sorted(pipelines) == ["__default__", "data_processing", "data_science"]
    assert [n.name for n in pipelines["data_science"].nodes] == ["train", "evaluate"]


def test_find_pipelines_defaults_to_the_configured_project(project: Path) -> None:
    KeelSession.create("demo")
    assert "data_science" in find_pipelines()


def test_find_pipelines_skips_private_and_hidden_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {path: text for path, text in BROKEN.items() if "broken" not in path}
    files["src/{package}/pipelines/_shared/__init__.py"] = "raise AssertionError"
    files["src/{package}/pipelines/.hidden/__init__.py"] = "raise AssertionError"
    with in_process(make_project(tmp_path, files=files, runtime=False), monkeypatch):
        assert sorted(find_pipelines("demo")) == ["__default__", "good"]


def test_a_pipeline_that_fails_to_import_is_skipped_with_a_warning_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path, files=BROKEN, runtime=False)
    skipped = "pipeline 'broken' was skipped"
    with (
        in_process(root, monkeypatch),
        pytest.warns(PipelineImportWarning, match=skipped),
    ):
        pipelines = find_pipelines("demo")
    assert sorted(pipelines) == ["__default__", "good"]


def test_find_pipelines_can_raise_instead_of_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path, files=BROKEN, runtime=False)
    with in_process(root, monkeypatch), warnings.catch_warnings():
        warnings.simplefilter("ignore", PipelineImportWarning)
        with pytest.raises(ProjectError, match="not_a_module_anywhere"):
            find_pipelines("demo", raise_errors=True)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("X = 1", "defines no 'create_pipeline'"),
        ("def create_pipeline():\n    return 3", "returned int, expected a Pipeline"),
    ],
)
def test_a_pipeline_module_without_a_pipeline_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    files = {**BROKEN, "src/{package}/pipelines/broken/pipeline.py": text}
    root = make_project(tmp_path, files=files, runtime=False)
    with (
        in_process(root, monkeypatch),
        pytest.warns(PipelineImportWarning, match=message),
    ):
        find_pipelines("demo")


def test_running_a_pipeline_that_failed_to_import_gives_its_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with in_process(make_project(tmp_path, files=BROKEN, runtime=False), monkeypatch):
        session = KeelSession.create("demo")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PipelineImportWarning)
            with pytest.raises(UnknownPipelineError) as caught:
                session.run(pipeline_name="broken")
    message = str(caught.value)
    assert "pipeline 'broken' could not be loaded" in message
    assert "ModuleNotFoundError: No module named 'not_a_module_anywhere'" in message
    assert "pipeline.py, line 1" in message


def test_a_root_pipeline_module_becomes_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {
        "src/{package}/pipeline.py": """\
            from {package}.runtime import Pipeline, node


            def create_pipeline(**kwargs):
                return Pipeline([node(lambda: 1, None, "one", name="only")])
            """
    }
    with in_process(make_project(tmp_path, files=files, runtime=False), monkeypatch):
        pipelines = find_pipelines("demo")
    assert [n.name for n in pipelines["__default__"].nodes] == ["only"]


@pytest.mark.parametrize(
    ("registry", "message"),
    [
        ("X = 1", "cannot be used: AttributeError"),
        ("def register_pipelines():\n    return []", "expected a dict"),
        (
            "def register_pipelines():\n    return {'a': 1}",
            "non-Pipeline values for 'a'",
        ),
        ("def register_pipelines():\n    raise KeyError('k')", "failed: KeyError"),
    ],
)
def test_a_broken_registry_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, registry: str, message: str
) -> None:
    files = {"src/{package}/pipeline_registry.py": registry}
    with in_process(make_project(tmp_path, files=files, runtime=False), monkeypatch):
        session = KeelSession.create("demo")
        with pytest.raises(ProjectError, match=message):
            session.pipelines  # noqa: B018 - the property loads the registry


def test_console_command_is_the_distributions_script(project: Path) -> None:
    assert console_command(project, "demo") == "demo-project"


def test_console_command_falls_back_to_python_m(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert console_command(tmp_path, "demo") == "python -m demo"


def test_console_command_reads_an_unparsable_pyproject_line_by_line(
    tmp_path: Path,
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[project.scripts]\nmy-tool = 'demo.__main__:main'\n[broken\n"
    )
    assert console_command(tmp_path, "demo") == "my-tool"


def test_session_refuses_a_missing_conf_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {"src/{package}/settings.py": "CONF_SOURCE = 'settings_conf'"}
    root = make_project(tmp_path, files=files, runtime=False)
    missing = "settings_conf' is not a folder"
    with in_process(root, monkeypatch), pytest.raises(ProjectError, match=missing):
        KeelSession.create("demo")
