"""The command line's arguments (argparse only: ``--help`` must stay instant)."""

from __future__ import annotations

import argparse
from typing import Any

from ._check import _add_check
from ._jupyter import add_jupyter
from ._viz import add_viz

__all__ = ["build_parser", "split_list"]

_LIST = "comma-separated, repeatable"


def split_list(values: list[str] | None) -> list[str]:
    """Split repeated, comma-separated option values; commas inside () or [] stay.

    Kedro's default node names look like ``f([a,b]) -> [c]``, so a comma inside
    brackets does not separate names.

    Args:
        values: The raw option values, one per use of the option.

    Returns:
        The names, stripped, in order, without empties.
    """
    names: list[str] = []
    for value in values or []:
        depth, start = 0, 0
        for index, char in enumerate(value):
            if char in "([":
                depth += 1
            elif char in ")]":
                depth = max(depth - 1, 0)
            elif char == "," and depth == 0:
                names.append(value[start:index])
                start = index + 1
        names.append(value[start:])
    return [name.strip() for name in names if name.strip()]


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("project options")
    group.add_argument(
        "-e", "--env", help="configuration environment under conf/ (default: local)"
    )
    group.add_argument(
        "--conf-source",
        metavar="PATH",
        help="the conf/ folder to use; the project root is its parent",
    )
    group.add_argument(
        "-v", "--verbose", action="store_true", help="debug logs and full tracebacks"
    )
    return common


def _add_run(sub: Any, common: argparse.ArgumentParser) -> None:
    run = sub.add_parser(
        "run",
        parents=[common],
        help="run a pipeline",
        description="Run a registered pipeline, optionally sliced by the filters below "
        "(filters combine: a node must pass all of them).",
    )
    run.set_defaults(handler="_run:run_command")
    run.add_argument(
        "-p", "--pipeline", help="registered pipeline (default __default__)"
    )
    for flags, what in (
        (("-n", "--nodes"), "run only these nodes"),
        (("-t", "--tags"), "run only nodes with any of these tags"),
        (("--from-nodes",), "run these nodes and everything downstream"),
        (("--to-nodes",), "run these nodes and everything upstream"),
        (("--from-inputs",), "run from the nodes that consume these datasets"),
        (("--to-outputs",), "run up to the nodes that produce these datasets"),
        (("--namespaces",), "run only nodes in these namespaces"),
    ):
        run.add_argument(
            *flags, action="append", metavar="NAMES", help=f"{what} ({_LIST})"
        )
    run.add_argument(
        "--params",
        action="append",
        metavar="K=V",
        help='override parameters: "model.lr=0.1,seed=3" (keys nest; repeatable)',
    )
    run.add_argument(
        "-r",
        "--runner",
        help="SequentialRunner (default), ThreadRunner, ParallelRunner or module.Class",
    )
    run.add_argument(
        "--load-versions",
        action="append",
        metavar="NAME:VERSION",
        help=f"load this version of a versioned dataset ({_LIST})",
    )


def _add_inspect(sub: Any, common: argparse.ArgumentParser) -> None:
    catalog = sub.add_parser("catalog", help="list or describe the catalog's datasets")
    catalog_sub = catalog.add_subparsers(dest="action", metavar="ACTION")
    listing = catalog_sub.add_parser(
        "list",
        parents=[common],
        help="datasets of each pipeline, by kind, and unused catalog entries",
    )
    listing.add_argument(
        "-p",
        "--pipeline",
        action="append",
        metavar="NAMES",
        help=f"pipelines ({_LIST})",
    )
    listing.set_defaults(handler="_inspect:catalog_list")
    describe = catalog_sub.add_parser(
        "describe", parents=[common], help="one dataset's settings (credentials hidden)"
    )
    describe.add_argument("name", help="dataset name")
    describe.set_defaults(handler="_inspect:catalog_describe")

    registry = sub.add_parser("registry", help="list or describe registered pipelines")
    registry_sub = registry.add_subparsers(dest="action", metavar="ACTION")
    registry_sub.add_parser(
        "list", parents=[common], help="registered pipelines and their sizes"
    ).set_defaults(handler="_inspect:registry_list")
    show = registry_sub.add_parser(
        "describe", parents=[common], help="a pipeline's nodes, inputs and outputs"
    )
    show.add_argument("name", nargs="?", default="__default__", help="pipeline name")
    show.set_defaults(handler="_inspect:registry_describe")

    sub.add_parser(
        "info", parents=[common], help="project, package, runtime version, pipelines"
    ).set_defaults(handler="_inspect:info")

    pipeline = sub.add_parser("pipeline", help="create a new pipeline")
    pipeline_sub = pipeline.add_subparsers(dest="action", metavar="ACTION")
    create = pipeline_sub.add_parser(
        "create",
        parents=[common],
        help="scaffold a pipeline, its test and its parameters file",
    )
    create.add_argument("name", help="pipeline name: a Python identifier")
    create.set_defaults(handler="_scaffold:pipeline_create", needs_session=False)


def build_parser(prog: str) -> argparse.ArgumentParser:
    """Return the parser of the project's command line.

    Each command sets ``handler`` (``"module:function"`` in this package) and
    ``needs_session`` (default True).

    Args:
        prog: The command name shown in usage lines.

    Returns:
        The parser.
    """
    parser = argparse.ArgumentParser(
        prog=prog,
        description="The project's command line: run pipelines, inspect the catalog "
        "and the registry, scaffold pipelines.",
        epilog=f"Run '{prog} COMMAND --help' for a command's options.",
    )
    parser.set_defaults(handler=None, needs_session=True, verbose=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = _common()
    _add_run(sub, common)
    _add_inspect(sub, common)
    add_viz(sub, common)
    add_jupyter(sub, common)
    _add_check(sub, common)
    return parser
