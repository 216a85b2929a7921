"""``Pipeline``: nodes ordered by their data dependencies.

A pipeline builds its indexes once (output -> producer, input -> consumers, node
-> parents) and sorts them by ready groups (``_toposort.py``), so construction is
O(V + E + V log V) in the number of nodes V and dataset edges E. Slicing (see
``_slicing.py``) walks these indexes breadth-first; pipeline-wide sets are computed
once, on first use.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from .._errors import PipelineError
from .._suggest import quote_list
from ._errors import ConfirmNotUniqueError
from ._errors import DuplicateNodeError
from ._errors import OutputNotUniqueError
from ._mapping import remap_nodes
from ._naming import strip_transcoding
from ._node import Node
from ._slicing import PipelineSlicing
from ._toposort import grouped_order

__all__ = ["Pipeline"]

_REPR_NODES = 10


class Pipeline(PipelineSlicing):
    """A set of nodes that run in the order their datasets require.

    Args:
        nodes: Nodes and pipelines (flattened) or one pipeline.
        inputs: Free inputs to keep (str, set) or rename (dict old -> new) when
            ``namespace`` prefixes the other dataset names.
        outputs: Outputs to keep or rename, as for ``inputs``.
        parameters: Parameters to keep or rename (``params:`` prefix optional).
        tags: Tags added to every node.
        namespace: Prefix for node names and for dataset and parameter names
            not listed in ``inputs``/``outputs``/``parameters``.
        prefix_datasets_with_namespace: False keeps dataset and parameter names
            unprefixed (the namespace then only groups nodes).

    Raises:
        DuplicateNodeError: When two nodes share a name.
        OutputNotUniqueError: When two nodes produce the same dataset.
        CircularDependencyError: When nodes depend on each other in a cycle.
        ModularPipelineError: When ``inputs``/``outputs``/``parameters`` name
            something that is not a free input, an output or a parameter.

    Example:
        >>> def double(x):
        ...     return 2 * x
        >>> p = Pipeline([Node(double, "b", "c", name="second"),
        ...               Node(double, "a", "b", name="first")])
        >>> [n.name for n in p.nodes]
        ['first', 'second']
    """

    __slots__ = (
        "_all_inputs",
        "_all_outputs",
        "_by_name",
        "_children",
        "_consumers",
        "_free_inputs",
        "_free_outputs",
        "_groups",
        "_nodes",
        "_parents",
        "_producer",
    )

    def __init__(
        self,
        nodes: Iterable[Node | Pipeline] | Pipeline,
        *,
        inputs: str | Iterable[str] | dict[str, str] | None = None,
        outputs: str | Iterable[str] | dict[str, str] | None = None,
        parameters: str | Iterable[str] | dict[str, str] | None = None,
        tags: str | Iterable[str] | None = None,
        namespace: str | None = None,
        prefix_datasets_with_namespace: bool = True,
    ) -> None:
        flat = _flatten(nodes)
        if inputs or outputs or parameters or namespace:
            flat = remap_nodes(
                nodes if isinstance(nodes, Pipeline) else Pipeline(flat),
                inputs=inputs,
                outputs=outputs,
                parameters=parameters,
                namespace=namespace,
                prefix_datasets=prefix_datasets_with_namespace,
            )
        if tags:
            flat = [n.tag(tags) for n in flat]
        self._build(flat)

    def _build(self, flat: list[Node]) -> None:
        by_name = _index_names(flat)
        producer = _index_producers(flat)
        _check_confirms(flat)
        consumers: dict[str, list[Node]] = defaultdict(list)
        parents: dict[str, set[str]] = {}
        for n in flat:
            mine: set[str] = set()
            for name in n.inputs:
                key = strip_transcoding(name)
                readers = consumers[key]
                if not readers or readers[-1] is not n:
                    readers.append(n)
                source = producer.get(key)
                if source is not None:
                    mine.add(source.name)
            parents[n.name] = mine
        groups = grouped_order(parents, by_name, producer)
        self._by_name = by_name
        self._producer = producer
        self._consumers = dict(consumers)
        self._parents = parents
        self._groups = [[by_name[name] for name in group] for group in groups]
        self._nodes = [n for group in self._groups for n in group]
        self._children: dict[str, list[str]] | None = None
        self._all_inputs: frozenset[str] | None = None
        self._all_outputs: frozenset[str] | None = None
        self._free_inputs: frozenset[str] | None = None
        self._free_outputs: frozenset[str] | None = None

    # ------------------------------------------------------------------ order
    @property
    def nodes(self) -> list[Node]:
        """All nodes in run order (ties broken by node name)."""
        return list(self._nodes)

    @property
    def grouped_nodes(self) -> list[list[Node]]:
        """Nodes in groups: each group depends only on earlier groups."""
        return [list(group) for group in self._groups]

    @property
    def node_dependencies(self) -> dict[Node, set[Node]]:
        """Each node -> the nodes that produce its inputs (its parents)."""
        by_name = self._by_name
        return {n: {by_name[p] for p in self._parents[n.name]} for n in self._nodes}

    def _child_index(self) -> dict[str, list[str]]:
        if self._children is None:
            children: dict[str, list[str]] = {name: [] for name in self._by_name}
            for child, parents in self._parents.items():
                for parent in parents:
                    children[parent].append(child)
            self._children = children
        return self._children

    # --------------------------------------------------------------- datasets
    def all_inputs(self) -> set[str]:
        """Every dataset some node reads (intermediate ones included)."""
        if self._all_inputs is None:
            self._all_inputs = frozenset(i for n in self._nodes for i in n.inputs)
        return set(self._all_inputs)

    def all_outputs(self) -> set[str]:
        """Every dataset some node writes."""
        if self._all_outputs is None:
            self._all_outputs = frozenset(o for n in self._nodes for o in n.outputs)
        return set(self._all_outputs)

    def inputs(self) -> set[str]:
        """Free inputs: datasets read but produced by no node (``params:*`` too)."""
        if self._free_inputs is None:
            produced = self._producer
            self._free_inputs = frozenset(
                i for i in self.all_inputs() if strip_transcoding(i) not in produced
            )
        return set(self._free_inputs)

    def outputs(self) -> set[str]:
        """Final outputs: datasets written but read by no node of this pipeline."""
        if self._free_outputs is None:
            read = self._consumers
            self._free_outputs = frozenset(
                o for o in self.all_outputs() if strip_transcoding(o) not in read
            )
        return set(self._free_outputs)

    def datasets(self) -> set[str]:
        """Every dataset the pipeline reads or writes."""
        return self.all_inputs() | self.all_outputs()

    # -------------------------------------------------------------- operators
    def __add__(self, other: object) -> Pipeline:
        if not isinstance(other, Pipeline):
            return NotImplemented
        return Pipeline(list(dict.fromkeys([*self._nodes, *other.nodes])))

    def __radd__(self, other: object) -> Pipeline:
        if isinstance(other, int) and other == 0:  # sum() starts from 0
            return self
        return NotImplemented

    def __or__(self, other: object) -> Pipeline:
        return self.__add__(other)

    def __sub__(self, other: object) -> Pipeline:
        if not isinstance(other, Pipeline):
            return NotImplemented
        drop = set(other.nodes)
        return Pipeline([n for n in self._nodes if n not in drop])

    def __and__(self, other: object) -> Pipeline:
        if not isinstance(other, Pipeline):
            return NotImplemented
        keep = set(other.nodes)
        return Pipeline([n for n in self._nodes if n in keep])

    def __repr__(self) -> str:
        shown = [repr(n) for n in self._nodes[:_REPR_NODES]]
        if len(self._nodes) > _REPR_NODES:
            shown.append(f"... and {len(self._nodes) - _REPR_NODES} more")
        body = ",\n".join(f"    {line}" for line in shown)
        return f"Pipeline([\n{body}\n])" if shown else "Pipeline([])"

    # ------------------------------------------------------------ description
    def tag(self, tags: str | Iterable[str]) -> Pipeline:
        """Return a copy with ``tags`` added to every node."""
        return Pipeline(self._nodes, tags=tags)

    def describe(self, names_only: bool = True) -> str:
        """Describe the run order, free inputs and final outputs, as Kedro does.

        Args:
            names_only: List node names (True) or ``str(node)`` (False).

        Returns:
            A multi-line string ready to log.
        """
        lines = "\n".join(n.name if names_only else str(n) for n in self._nodes)
        return (
            "#### Pipeline execution order ####\n"
            f"Inputs: {_join_or_none(self.inputs())}\n\n"
            f"{lines}\n\n"
            f"Outputs: {_join_or_none(self.outputs())}\n"
            "##################################"
        )

    def to_json(self) -> str:
        """Return the nodes in run order as JSON (name, inputs, outputs, tags)."""
        payload: dict[str, Any] = {
            "pipeline": [
                {
                    "name": n.name,
                    "namespace": n.namespace,
                    "inputs": n.inputs,
                    "outputs": n.outputs,
                    "tags": sorted(n.tags),
                }
                for n in self._nodes
            ]
        }
        return json.dumps(payload)


def _flatten(nodes: object) -> list[Node]:
    """Return the nodes of ``nodes`` (nodes and pipelines, or one pipeline)."""
    if nodes is None:
        raise PipelineError(
            "pipeline nodes are None: expected an iterable of nodes and pipelines. "
            "Pass a list, e.g. Pipeline([node(...), ...])."
        )
    if isinstance(nodes, Pipeline):
        return nodes.nodes
    if isinstance(nodes, (Node, str)) or not isinstance(nodes, Iterable):
        raise PipelineError(
            f"pipeline nodes of type {type(nodes).__name__!r} are not a list: "
            "expected an iterable of nodes and pipelines. Wrap them in a list."
        )
    flat: list[Node] = []
    for item in nodes:
        if isinstance(item, Node):
            flat.append(item)
        elif isinstance(item, Pipeline):
            flat.extend(item.nodes)
        else:
            raise PipelineError(
                f"pipeline item {item!r} is not a node: expected Node or Pipeline, "
                f"got {type(item).__name__!r}. Build it with node(...)."
            )
    return flat


def _index_names(flat: list[Node]) -> dict[str, Node]:
    by_name: dict[str, Node] = {}
    repeated: set[str] = set()
    for n in flat:
        if n.name in by_name:
            repeated.add(n.name)
        else:
            by_name[n.name] = n
    if repeated:
        noun = "node" if len(repeated) == 1 else "nodes"
        verb = "appears" if len(repeated) == 1 else "appear"
        raise DuplicateNodeError(
            f"{noun} {quote_list(repeated)} {verb} more than once in the pipeline: "
            "node names must be unique. Give each node its own name=, or add the "
            "copies with pipeline(..., namespace=...).",
            node_names=sorted(repeated),
        )
    return by_name


def _index_producers(flat: list[Node]) -> dict[str, Node]:
    producer: dict[str, Node] = {}
    clashes: dict[str, list[str]] = {}
    for n in flat:
        for name in n.outputs:
            key = strip_transcoding(name)
            first = producer.setdefault(key, n)
            if first is not n:
                clashes.setdefault(key, [first.name]).append(n.name)
    if clashes:
        dataset = min(clashes)
        writers = sorted(clashes[dataset])
        more = f" ({len(clashes) - 1} more datasets too)" if len(clashes) > 1 else ""
        raise OutputNotUniqueError(
            f"dataset {dataset!r} is produced by more than one node: "
            f"{quote_list(writers)}{more}. Give each output one producer; rename "
            "one of the outputs.",
            dataset=dataset,
            node_names=writers,
        )
    return producer


def _check_confirms(flat: list[Node]) -> None:
    seen: dict[str, str] = {}
    for n in flat:
        for name in n.confirms:
            other = seen.setdefault(name, n.name)
            if other != n.name:
                raise ConfirmNotUniqueError(
                    f"dataset {name!r} is confirmed by more than one node: "
                    f"{quote_list([other, n.name])}. Confirm it in one node only.",
                    dataset=name,
                    node_names=sorted([other, n.name]),
                )


def _join_or_none(names: set[str]) -> str:
    return ", ".join(sorted(names)) if names else "None"
