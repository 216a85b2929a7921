"""Errors raised while building, slicing or running nodes and pipelines."""

from __future__ import annotations

from collections.abc import Sequence

from .._errors import PipelineError

__all__ = [
    "CircularDependencyError",
    "ConfirmNotUniqueError",
    "DuplicateNodeError",
    "EmptyPipelineError",
    "ModularPipelineError",
    "NodeError",
    "NodeRunError",
    "NodeSignatureError",
    "OutputNotUniqueError",
    "UnknownNameError",
]


class NodeError(PipelineError):
    """A node is defined in a way that cannot work.

    Attributes:
        node_name: The node's name (its function's name when the name is not known yet).
    """

    def __init__(self, message: str, *, node_name: str) -> None:
        super().__init__(message)
        self.node_name = node_name


class NodeSignatureError(NodeError, TypeError):
    """A node's function cannot be called with the node's declared inputs.

    Also a ``TypeError``, which is what Kedro raises in this case.
    """


class NodeRunError(NodeError):
    """A node got inputs, or returned outputs, that its definition does not match."""


class DuplicateNodeError(PipelineError):
    """Two or more nodes of one pipeline share a name.

    Attributes:
        node_names: The names that appear more than once, sorted.
    """

    def __init__(self, message: str, *, node_names: Sequence[str]) -> None:
        super().__init__(message)
        self.node_names = list(node_names)


class OutputNotUniqueError(PipelineError):
    """Two or more nodes of one pipeline produce the same dataset.

    Attributes:
        dataset: The first dataset (in sorted order) with several producers.
        node_names: The nodes that produce ``dataset``, sorted.
    """

    def __init__(
        self, message: str, *, dataset: str, node_names: Sequence[str]
    ) -> None:
        super().__init__(message)
        self.dataset = dataset
        self.node_names = list(node_names)


class ConfirmNotUniqueError(PipelineError):
    """Two or more nodes of one pipeline confirm the same dataset.

    Attributes:
        dataset: The dataset confirmed more than once.
        node_names: The nodes that confirm it, sorted.
    """

    def __init__(
        self, message: str, *, dataset: str, node_names: Sequence[str]
    ) -> None:
        super().__init__(message)
        self.dataset = dataset
        self.node_names = list(node_names)


class CircularDependencyError(PipelineError):
    """The nodes of a pipeline depend on each other in a cycle.

    Attributes:
        cycle: Node names along the cycle, first name repeated at the end
            (``["a", "b", "a"]``); each node produces a dataset the next one reads.
        datasets: The dataset on each edge of the cycle (``len(cycle) - 1`` names).
    """

    def __init__(
        self, message: str, *, cycle: Sequence[str], datasets: Sequence[str]
    ) -> None:
        super().__init__(message)
        self.cycle = list(cycle)
        self.datasets = list(datasets)


class UnknownNameError(PipelineError):
    """A slicing method or a modular pipeline was given names the pipeline lacks.

    Attributes:
        kind: What was looked up: ``"node"``, ``"dataset"``, ``"tag"``,
            ``"namespace"`` or ``"parameter"``.
        names: The unknown names, in the order given.
    """

    def __init__(self, message: str, *, kind: str, names: Sequence[str]) -> None:
        super().__init__(message)
        self.kind = kind
        self.names = list(names)


class EmptyPipelineError(PipelineError):
    """Filtering a pipeline left no nodes."""


class ModularPipelineError(PipelineError):
    """``pipeline(...)`` was asked to map names in a way that cannot work.

    Attributes:
        names: The offending dataset or parameter names.
    """

    def __init__(self, message: str, *, names: Sequence[str]) -> None:
        super().__init__(message)
        self.names = list(names)
