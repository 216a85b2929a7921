"""ParallelRunner: ready nodes run concurrently in worker processes.

Each worker receives the catalog once, through the pool's initializer (with the "fork"
start method it simply inherits it). A task carries only the pickled node and the data
of its in-memory inputs; the worker loads persisted inputs and saves persisted outputs
itself, and sends in-memory outputs back, which this process stores in its catalog.
"""

from __future__ import annotations

import multiprocessing
import pickle
import traceback
from concurrent.futures import Future
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING
from typing import Any

from .._errors import RunnerError
from ._base import AbstractRunner
from ._base import FutureBackend
from ._errors import NotPicklableError
from ._task import run_node
from ._workers import check_max_workers
from ._workers import default_process_workers

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..catalog import DataCatalog
    from ..graph import Node
    from ._base import Backend
    from ._plan import RunPlan

__all__ = ["ParallelRunner"]

_PROTOCOL = pickle.HIGHEST_PROTOCOL
_FIX = "Use SequentialRunner or ThreadRunner"

# In a worker process: (catalog, hook relay or None, run_id, in-memory dataset names).
_worker_state: tuple[DataCatalog, Any, str | None, frozenset[str]] | None = None


class ParallelRunner(AbstractRunner):
    """Run ready nodes concurrently in a pool of worker processes.

    For CPU-bound nodes in pure Python. Node functions must be importable (defined at
    module level, not lambdas or local functions), and data passed between nodes in
    memory must pickle. Node hooks run in the workers, so a hook object's state is not
    shared with this process.

    Args:
        max_workers: The most processes; None for one per CPU. Never more than the
            pipeline has nodes.
        start_method: The `multiprocessing` start method; None for "fork" where the
            platform has it, else "spawn".

    Raises:
        RunnerError: ``max_workers`` is not a positive integer, or the start method is
            not available here.
    """

    def __init__(
        self, max_workers: int | None = None, *, start_method: str | None = None
    ) -> None:
        self._max_workers = check_max_workers(type(self).__name__, max_workers)
        methods = multiprocessing.get_all_start_methods()
        if start_method is not None and start_method not in methods:
            raise RunnerError(
                f"start method {start_method!r} is not available on this platform: "
                f"expected one of {', '.join(map(repr, methods))}. Pass one of those, "
                "or leave it out."
            )
        self._start_method = start_method or ("fork" if "fork" in methods else "spawn")

    @property
    def max_workers(self) -> int | None:
        """The most processes this runner starts (None: one per CPU)."""
        return self._max_workers

    @property
    def start_method(self) -> str:
        """The `multiprocessing` start method of the worker processes."""
        return self._start_method

    def _get_executor(
        self,
        node_count: int,
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> ProcessPoolExecutor:
        workers = min(self._max_workers or default_process_workers(), node_count)
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context(self._start_method),
            initializer=initializer,
            initargs=initargs,
        )

    def _check(
        self, plan: RunPlan, catalog: DataCatalog, hook_manager: Any | None
    ) -> None:
        for node in plan.nodes.values():
            _check_function(node)
        for name in plan.free_inputs:
            if not catalog.is_persistent(name):
                try:
                    data = catalog.load(name)
                except Exception:  # the node that reads it fails, with its name
                    continue
                _check_data(name, data, plan)
        if self._start_method != "fork":
            _check_sendable("the catalog", catalog)
            if hook_manager is not None:
                _check_sendable("the hook manager", hook_manager)

    def _open_backend(
        self,
        plan: RunPlan,
        catalog: DataCatalog,
        hook_manager: Any | None,
        run_id: str | None,
    ) -> Backend:
        payloads = {name: _pickle_node(node) for name, node in plan.nodes.items()}
        memory = frozenset(
            name for name in plan.datasets() if not catalog.is_persistent(name)
        )
        _ = catalog.save_version  # fixed before the workers copy the catalog
        executor = self._get_executor(
            len(plan.nodes), _init_worker, (catalog, hook_manager, run_id, memory)
        )

        def start(node: Node) -> Future[Any]:
            inputs = {
                name: catalog.load(name)
                for name in plan.inputs_of[node.name]
                if name in memory
            }
            return executor.submit(_run_task, payloads[node.name], inputs)

        def finish(_node: Node, result: tuple[bool, Any, str]) -> None:
            is_ok, payload, remote_traceback = result
            if not is_ok:
                payload.__cause__ = _RemoteTracebackError(remote_traceback)
                raise payload
            for name, data in pickle.loads(payload).items():
                catalog.save(name, data)

        return FutureBackend(executor, start, finish)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(max_workers={self._max_workers!r})"


