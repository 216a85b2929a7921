"""``check``: the project against the house rules; exit 1 when a rule finds an error.

Only argparse is needed to build the parser; the checks are imported when it runs.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["_add_check", "check_command"]


def _add_check(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``check`` command to the subcommands ``sub``."""
    check = sub.add_parser(
        "check",
        parents=[common],
        help="check the project against the house rules",
        description="Check the catalog, secrets, committed data, notebooks, layout "
        "and template version. Exit code 0: no error; 1: errors found; 2: a usage "
        "or configuration error. Settings: [tool.keel.check] in pyproject.toml "
        "(select, ignore, allowed-data-files).",
    )
    check.set_defaults(handler="_check:check_command", needs_session=False)
    for flag, what in (
        ("--select", "run only these checks: ids or families (CAT, SEC…)"),
        ("--ignore", "leave out these checks: ids or families"),
    ):
        check.add_argument(
            flag,
            action="append",
            metavar="IDS",
            help=f"{what} (comma-separated, repeatable)",
        )
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.add_argument(
        "--list", action="store_true", help="list every check with its fix, and exit"
    )


def check_command(args: Any, package: str) -> int:
    """Run the checks and print the report.

    Returns:
        0 when no finding is an error, else 1.
    """
    from ..checks import RULES  # noqa: PLC0415 - keeps --help free of yaml
    from ..checks import format_json  # noqa: PLC0415
    from ..checks import format_rules  # noqa: PLC0415
    from ..checks import format_text  # noqa: PLC0415
    from ..checks import run_checks  # noqa: PLC0415
    from ..project import find_project_root  # noqa: PLC0415
    from ._parser import split_list  # noqa: PLC0415

    if args.list:
        sys.stdout.write(format_rules(RULES.values()))
        return 0
    report = run_checks(
        find_project_root(conf_source=args.conf_source),
        package,
        env=args.env,
        conf_source=args.conf_source,
        select=split_list(args.select),
        ignore=split_list(args.ignore),
    )
    sys.stdout.write(format_json(report) if args.json else format_text(report))
    return report.exit_code
