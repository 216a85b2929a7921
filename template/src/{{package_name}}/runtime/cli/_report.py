"""What ``run`` prints when a node fails: the error, the user's frames, the resume."""

from __future__ import annotations

import shlex
import sysconfig
import traceback
from pathlib import Path
from typing import Any

from ._parser import split_list

__all__ = ["format_node_failure", "is_hidden_frame", "resume_command"]

_RUNTIME_DIR = Path(__file__).resolve().parent.parent


def _folders(*keys: str) -> tuple[Path, ...]:
    paths = sysconfig.get_paths()
    return tuple(Path(paths[key]).resolve() for key in keys if key in paths)


_STDLIB = _folders("stdlib", "platstdlib")
_SITE = _folders("purelib", "platlib")


def _is_within(path: Path, folders: tuple[Path, ...]) -> bool:
    return any(path == folder or folder in path.parents for folder in folders)


def is_hidden_frame(filename: str) -> bool:
    """Tell whether a traceback frame belongs to the runtime or the standard library.

    Args:
        filename: The frame's file name.

    Returns:
        True for the runtime's own files, the standard library and frozen modules;
        False for the user's code and third-party packages.
    """
    if filename.startswith("<"):
        return True
    path = Path(filename).resolve()
    if _is_within(path, (_RUNTIME_DIR,)):
        return True
    return _is_within(path, _STDLIB) and not _is_within(path, _SITE)


def _format_error(error: BaseException, verbose: bool) -> list[str]:
    frames = traceback.extract_tb(error.__traceback__)
    if verbose:
        return traceback.format_exception(error)
    shown = traceback.StackSummary.from_list(
        [frame for frame in frames if not is_hidden_frame(frame.filename)]
    )
    hidden = len(frames) - len(shown)
    if not shown:
        return [f"({hidden} runtime frames hidden; -v shows the traceback)\n"]
    note = f" ({hidden} runtime and standard library frames hidden; -v shows them)"
    head = ["Traceback (most recent call last)" + (note if hidden else "") + ":\n"]
    return head + shown.format() + traceback.format_exception_only(error)


def format_node_failure(
    exc: BaseException, *, node_name: str, resume: str, verbose: bool
) -> str:
    """Return the report of a failed node, ready to print on stderr.

    Args:
        exc: The runner's ``NodeFailedError``; its ``__cause__`` is the node's error.
        node_name: The failed node.
        resume: The command that resumes the run.
        verbose: Show every frame instead of only the user's.

    Returns:
        The report: error line, traceback, resume line.
    """
    error = exc.__cause__ or exc
    summary = f"{type(error).__name__}: {error}"
    lines = [f"error: node {node_name!r} failed: {summary}\n"]
    lines += _format_error(error, verbose)
    lines.append(f"To resume: {resume}\n")
    return "".join(lines)


def resume_command(command: str, args: Any, resume_nodes: list[str]) -> str:
    """Return the ``run`` command that resumes from ``resume_nodes``, other flags kept.

    Args:
        command: How the user runs the project (console script or ``python -m pkg``).
        args: The parsed arguments of the failed ``run``.
        resume_nodes: The nodes to pass to ``--from-nodes``.

    Returns:
        A shell-quoted command line.
    """
    parts = [*shlex.split(command), "run", "--from-nodes", ",".join(resume_nodes)]
    if args.pipeline:
        parts += ["--pipeline", args.pipeline]
    for flag, values in (
        ("--nodes", args.nodes),
        ("--tags", args.tags),
        ("--to-nodes", args.to_nodes),
        ("--from-inputs", args.from_inputs),
        ("--to-outputs", args.to_outputs),
        ("--namespaces", args.namespaces),
        ("--load-versions", args.load_versions),
    ):
        names = split_list(values)
        if names:
            parts += [flag, ",".join(names)]
    for flag, value in (
        ("--env", args.env),
        ("--runner", args.runner),
        ("--conf-source", args.conf_source),
    ):
        if value:
            parts += [flag, value]
    for text in args.params or []:
        parts += ["--params", text]
    return shlex.join(parts)
