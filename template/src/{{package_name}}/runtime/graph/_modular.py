"""``pipeline()``: Kedro's function for building (and namespacing) a pipeline."""

from __future__ import annotations

from collections.abc import Iterable

from .._errors import PipelineError
from ._node import Node
from ._pipeline import Pipeline

__all__ = ["pipeline"]


def pipeline(
    pipe: Iterable[Node | Pipeline] | Pipeline | None = None,
    *,
    nodes: Iterable[Node | Pipeline] | Pipeline | None = None,
    inputs: str | Iterable[str] | dict[str, str] | None = None,
    outputs: str | Iterable[str] | dict[str, str] | None = None,
    parameters: str | Iterable[str] | dict[str, str] | None = None,
    tags: str | Iterable[str] | None = None,
    namespace: str | None = None,
    prefix_datasets_with_namespace: bool = True,
) -> Pipeline:
    """Build a pipeline, optionally as a reusable (modular) copy of another.

    Args:
        pipe: Nodes and pipelines, or one pipeline (Kedro 0.19's ``pipe``).
        nodes: The same, under Kedro 1.x's keyword name; give one of the two.
        inputs: Free inputs to keep (str, set) or rename (dict old -> new);
            kept names are not prefixed by ``namespace``.
        outputs: Outputs (final or intermediate) to keep or rename.
        parameters: Parameters to keep or rename; ``params:`` is optional.
        tags: Tags added to every node.
        namespace: Prefix for node names and for every other dataset
            (``ds`` -> ``ns.ds``) and parameter (``params:p`` -> ``params:ns.p``).
        prefix_datasets_with_namespace: False keeps dataset and parameter names
            as they are, so the namespace only groups nodes.

    Returns:
        A new pipeline; ``pipe`` is unchanged.

    Raises:
        ModularPipelineError: When a mapped name is not a free input, an output
            or a parameter of ``pipe`` (the message suggests close matches).

    Example:
        >>> def train(data, rate):
        ...     return data * rate
        >>> base = Pipeline([Node(train, ["data", "params:rate"], "model", name="fit")])
        >>> ab = pipeline(base, namespace="a", inputs={"data": "shared"})
        >>> ab.nodes[0].name, ab.nodes[0].inputs
        ('a.fit', ['shared', 'params:a.rate'])
    """
    if (pipe is None) == (nodes is None):
        raise PipelineError(
            "pipeline() nodes are given "
            f"{'twice' if pipe is not None else 'nowhere'}: expected the nodes once, "
            "as the first argument or as nodes=. Pass them once."
        )
    return Pipeline(
        pipe if pipe is not None else nodes,  # type: ignore[arg-type]
        inputs=inputs,
        outputs=outputs,
        parameters=parameters,
        tags=tags,
        namespace=namespace,
        prefix_datasets_with_namespace=prefix_datasets_with_namespace,
    )