class _RemoteTracebackError(Exception):
    """The traceback of an error raised in a worker process, shown as its cause."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return f'\n"""\n{self.text}"""'


def _check_function(node: Node) -> None:
    try:
        pickle.dumps(node.func, _PROTOCOL)
    except Exception as exc:
        what = getattr(node.func, "__qualname__", repr(node.func))
        raise NotPicklableError(
            f"node {node.name!r} cannot run in a worker process: its function "
            f"{what!r} cannot be pickled ({exc}). {_FIX}, or define the function at "
            "module level (not a lambda or a local function).",
            node.name,
        ) from exc


def _pickle_node(node: Node) -> bytes:
    try:
        return pickle.dumps(node, _PROTOCOL)
    except Exception as exc:
        raise NotPicklableError(
            f"node {node.name!r} cannot be pickled to send it to a worker process "
            f"({exc}). {_FIX}.",
            node.name,
        ) from exc


def _check_data(name: str, data: Any, plan: RunPlan) -> None:
    try:
        pickle.dumps(data, _PROTOCOL)
    except Exception as exc:
        reader = next(node for node, names in plan.inputs_of.items() if name in names)
        raise NotPicklableError(
            f"dataset {name!r} (input of node {reader!r}) holds data that cannot be "
            f"pickled to send it to a worker process ({exc}). {_FIX}, or give "
            f"{name!r} a persisted catalog entry.",
            name,
        ) from exc


def _check_sendable(what: str, value: object) -> None:
    try:
        pickle.dumps(value, _PROTOCOL)
    except Exception as exc:
        raise RunnerError(
            f"{what} cannot be pickled to send it to worker processes started with "
            f"'spawn' ({exc}). {_FIX}, or pass start_method='fork' where available."
        ) from exc


def _init_worker(
    catalog: DataCatalog,
    hook_manager: Any | None,
    run_id: str | None,
    memory: frozenset[str],
) -> None:
    global _worker_state  # noqa: PLW0603 (per-process state set once by the pool)
    hook = None if hook_manager is None else hook_manager.hook
    _worker_state = (catalog, hook, run_id, memory)


def _run_task(node_payload: bytes, inputs: dict[str, Any]) -> tuple[bool, Any, str]:
    """Run one node in a worker: ``(True, pickled memory outputs, "")`` or an error."""
    assert _worker_state is not None, "the pool initializer did not run"
    catalog, hook, run_id, memory = _worker_state
    outputs: dict[str, Any] = {}

    def load(name: str) -> Any:
        return inputs[name] if name in inputs else catalog.load(name)

    def save(name: str, data: Any) -> None:
        if name in memory:
            outputs[name] = data
        else:
            catalog.save(name, data)

    try:
        node = pickle.loads(node_payload)
        run_node(node, catalog, hook=hook, run_id=run_id, load=load, save=save)
        return True, _dump_outputs(node, outputs), ""
    except Exception as error:
        return False, _sendable_error(error), traceback.format_exc()


def _dump_outputs(node: Node, outputs: dict[str, Any]) -> bytes:
    try:
        return pickle.dumps(outputs, _PROTOCOL)
    except Exception:
        for name, data in outputs.items():
            try:
                pickle.dumps(data, _PROTOCOL)
            except Exception as exc:
                raise NotPicklableError(
                    f"dataset {name!r} (output of node {node.name!r}) holds data that "
                    f"cannot be pickled to send it back from a worker process ({exc}). "
                    f"{_FIX}, or give {name!r} a persisted catalog entry.",
                    name,
                ) from exc
        raise


def _sendable_error(error: Exception) -> Exception:
    """Return ``error`` if it survives pickling, else a RunnerError with its text."""
    try:
        pickle.loads(pickle.dumps(error, _PROTOCOL))
    except Exception:
        return RunnerError(f"{type(error).__qualname__}: {error}")
    return error
