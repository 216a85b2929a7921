"""SequentialRunner: one node at a time, in the calling thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._base import AbstractRunner

if TYPE_CHECKING:
    from concurrent.futures import Executor

__all__ = ["SequentialRunner"]


class SequentialRunner(AbstractRunner):
    """Run nodes one after another in the calling thread, in topological order.

    Example:
        >>> SequentialRunner().run(pipeline, catalog)  # doctest: +SKIP
        {'model': ...}
    """

    def _get_executor(self, node_count: int) -> Executor | None:  # noqa: ARG002
        # no pool to size: nodes run in the calling thread
        return None
