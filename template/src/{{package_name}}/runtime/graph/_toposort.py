"""Deterministic grouped topological order of node names, and readable cycle errors.

Both run in O(V + E + V log V): graphlib's ready-list algorithm, with each ready
group sorted by name so the order never depends on the order nodes were given.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set
from graphlib import CycleError
from graphlib import TopologicalSorter
from itertools import pairwise
from typing import TYPE_CHECKING

from ._errors import CircularDependencyError
from ._naming import strip_transcoding

if TYPE_CHECKING:
    from ._node import Node

_MAX_CYCLE_SHOWN = 10


def grouped_order(
    parents: Mapping[str, Set[str]],
    by_name: Mapping[str, Node],
    producer: Mapping[str, Node],
) -> list[list[str]]:
    """Return node names in groups; every node comes after all of its parents.

    Args:
        parents: Node name -> names of the nodes producing its inputs.
        by_name: Node name -> node (to name datasets in a cycle error).
        producer: Dataset name (transcoding stripped) -> the node producing it.

    Returns:
        Groups in run order; each group is sorted by name and holds the nodes
        whose parents are all in earlier groups.

    Raises:
        CircularDependencyError: When the nodes depend on each other in a cycle.
    """
    sorter = TopologicalSorter(parents)
    try:
        sorter.prepare()
    except CycleError as exc:
        raise _cycle_error(list(exc.args[1]), by_name, producer) from None
    groups: list[list[str]] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready())
        groups.append(ready)
        sorter.done(*ready)
    return groups


def _cycle_error(
    found: list[str], by_name: Mapping[str, Node], producer: Mapping[str, Node]
) -> CircularDependencyError:
    """Build the error for graphlib's cycle (each name feeds the next one)."""
    ring = found[:-1]
    start = ring.index(min(ring))
    ring = ring[start:] + ring[:start]
    cycle = [*ring, ring[0]]
    datasets = [
        _edge_dataset(by_name[a], by_name[b], producer) for a, b in pairwise(cycle)
    ]
    shown = cycle if len(cycle) <= _MAX_CYCLE_SHOWN else [*cycle[:9], "...", cycle[-1]]
    edges = ", ".join(
        f"{a} writes {ds!r} read by {b}"
        for a, b, ds in list(zip(cycle, cycle[1:], datasets, strict=False))[
            :_MAX_CYCLE_SHOWN
        ]
    )
    more = len(datasets) - _MAX_CYCLE_SHOWN
    if more > 0:
        edges += f" and {more} more"
    message = (
        f"node {cycle[0]!r} is part of a circular dependency: "
        f"{' -> '.join(shown)} ({edges}). Rename or remove one of these datasets "
        "so that the nodes can run in order."
    )
    return CircularDependencyError(message, cycle=cycle, datasets=datasets)


def _edge_dataset(parent: Node, child: Node, producer: Mapping[str, Node]) -> str:
    """Return the first input of ``child`` that ``parent`` produces."""
    for name in child.inputs:
        if producer.get(strip_transcoding(name)) is parent:
            return name
    return "?"  # pragma: no cover - graphlib only reports real edges
