"""The run loop every runner shares, and the base class to subclass for a new runner.

A run is: index the pipeline once (`RunPlan`), check its free inputs, register memory
datasets, then drive a `graphlib.TopologicalSorter` with ``get_ready()``/``done()``.
Each finished node counts down its inputs' remaining readers and releases a dataset
when its last reader has finished. Nothing rescans pending nodes, so a run costs
O(nodes + edges) plus the nodes' own work.
"""

from __future__ import annotations

import heapq
import logging
import time
from abc import ABC
from abc import abstractmethod
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED
from concurrent.futures import Executor
from concurrent.futures import Future
from concurrent.futures import wait
from graphlib import TopologicalSorter
from typing import TYPE_CHECKING
from typing import Any

from ._errors import NodeFailedError
from ._plan import RunPlan
from ._plan import build_plan
from ._plan import check_inputs
from ._plan import find_resume_nodes
from ._plan import prepare_catalog
from ._task import run_node

if TYPE_CHECKING:
    from ..catalog import DataCatalog
    from ..graph import Node
    from ..graph import Pipeline

__all__ = ["AbstractRunner", "Backend", "FutureBackend", "InlineBackend", "Progress"]

logger = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
"""``progress(done, total, node_name)``, called after each node finishes."""

Outcome = tuple["Node", "BaseException | None"]


class Backend(ABC):
    """Where a runner's nodes execute: submit ready nodes, collect finished ones."""

    @property
    @abstractmethod
    def in_flight(self) -> int:
        """How many submitted nodes have not been collected yet."""

    @abstractmethod
    def submit(self, node: Node) -> None:
        """Start (or queue) ``node``."""

    @abstractmethod
    def collect(self) -> list[Outcome]:
        """Block until a node is finished; return ``(node, error or None)`` pairs."""

    @abstractmethod
    def cancel(self) -> None:
        """Drop submitted nodes that have not started."""

    def close(self) -> None:  # noqa: B027 (optional for subclasses)
        """Release the backend's resources (workers, pools)."""


class InlineBackend(Backend):
    """Runs nodes in the calling thread, one at a time, earliest in ``order`` first.

    With the pipeline's own order this runs nodes exactly as ``pipeline.nodes`` lists
    them; a heap keeps each pick O(log n).
    """

    def __init__(self, execute: Callable[[Node], None], order: dict[str, int]) -> None:
        self._execute = execute
        self._order = order
        self._heap: list[tuple[int, Node]] = []

    @property
    def in_flight(self) -> int:
        return len(self._heap)

    def submit(self, node: Node) -> None:
        heapq.heappush(self._heap, (self._order[node.name], node))

    def collect(self) -> list[Outcome]:
        node = heapq.heappop(self._heap)[1]
        try:
            self._execute(node)
        except Exception as error:
            return [(node, error)]
        return [(node, None)]

    def cancel(self) -> None:
        self._heap.clear()


class FutureBackend(Backend):
    """Runs nodes on a `concurrent.futures.Executor`.

    Args:
        executor: The pool; shut down by `close`.
        start: Submits one node to the pool and returns its future.
        finish: Called in this thread with each finished node and its future's result.
    """

    def __init__(
        self,
        executor: Executor,
        start: Callable[[Node], Future[Any]],
        finish: Callable[[Node, Any], None] | None = None,
    ) -> None:
        self._executor = executor
        self._start = start
        self._finish = finish
        self._futures: dict[Future[Any], Node] = {}

    @property
    def in_flight(self) -> int:
        return len(self._futures)

    def submit(self, node: Node) -> None:
        try:
            future = self._start(node)
        except Exception as error:  # e.g. an input that cannot be read: the node fails
            future = Future()
            future.set_exception(error)
        self._futures[future] = node

    def collect(self) -> list[Outcome]:
        done, _ = wait(self._futures, return_when=FIRST_COMPLETED)
        outcomes: list[Outcome] = []
        for future in done:
            node = self._futures.pop(future)
            error = future.exception()
            if error is None and self._finish is not None:
                try:
                    self._finish(node, future.result())
                except Exception as exc:
                    error = exc
            outcomes.append((node, error))
        return outcomes

    def cancel(self) -> None:
        for future in [f for f in self._futures if f.cancel()]:
            del self._futures[future]

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


