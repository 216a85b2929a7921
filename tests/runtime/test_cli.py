"""The command line in-process: ``main([...])``, exit codes, messages, resume."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from helpers import TWO_PIPELINES
from helpers import in_process
from helpers import make_project
from helpers import write_files
from keelrt.cli import main
from keelrt.cli._parser import build_parser
from keelrt.cli._report import resume_command
from keelrt.project import read_run_records


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    with in_process(
        make_project(tmp_path, files=TWO_PIPELINES, runtime=False), monkeypatch
    ) as root:
        yield root


def cli(*args: str) -> int:
    return main(list(args), package_name="demo")


def error_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("error:")]


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("--help") == 0
    out = capsys.readouterr().out
    for command in ("run", "catalog", "registry", "pipeline", "info"):
        assert f"\n    {command} " in out


def test_no_command_prints_help_and_succeeds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli() == 0
    assert "COMMAND" in capsys.readouterr().out


def test_a_command_group_without_action_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli("catalog") == 2
    assert "'catalog' needs an action" in capsys.readouterr().err


def test_an_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("run", "--colour") == 2
    assert "unrecognized arguments: --colour" in capsys.readouterr().err


def test_run_saves_the_pipeline_outputs(project: Path) -> None:
    assert cli("run") == 0
    summary = json.loads((project / "data/08_reporting/summary.json").read_text())
    assert summary == {"n": 3, "scaled": [2, 4, 6]}


def test_run_applies_params_overrides(project: Path) -> None:
    assert cli("run", "--params", "options.scale=10", "-p", "data_processing") == 0
    summary = json.loads((project / "data/08_reporting/summary.json").read_text())
    assert summary["scaled"] == [10, 20, 30]


def test_nodes_can_be_given_comma_separated_or_repeated(project: Path) -> None:
    cli("run", "--nodes", "clean", "--nodes", "summarise")
    cli("run", "--nodes", "clean, summarise")
    first, second = read_run_records(project)
    assert first["nodes"] == second["nodes"] == ["clean", "summarise"]


@pytest.mark.parametrize(
    ("args", "nodes"),
    [
        (["--tags", "report"], ["summarise", "evaluate"]),
        (["--tags", "prep,ml"], ["clean", "train", "evaluate"]),
        (["--from-nodes", "train"], ["train", "evaluate"]),
        (["--to-nodes", "summarise"], ["clean", "summarise"]),
        (["--to-outputs", "cleaned"], ["clean"]),
        (["--from-inputs", "model_pickle", "-p", "data_science"], ["evaluate"]),
    ],
)
def test_run_filters_select_the_nodes_kedro_would(
    project: Path, args: list[str], nodes: list[str]
) -> None:
    cli("run")  # saves the datasets that later slices read
    assert cli("run", *args) == 0
    assert sorted(read_run_records(project)[-1]["nodes"]) == sorted(nodes)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-p", "data_sciense"], "pipeline 'data_sciense' is not registered (did you"),
        (["--nodes", "trian"], "node 'trian' is not in pipeline '__default__' (did"),
        (["--from-nodes", "x"], "Valid nodes: 'clean', 'evaluate', 'summarise'"),
        (["--tags", "repotr"], "tag 'repotr' is not in pipeline '__default__' (did"),
        (["--namespaces", "ns"], "Valid namespaces: none"),
        (["--to-outputs", "sumary"], "dataset 'sumary' is not in pipeline"),
        (["--from-inputs", "nothing"], "dataset 'nothing' is not in pipeline"),
        (["--tags", "prep", "--nodes", "train"], "no node"),
        (["--load-versions", "model"], "load version 'model' is not of the form"),
        (["--params", "novalue"], "novalue"),
        (["--runner", "SequentalRunner"], "did you mean 'SequentialRunner'"),
        (["-e", "nowhere"], "nowhere"),
    ],
)
def test_bad_run_arguments_exit_2_with_one_error_line(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    assert cli("run", *args) == 2
    err = capsys.readouterr().err
    assert len(error_lines(err)) == 1
    assert message in error_lines(err)[0]
    assert "Traceback" not in err


def test_verbose_shows_the_traceback_of_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("run", "-p", "nope", "--verbose") == 2
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_unknown_names_list_at_most_ten_valid_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    nodes = ", ".join(f'node(str, "p{i}", "q{i}", name="n{i:02d}")' for i in range(30))
    files = {
        "src/{package}/pipelines/many/pipeline.py": f"""\
            from {{package}}.runtime import Pipeline, node


            def create_pipeline(**kwargs):
                return Pipeline([{nodes}])
            """.replace("{{package}}", "{package}")
    }
    with in_process(make_project(tmp_path, files=files, runtime=False), monkeypatch):
        assert cli("run", "--nodes", "zzz") == 2
    assert "'n09' and 20 more." in capsys.readouterr().err


def test_a_failed_node_exits_1_and_names_node_and_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("run", "--params", "model.lr=0") == 1
    err = capsys.readouterr().err
    assert (
        "error: node 'train' failed: ValueError: learning rate must be positive, got 0"
        in err
    )


def test_a_failed_node_shows_only_the_users_frames(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli("run", "--params", "model.lr=0")
    err = capsys.readouterr().err
    frames = [line for line in err.splitlines() if line.startswith("  File ")]
    assert len(frames) == 1
    assert 'data_science/__init__.py", line 6, in train' in frames[0]
    assert "frames hidden; -v shows them" in err


def test_a_failed_node_with_verbose_shows_every_frame(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli("run", "--params", "model.lr=0", "-v")
    assert "runners/_base.py" in capsys.readouterr().err


def test_a_failed_node_prints_the_resume_command_with_the_other_flags(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli("run", "-p", "data_processing")  # saves "cleaned", which "train" reads
    args = ["-p", "data_science", "-e", "local", "-t", "ml", "--params", "model.lr=0"]
    assert cli("run", *args) == 1
    resume = capsys.readouterr().err.splitlines()[-1]
    assert resume == (
        "To resume: demo-project run --from-nodes train --pipeline data_science "
        "--tags ml --env local --params model.lr=0"
    )


def test_the_resume_command_keeps_every_other_run_option() -> None:
    args = build_parser("demo").parse_args(
        [
            "run",
            "-n",
            "a,b",
            "--to-nodes",
            "c",
            "--from-inputs",
            "d",
            "--to-outputs",
            "e",
            "--namespaces",
            "f",
            "--load-versions",
            "m:1",
            "--load-versions",
            "n:2",
            "-r",
            "ThreadRunner",
            "--conf-source",
            "my conf",
            "--from-nodes",
            "old",
        ]
    )
    assert resume_command("python -m demo", args, ["x", "y"]) == (
        "python -m demo run --from-nodes x,y --nodes a,b --to-nodes c --from-inputs d "
        "--to-outputs e --namespaces f --load-versions m:1,n:2 --runner ThreadRunner "
        "--conf-source 'my conf'"
    )


def test_the_run_record_of_a_success(project: Path) -> None:
    cli("run", "--params", "options.scale=3", "-p", "data_processing", "-t", "prep")
    record = read_run_records(project)[-1]
    assert record["status"] == "success"
    assert record["pipeline"] == "data_processing"
    assert record["filters"] == {"tags": ["prep"]}
    assert record["params"] == {"options": {"scale": 3}}
    assert record["env"] == "local"
    assert record["nodes"] == record["nodes_done"] == ["clean"]
    assert record["failed_node"] is None
    assert record["started_at"] <= record["finished_at"]


def test_the_run_record_of_a_failure_names_the_failing_node(project: Path) -> None:
    cli("run", "--params", "model.lr=0")
    record = read_run_records(project)[-1]
    assert (record["status"], record["failed_node"]) == ("failed", "train")
    assert record["nodes_done"] == ["clean", "summarise"]
    assert "learning rate" in record["error"]


def test_run_records_accumulate_one_line_per_run_and_are_git_ignored(
    project: Path,
) -> None:
    cli("run")
    cli("run", "-p", "data_processing")
    lines = (project / ".keel" / "runs.jsonl").read_text().splitlines()
    assert len(lines) == 2
    assert (project / ".keel" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_runs_off_a_terminal_draw_no_progress_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli("run")
    assert "\r" not in capsys.readouterr().err


def test_thread_runner_runs_the_pipeline(project: Path) -> None:
    assert cli("run", "--runner", "ThreadRunner") == 0
    assert read_run_records(project)[-1]["runner"] == "ThreadRunner"


def test_fallback_logging_writes_plain_info_lines(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli("run")
    err = capsys.readouterr().err
    assert " INFO " in err
    assert " DEBUG " not in err


def test_verbose_logs_debug_lines(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli("run", "--verbose")
    assert " DEBUG " in capsys.readouterr().err


def test_logging_follows_the_projects_logging_yml(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(
        project,
        {
            "conf/base/logging.yml": """\
                version: 1
                formatters:
                  tagged: {format: "PROJECT-LOG %(levelname)s %(message)s"}
                handlers:
                  console:
                    class: logging.StreamHandler
                    formatter: tagged
                    stream: ext://sys.stderr
                root: {level: INFO, handlers: [console]}
                """
        },
        "demo",
    )
    cli("run")
    assert "PROJECT-LOG INFO" in capsys.readouterr().err


def test_an_invalid_logging_yml_is_a_configuration_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(project, {"conf/base/logging.yml": "handlers: {h: {class: nope}}"}, "x")
    assert cli("info") == 2
    assert "logging config is not valid" in capsys.readouterr().err


def test_conf_source_elsewhere_sets_the_project_root(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project.parent)
    assert cli("info", "--conf-source", str(project / "conf")) == 0
    assert f"path:        {project}" in capsys.readouterr().out


def test_outside_a_project_the_error_says_how_to_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli("info") == 2
    assert "--conf-source" in error_lines(capsys.readouterr().err)[0]


def test_main_without_a_package_explains_itself(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["info"]) == 2
    assert "package_name" in capsys.readouterr().err


def test_a_bug_in_project_code_exits_1_with_its_traceback(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(
        project,
        {
            "src/{package}/hooks.py": """\
                from {package}.runtime import hook_impl


                class Broken:
                    @hook_impl
                    def before_pipeline_run(self):
                        raise RuntimeError("hook bug")
                """,
            "src/{package}/settings.py": "from .hooks import Broken\n"
            "HOOKS = (Broken(),)",
        },
        "demo",
    )
    assert cli("run") == 1
    err = capsys.readouterr().err
    assert "error: unexpected RuntimeError: hook bug" in err
    assert "Traceback" in err


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_runs_on_a_terminal_update_one_progress_line(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert cli("run", "-p", "data_processing") == 0
    screen = terminal.getvalue()
    assert "\r\x1b[K[node 1 of 2] running clean  0:00" in screen
    assert "\r\x1b[K[node 2 of 2] running summarise  0:00" in screen


def test_a_failed_run_on_a_terminal_clears_the_progress_line_first(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert cli("run", "--params", "model.lr=0") == 1
    assert "\r\x1b[Kerror: node 'train' failed" in terminal.getvalue()


def test_a_failure_inside_the_runtime_shows_no_empty_traceback(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "data/01_raw/raw.json").write_text("{not json")
    assert cli("run") == 1
    err = capsys.readouterr().err
    assert "error: node 'clean' failed: " in err
    assert "-v shows the traceback" in err
    assert "  File " not in err


def test_a_missing_dependency_is_named_with_the_install_command(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(
        project,
        {
            "src/{package}/hooks.py": """\
                from {package}.runtime import hook_impl


                class NeedsLib:
                    @hook_impl
                    def before_pipeline_run(self):
                        import not_installed_anywhere_lib
                """,
            "src/{package}/settings.py": "from .hooks import NeedsLib\n"
            "HOOKS = (NeedsLib(),)",
        },
        "demo",
    )
    assert cli("run") == 2
    assert error_lines(capsys.readouterr().err) == [
        "error: module 'not_installed_anywhere_lib' is not installed. Install the "
        "project with its dependencies (pip install -e .) and run again."
    ]


def test_running_an_empty_default_pipeline_says_how_to_add_one(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with in_process(make_project(tmp_path, runtime=False), monkeypatch):
        assert cli("run") == 0
    err = capsys.readouterr().err
    assert "pipeline '__default__' has no nodes" in err
    assert "pipeline create NAME" in err
