"""Errors the runners raise: a run that cannot start, or a node that failed."""

from __future__ import annotations

from .._errors import RunnerError

__all__ = ["MissingInputError", "NodeFailedError", "NotPicklableError"]


class NodeFailedError(RunnerError):
    """A node raised during a run; the user's exception is chained as ``__cause__``.

    Attributes:
        node_name: The full name of the node that failed.
        resume_nodes: The fewest node names to pass to ``--from-nodes`` so that a new
            run recomputes every output this run did not produce.
    """

    def __init__(self, node_name: str, error: BaseException, resume_nodes: list[str]):
        self.node_name = node_name
        self.resume_nodes = list(resume_nodes)
        message = f"node {node_name!r} failed: {type(error).__name__}: {error}"
        if self.resume_nodes:
            names = ",".join(self.resume_nodes)
            message += f'\nTo resume, run again with --from-nodes "{names}".'
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:  # the default calls __init__(message)
        return (_rebuild_node_failed, (self.args[0], self.node_name, self.resume_nodes))


def _rebuild_node_failed(
    message: str, node_name: str, resume_nodes: list[str]
) -> NodeFailedError:
    error = NodeFailedError.__new__(NodeFailedError)
    RunnerError.__init__(error, message)
    error.node_name = node_name
    error.resume_nodes = list(resume_nodes)
    return error


class MissingInputError(RunnerError):
    """A free input of the pipeline is not in the catalog.

    Attributes:
        dataset_name: The first missing dataset (in pipeline order).
        node_name: A node that needs it.
        missing: Every missing dataset name, in pipeline order.
    """

    def __init__(
        self, message: str, dataset_name: str, node_name: str, missing: list[str]
    ):
        super().__init__(message)
        self.dataset_name = dataset_name
        self.node_name = node_name
        self.missing = list(missing)

    def __reduce__(self) -> tuple[object, ...]:
        return (
            type(self),
            (self.args[0], self.dataset_name, self.node_name, self.missing),
        )


class NotPicklableError(RunnerError):
    """Something ParallelRunner must send to a worker process cannot be pickled.

    Attributes:
        name: The node or dataset that cannot be sent.
    """

    def __init__(self, message: str, name: str):
        super().__init__(message)
        self.name = name

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.args[0], self.name))