class AbstractRunner(ABC):
    """Base class of every runner: checks a run, drives the schedule, releases data.

    To write a runner, subclass it and implement `_get_executor`: return None to run
    nodes one by one in the calling thread, or a thread-based
    `concurrent.futures.Executor` to run ready nodes on it.

    Example:
        >>> from concurrent.futures import ThreadPoolExecutor
        >>> class TwoThreadRunner(AbstractRunner):
        ...     def _get_executor(self, node_count):
        ...         return ThreadPoolExecutor(max_workers=2)
    """

    def run(
        self,
        pipeline: Pipeline,
        catalog: DataCatalog,
        hook_manager: Any | None = None,
        run_id: str | None = None,
        *,
        progress: Progress | None = None,
    ) -> dict[str, Any]:
        """Run every node of ``pipeline``, reading and writing data through ``catalog``.

        Args:
            pipeline: The pipeline to run.
            catalog: Where the node inputs come from and the outputs go. Outputs it does
                not define are added to it as MemoryDatasets.
            hook_manager: A pluggy manager with the runtime's hook specs, or None to
                call no hooks. The runner calls the node and dataset hooks; the
                pipeline hooks are the session's.
            run_id: The run's id, passed to the node hooks.
            progress: Called as ``progress(done, total, node_name)`` after each node.

        Returns:
            The data of the pipeline's free outputs that the catalog does not persist.

        Raises:
            MissingInputError: A free input of the pipeline is not in the catalog
                (a `RunnerError`).
            NodeFailedError: A node raised; its exception is the ``__cause__``.
        """
        started = time.perf_counter()
        plan = build_plan(pipeline)
        check_inputs(plan, catalog)
        self._check(plan, catalog, hook_manager)
        prepare_catalog(plan, catalog)
        if plan.nodes:
            backend = self._open_backend(plan, catalog, hook_manager, run_id)
            try:
                _drive(plan, catalog, backend, progress)
            finally:
                backend.close()
        result = {
            name: catalog.load(name)
            for name in plan.free_outputs
            if not catalog.is_persistent(name)
        }
        logger.info(
            "Completed %d nodes in %.2f s",
            len(plan.nodes),
            time.perf_counter() - started,
        )
        return result

    @abstractmethod
    def _get_executor(self, node_count: int) -> Executor | None:
        """Return the executor for ``node_count`` nodes, or None for this thread."""

    def _check(  # noqa: B027 (a no-op unless a runner needs more checks)
        self, plan: RunPlan, catalog: DataCatalog, hook_manager: Any | None
    ) -> None:
        """Raise a `RunnerError` if this runner cannot run ``plan``; changes nothing."""

    def _open_backend(
        self,
        plan: RunPlan,
        catalog: DataCatalog,
        hook_manager: Any | None,
        run_id: str | None,
    ) -> Backend:
        """Return the backend that executes the nodes of one run."""
        hook = None if hook_manager is None else hook_manager.hook
        load, save, inputs_of = catalog.load, catalog.save, plan.inputs_of

        def execute(node: Node) -> None:
            run_node(
                node,
                catalog,
                hook=hook,
                run_id=run_id,
                load=load,
                save=save,
                names=inputs_of[node.name],
            )

        executor = self._get_executor(len(plan.nodes))
        if executor is None:
            return InlineBackend(
                execute, {name: i for i, name in enumerate(plan.nodes)}
            )
        return FutureBackend(executor, lambda node: executor.submit(execute, node))

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


def _drive(
    plan: RunPlan, catalog: DataCatalog, backend: Backend, progress: Progress | None
) -> None:
    """Run the nodes of ``plan`` on ``backend`` in dependency order: the run loop."""
    sorter: TopologicalSorter[str] = TopologicalSorter()
    for name, parents in plan.parents.items():
        sorter.add(name, *parents)
    sorter.prepare()
    remaining = dict(plan.consumers)
    releasable = plan.releasable
    total = len(plan.nodes)
    finished: set[str] = set()
    failure: tuple[Node, BaseException] | None = None
    while True:
        if failure is None:
            for name in sorter.get_ready():
                backend.submit(plan.nodes[name])
        if not backend.in_flight:
            break
        for node, error in backend.collect():
            name = node.name
            if error is not None:
                if failure is None:
                    failure = (node, error)
                    backend.cancel()
                else:
                    logger.error("node %r also failed: %s", name, error)
                continue
            sorter.done(name)
            finished.add(name)
            _release_inputs(plan.inputs_of[name], remaining, releasable, catalog)
            logger.debug("Ran node %d/%d: %s", len(finished), total, name)
            if progress is not None:
                progress(len(finished), total, name)
    if failure is not None:
        node, error = failure
        resume = find_resume_nodes(plan, catalog, finished)
        raise NodeFailedError(node.name, error, resume) from error


def _release_inputs(
    names: tuple[str, ...],
    remaining: dict[str, int],
    releasable: set[str],
    catalog: DataCatalog,
) -> None:
    """Count down the readers of ``names``; release those whose last reader finished."""
    for name in names:
        remaining[name] -= 1
        if not remaining[name] and name in releasable:
            catalog.release(name)
