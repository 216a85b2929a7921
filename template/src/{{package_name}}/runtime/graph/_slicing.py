"""Slicing a pipeline by node names, tags, namespaces and datasets.

Every method selects a set of node names with one breadth-first walk over the
pipeline's precomputed indexes (O(V + E)), then builds the sub-pipeline once.
``filter`` intersects the selections without building intermediate pipelines.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable
from collections.abc import Mapping
from typing import TYPE_CHECKING
from typing import Any

from ._errors import EmptyPipelineError
from ._errors import UnknownNameError
from ._naming import TRANSCODING_SEPARATOR
from ._naming import strip_transcoding
from ._naming import unknown_names_message

if TYPE_CHECKING:
    from typing_extensions import Self

    from ._node import Node

logger = logging.getLogger(__name__)


class PipelineSlicing:
    """The slicing methods of ``Pipeline`` (a mixin over its indexes)."""

    __slots__ = ()

    _nodes: list[Node]
    _by_name: dict[str, Node]
    _producer: dict[str, Node]
    _consumers: dict[str, list[Node]]
    _parents: dict[str, set[str]]

    def __init__(self, nodes: Iterable[Any]) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _child_index(self) -> dict[str, list[str]]:  # pragma: no cover - abstract
        raise NotImplementedError

    def datasets(self) -> set[str]:  # pragma: no cover - abstract
        raise NotImplementedError

    # ------------------------------------------------------------ public API
    def only_nodes(self, *node_names: str) -> Self:
        """Return a pipeline of exactly the named nodes.

        Raises:
            UnknownNameError: When a name is not a node of this pipeline.
        """
        return self._subset(self._select_nodes(node_names))

    def only_nodes_with_tags(self, *tags: str) -> Self:
        """Return a pipeline of the nodes carrying *any* of ``tags``.

        A tag no node carries is logged as a warning (with close matches);
        when no node carries any of the tags, that is an error.

        Raises:
            UnknownNameError: When no node carries any of the tags.
        """
        return self._subset(self._select_tags(tags))

    def only_nodes_with_namespaces(self, *node_namespaces: str | Iterable[str]) -> Self:
        """Return a pipeline of the nodes in any of the namespaces (nested ones too).

        Accepts names as arguments or one list, as Kedro 1.x does:
        ``only_nodes_with_namespaces(["a", "b"])``.

        Raises:
            UnknownNameError: When no node is in one of the namespaces.
        """
        return self._subset(self._select_namespaces(_spread(node_namespaces)))

    def only_nodes_with_namespace(self, node_namespace: str) -> Self:
        """Return a pipeline of the nodes in ``node_namespace`` (Kedro 0.19 name)."""
        return self.only_nodes_with_namespaces(node_namespace)

    def from_nodes(self, *node_names: str) -> Self:
        """Return the named nodes and every node that depends on them."""
        return self._subset(self._select_from_nodes(node_names))

    def to_nodes(self, *node_names: str) -> Self:
        """Return the named nodes and every node they depend on."""
        return self._subset(self._select_to_nodes(node_names))

    def from_inputs(self, *inputs: str) -> Self:
        """Return the nodes that read ``inputs``, directly or through other nodes.

        A plain name matches every transcoded form (``cars`` matches
        ``cars@pandas``); a transcoded name matches only itself.

        Raises:
            UnknownNameError: When a name is not a dataset of this pipeline.
        """
        return self._subset(self._select_from_inputs(inputs))

    def to_outputs(self, *outputs: str) -> Self:
        """Return the nodes needed to produce ``outputs``, directly or transitively.

        Raises:
            UnknownNameError: When a name is not a dataset of this pipeline.
        """
        return self._subset(self._select_to_outputs(outputs))

    def only_nodes_with_inputs(self, *inputs: str) -> Self:
        """Return the nodes that read any of ``inputs`` directly."""
        return self._subset(self._readers(inputs))

    def only_nodes_with_outputs(self, *outputs: str) -> Self:
        """Return the nodes that write any of ``outputs`` directly."""
        return self._subset(self._writers(outputs))

    def filter(  # noqa: PLR0917 - Kedro's signature takes these positionally
        self,
        tags: Iterable[str] | None = None,
        from_nodes: Iterable[str] | None = None,
        to_nodes: Iterable[str] | None = None,
        node_names: Iterable[str] | None = None,
        from_inputs: Iterable[str] | None = None,
        to_outputs: Iterable[str] | None = None,
        node_namespaces: Iterable[str] | None = None,
    ) -> Self:
        """Return the nodes that meet *all* given conditions.

        Each condition is applied to this whole pipeline and the selections are
        intersected, so their order does not matter (as in Kedro).

        Raises:
            UnknownNameError: When a condition names something unknown.
            EmptyPipelineError: When no node meets all the conditions.
        """
        steps = {
            "tags": (tags, self._select_tags),
            "from_nodes": (from_nodes, self._select_from_nodes),
            "to_nodes": (to_nodes, self._select_to_nodes),
            "node_names": (node_names, self._select_nodes),
            "from_inputs": (from_inputs, self._select_from_inputs),
            "to_outputs": (to_outputs, self._select_to_outputs),
            "node_namespaces": (node_namespaces, self._select_namespaces),
        }
        chosen = set(self._by_name)
        used = []
        for label, (value, select) in steps.items():
            if value:
                names = [value] if isinstance(value, str) else list(value)
                chosen &= select(names)
                used.append(label)
        if not chosen:
            raise EmptyPipelineError(
                f"pipeline filter on {' and '.join(used) or 'nothing'} leaves no "
                "nodes: each condition is applied to the whole pipeline and only nodes "
                "meeting all of them are kept. Loosen one of the conditions."
            )
        return self._subset(chosen)

    # -------------------------------------------------------------- selection
    def _subset(self, names: set[str]) -> Self:
        return type(self)([n for n in self._nodes if n.name in names])

    def _select_nodes(self, names: Iterable[str]) -> set[str]:
        wanted = list(names)
        unknown = [n for n in wanted if n not in self._by_name]
        if unknown:
            _raise_unknown("node", unknown, self._by_name, "in the pipeline")
        return set(wanted)

    def _select_tags(self, tags: Iterable[str]) -> set[str]:
        wanted = set(tags)
        seen: set[str] = set()
        chosen: set[str] = set()
        for n in self._nodes:
            mine = n.tags
            seen |= mine
            if mine & wanted:
                chosen.add(n.name)
        unknown = sorted(wanted - seen)
        if unknown and not chosen:
            _raise_unknown("tag", unknown, seen, "on any node of the pipeline")
        if unknown:  # Kedro selects by *any* tag, so the others still apply
            logger.warning(
                "%s; selecting nodes by the other tags.",
                unknown_names_message("tag", unknown, seen, "on any node"),
            )
        return chosen

    def _select_namespaces(self, namespaces: Iterable[str]) -> set[str]:
        wanted = set(namespaces)
        known: set[str] = set()
        chosen: set[str] = set()
        for n in self._nodes:
            prefixes = n.namespace_prefixes
            known.update(prefixes)
            if wanted.intersection(prefixes):
                chosen.add(n.name)
        unknown = sorted(wanted - known)
        if unknown:
            _raise_unknown("namespace", unknown, known, "used by any node")
        return chosen

    def _check_datasets(self, names: Iterable[str]) -> list[str]:
        wanted = list(names)
        indexed = self._producer.keys() | self._consumers.keys()
        maybe = [d for d in wanted if d not in indexed]
        if maybe:  # transcoded names, or typos
            known = self.datasets()
            unknown = [d for d in maybe if d not in known]
            if unknown:
                _raise_unknown("dataset", unknown, known, "in the pipeline")
        return wanted

    def _readers(self, datasets: Iterable[str]) -> set[str]:
        chosen: set[str] = set()
        for d in self._check_datasets(datasets):
            readers = self._consumers.get(strip_transcoding(d), [])
            exact = TRANSCODING_SEPARATOR in d
            chosen.update(n.name for n in readers if not exact or d in n.inputs)
        return chosen

    def _writers(self, datasets: Iterable[str]) -> set[str]:
        chosen: set[str] = set()
        for d in self._check_datasets(datasets):
            writer = self._producer.get(strip_transcoding(d))
            if writer is not None and (
                TRANSCODING_SEPARATOR not in d or d in writer.outputs
            ):
                chosen.add(writer.name)
        return chosen

    def _select_from_nodes(self, names: Iterable[str]) -> set[str]:
        return _walk(self._select_nodes(names), self._child_index())

    def _select_to_nodes(self, names: Iterable[str]) -> set[str]:
        return _walk(self._select_nodes(names), self._parents)

    def _select_from_inputs(self, datasets: Iterable[str]) -> set[str]:
        return _walk(self._readers(datasets), self._child_index())

    def _select_to_outputs(self, datasets: Iterable[str]) -> set[str]:
        return _walk(self._writers(datasets), self._parents)


def _walk(start: set[str], edges: Mapping[str, Iterable[str]]) -> set[str]:
    """Breadth-first: ``start`` plus everything reachable along ``edges``."""
    seen = set(start)
    queue = deque(seen)
    while queue:
        for nxt in edges[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _spread(values: tuple[str | Iterable[str], ...]) -> list[str]:
    """Accept ``f("a", "b")`` and ``f(["a", "b"])`` alike."""
    out: list[str] = []
    for value in values:
        if isinstance(value, str):
            out.append(value)
        else:
            out.extend(value)
    return out


def _raise_unknown(
    kind: str, unknown: list[str], candidates: Iterable[str], where: str
) -> None:
    message = unknown_names_message(kind, unknown, candidates, where)
    raise UnknownNameError(
        f"{message}. {_FIXES[kind]}",
        kind=kind,
        names=unknown,
    )


_FIXES = {
    "node": "Use full node names (with namespace); describe() lists them.",
    "dataset": "Use dataset names that nodes read or write (see describe()).",
    "tag": "Use a tag that some node carries.",
    "namespace": "Use a namespace that some node has.",
}
