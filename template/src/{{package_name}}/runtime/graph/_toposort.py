"""Deterministic grouped topological order of node names, and readable cycle errors.

Both run in O(V + E + V log V): Kahn's ready-list algorithm (graphlib's, written out
level by level, since driving ``TopologicalSorter`` costs a few microseconds per node
and graphlib searches for cycles even when there is none), with each ready group
sorted by name so the order never depends on the order nodes were given. Only when
some nodes never become ready does graphlib find the cycle to report.
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
    waiting = {name: len(names) for name, names in parents.items()}
    children: dict[str, list[str]] = {name: [] for name in parents}
    for child, names in parents.items():
        for parent in names:
            children[parent].append(child)
    ready = sorted([name for name, count in waiting.items() if not count])
    groups: list[list[str]] = []
    placed = 0
    while ready:
        groups.append(ready)
        placed += len(ready)
        unlocked = []
        for name in ready:
            for child in children[name]:
                waiting[child] -= 1
                if not waiting[child]:
                    unlocked.append(child)
        ready = sorted(unlocked)
    if placed < len(parents):
        raise _find_cycle(parents, by_name, producer)
    return groups


def _find_cycle(
    parents: Mapping[str, Set[str]],
    by_name: Mapping[str, Node],
    producer: Mapping[str, Node],
) -> CircularDependencyError:
    """Return the error for the cycle graphlib finds in ``parents``."""
    try:
        TopologicalSorter(parents).prepare()
    except CycleError as exc:
        return _cycle_error(list(exc.args[1]), by_name, producer)
    raise AssertionError("no cycle among unready nodes")  # pragma: no cover


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
