"""The record of every run: one JSON line per run in ``<project>/.keel/runs.jsonl``."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any
from typing import TypedDict

__all__ = ["RECORD_DIR", "RunRecord", "append_run_record", "read_run_records"]

logger = logging.getLogger(__name__)

RECORD_DIR = ".keel"
_RECORD_FILE = "runs.jsonl"


class RunRecord(TypedDict):
    """One run, as written to ``.keel/runs.jsonl``.

    ``status`` is ``"success"``, ``"failed"`` (a node failed; ``failed_node`` names
    it) or ``"error"`` (the run stopped for another reason; ``error`` says why).
    """

    run_id: str
    started_at: str
    finished_at: str
    duration_s: float
    pipeline: str
    filters: dict[str, Any]
    env: str
    params: dict[str, Any]
    runner: str
    nodes: list[str]
    nodes_done: list[str]
    status: str
    failed_node: str | None
    error: str | None


def _records_path(project_path: str | Path) -> Path:
    return Path(project_path) / RECORD_DIR / _RECORD_FILE


def append_run_record(project_path: str | Path, record: RunRecord) -> Path | None:
    """Append ``record`` to the project's run log; never fails the run.

    The ``.keel`` folder gets its own ``.gitignore`` so records are never committed.

    Args:
        project_path: The project root.
        record: The run to record.

    Returns:
        The path written, or None when it could not be written (logged as a warning).
    """
    path = _records_path(project_path)
    line = json.dumps(record, default=str, sort_keys=True) + "\n"
    try:
        path.parent.mkdir(exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Keel's run records: local, never committed.\n*\n")
        # one write() of one line in append mode: concurrent runs do not interleave
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)
    except OSError as exc:
        logger.warning("could not write the run record to %s: %s", path, exc)
        return None
    return path


def read_run_records(project_path: str | Path) -> list[dict[str, Any]]:
    """Return the project's run records, oldest first (skipping unreadable lines).

    Args:
        project_path: The project root.

    Returns:
        The records as dicts; empty when none were written.
    """
    path = _records_path(project_path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    records = []
    for number, line in enumerate(lines, start=1):
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            logger.warning("skipping unreadable line %d of %s", number, path)
    return records
