"""The ``run`` command: run a pipeline; on failure, say what broke and how to resume."""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

from .._errors import ConfigError
from ..project import KeelSession
from ..project import console_command
from ..runners import NodeFailedError
from ..runners import load_runner
from ._parser import split_list
from ._progress import ProgressLine
from ._report import format_node_failure
from ._report import resume_command

__all__ = ["parse_load_versions", "run_command"]

logger = logging.getLogger(__name__)


def parse_load_versions(values: list[str] | None) -> dict[str, str]:
    """Parse ``--load-versions name:version`` (repeatable, comma-separated).

    Args:
        values: The raw option values.

    Returns:
        Dataset name -> version.

    Raises:
        ConfigError: An item is not ``name:version``.
    """
    versions: dict[str, str] = {}
    for item in split_list(values):
        name, sep, version = item.partition(":")
        if not sep or not name.strip() or not version.strip():
            raise ConfigError(
                f"load version {item!r} is not of the form 'name:version': expected "
                "e.g. 'model:2024-01-31T09.00.00.000Z'. Fix --load-versions."
            )
        versions[name.strip()] = version.strip()
    return versions


def _progress_line() -> ProgressLine | None:
    stream = sys.stderr
    if not (hasattr(stream, "isatty") and stream.isatty()):
        return None
    line = ProgressLine(stream)
    line.attach(logging.getLogger().handlers)
    return line


def run_command(args: Any, session: KeelSession) -> int:
    """Run the pipeline the arguments select; return the exit code (0 or 1).

    Args:
        args: The parsed ``run`` arguments.
        session: The project's session.

    Returns:
        0 when every node ran, 1 when a node failed.
    """
    runner_class = load_runner(args.runner) if args.runner else None
    if not session.get_pipeline(args.pipeline).nodes:
        session.load_context().catalog  # noqa: B018 - still report a broken catalog
        command = console_command(session.project_path, session.package_name)
        logger.warning(
            "pipeline %r has no nodes: there is nothing to run yet. Create one with "
            "'%s pipeline create NAME' and register it in pipeline_registry.py.",
            args.pipeline or "__default__",
            command,
        )
        return 0
    load_versions = parse_load_versions(args.load_versions)
    progress = _progress_line()
    if progress is not None:
        session.hook_manager.register(progress)
    started = time.perf_counter()
    try:
        session.run(
            pipeline_name=args.pipeline,
            tags=split_list(args.tags),
            runner=runner_class() if runner_class else None,
            node_names=split_list(args.nodes),
            from_nodes=split_list(args.from_nodes),
            to_nodes=split_list(args.to_nodes),
            from_inputs=split_list(args.from_inputs),
            to_outputs=split_list(args.to_outputs),
            load_versions=load_versions,
            namespaces=split_list(args.namespaces),
            progress=progress,
        )
    except NodeFailedError as exc:
        if progress is not None:
            progress.close()
        command = console_command(session.project_path, session.package_name)
        resume = resume_command(command, args, exc.resume_nodes or [exc.node_name])
        report = format_node_failure(
            exc, node_name=exc.node_name, resume=resume, verbose=args.verbose
        )
        sys.stderr.write(report)
        return 1
    finally:
        if progress is not None:
            progress.close()
            session.hook_manager.unregister(progress)
    logger.info(
        "Pipeline %r ran in %.2f s",
        args.pipeline or "__default__",
        time.perf_counter() - started,
    )
    return 0
