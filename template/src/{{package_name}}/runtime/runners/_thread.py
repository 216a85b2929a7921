"""ThreadRunner: ready nodes run concurrently on a thread pool."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from ._base import AbstractRunner
from ._workers import check_max_workers
from ._workers import default_thread_workers

if TYPE_CHECKING:
    from concurrent.futures import Executor

__all__ = ["ThreadRunner"]


class ThreadRunner(AbstractRunner):
    """Run ready nodes concurrently on a pool of threads sharing the catalog.

    Good for nodes that wait on I/O or release the GIL (numpy, pandas, SQL). Results are
    those of `SequentialRunner`; only the order in which independent nodes run differs.

    Args:
        max_workers: The most threads; None for Python's default, ``min(32, cpus + 4)``.
            Never more than the pipeline has nodes.

    Raises:
        RunnerError: ``max_workers`` is not a positive integer.
    """

    def __init__(self, max_workers: int | None = None) -> None:
        self._max_workers = check_max_workers(type(self).__name__, max_workers)

    @property
    def max_workers(self) -> int | None:
        """The most threads this runner starts (None: Python's default)."""
        return self._max_workers

    def _get_executor(self, node_count: int) -> Executor | None:
        workers = self._max_workers or default_thread_workers()
        return ThreadPoolExecutor(
            max_workers=min(workers, node_count), thread_name_prefix="keel-node"
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(max_workers={self._max_workers!r})"
