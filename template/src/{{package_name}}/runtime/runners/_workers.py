"""Worker counts: validation of ``max_workers`` and the defaults of the pool runners."""

from __future__ import annotations

import os
import sys

from .._errors import RunnerError

__all__ = ["check_max_workers", "default_process_workers", "default_thread_workers"]

_MAX_WINDOWS_WORKERS = 61  # ProcessPoolExecutor refuses more on Windows


def check_max_workers(runner: str, max_workers: object) -> int | None:
    """Return ``max_workers`` if None or a positive int, else raise RunnerError."""
    if max_workers is None:
        return None
    if isinstance(max_workers, bool) or not isinstance(max_workers, int):
        raise RunnerError(
            f"runner {runner!r} got max_workers={max_workers!r}: expected a positive "
            "integer or None. Pass a number of workers such as 4, or leave it out."
        )
    if max_workers < 1:
        raise RunnerError(
            f"runner {runner!r} got max_workers={max_workers}: expected a positive "
            "integer or None. Pass at least 1, or leave it out."
        )
    return max_workers


def default_thread_workers() -> int:
    """Python's default for thread pools: ``min(32, cpus + 4)``."""
    return min(32, (os.cpu_count() or 1) + 4)


def default_process_workers() -> int:
    """One process per CPU (at most 61 on Windows)."""
    count = os.cpu_count() or 1
    if sys.platform == "win32":
        count = min(count, _MAX_WINDOWS_WORKERS)
    return count
