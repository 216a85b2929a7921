"""What a run precomputes once: indexes over the pipeline, input checks, releases.

All functions here are linear in nodes + edges: one pass over the nodes builds the
producer and consumer indexes, and nothing later walks the whole pipeline again.
"""

from __future__ import annotations

import logging
from collections import deque
from typing import TYPE_CHECKING

from .._suggest import did_you_mean
from .._suggest import quote_list
from ..datasets import MemoryDataset
from ._errors import MissingInputError

if TYPE_CHECKING:
    from ..catalog import DataCatalog
    from ..graph import Node
    from ..graph import Pipeline

__all__ = [
    "RunPlan",
    "base_name",
    "build_plan",
    "check_inputs",
    "find_resume_nodes",
    "prepare_catalog",
]

logger = logging.getLogger(__name__)

_TRANSCODING = "@"  # Kedro's separator: "cars@pandas" and "cars@spark" are one dataset


class RunPlan:
    """The indexes one run needs, built in a single pass over the pipeline's nodes.

    Transcoded names (``cars@pandas``, ``cars@spark``) are one dataset for ordering:
    a node reading ``cars@spark`` runs after the node writing ``cars@pandas``.

    Attributes:
        nodes: Node name -> node, in the pipeline's topological order.
        inputs_of: Node name -> its input dataset names, without repeats.
        parents: Node name -> names of the nodes that produce its inputs.
        outputs: Output dataset name -> name of the node that writes it.
        producer: Dataset name without ``@format`` -> name of the node that writes it.
        consumers: Input dataset name -> how many nodes read it.
        free_inputs: Datasets read but produced by no node, in pipeline order.
        free_outputs: Datasets produced but read by no node, in pipeline order.
        releasable: Datasets to release once their last consumer has finished; filled by
            `prepare_catalog`.
    """

    __slots__ = (
        "consumers",
        "free_inputs",
        "free_outputs",
        "inputs_of",
        "nodes",
        "outputs",
        "parents",
        "producer",
        "releasable",
    )

    def __init__(self, nodes: list[Node]) -> None:
        self.nodes: dict[str, Node] = {node.name: node for node in nodes}
        self.outputs: dict[str, str] = {
            output: name for name, node in self.nodes.items() for output in node.outputs
        }
        self.producer: dict[str, str] = {
            base_name(output): name for output, name in self.outputs.items()
        }
        self.inputs_of: dict[str, tuple[str, ...]] = {}
        self.parents: dict[str, tuple[str, ...]] = {}
        self.consumers: dict[str, int] = {}
        free_inputs: dict[str, None] = {}
        producer = self.producer
        consumers = self.consumers
        for node_name, node in self.nodes.items():
            names = tuple(dict.fromkeys(node.inputs))
            self.inputs_of[node_name] = names
            parents: dict[str, None] = {}
            for name in names:
                consumers[name] = consumers.get(name, 0) + 1
                parent = producer.get(base_name(name))
                if parent is None:
                    free_inputs[name] = None
                else:
                    parents[parent] = None
            self.parents[node_name] = tuple(parents)
        self.free_inputs: list[str] = list(free_inputs)
        read = {base_name(name) for name in consumers}
        self.free_outputs: list[str] = [
            name for name in self.outputs if base_name(name) not in read
        ]
        self.releasable: set[str] = set()

    def producer_of(self, dataset: str) -> str | None:
        """Return the node that writes ``dataset`` (in any format), or None."""
        return self.producer.get(base_name(dataset))

    def datasets(self) -> list[str]:
        """Every dataset the pipeline reads or writes, inputs first."""
        return list(dict.fromkeys([*self.consumers, *self.outputs]))


def base_name(name: str) -> str:
    """Return the dataset name without its format: ``a@pandas`` -> ``a``."""
    return name.partition(_TRANSCODING)[0] if _TRANSCODING in name else name


def build_plan(pipeline: Pipeline) -> RunPlan:
    """Index ``pipeline`` for one run."""
    return RunPlan(list(pipeline.nodes))


def check_inputs(plan: RunPlan, catalog: DataCatalog) -> None:
    """Raise `MissingInputError` unless every free input is in the catalog."""
    missing = [name for name in plan.free_inputs if name not in catalog]
    if not missing:
        return
    first = missing[0]
    needed_by = next(node for node, names in plan.inputs_of.items() if first in names)
    message = (
        f"dataset {first!r} (input of node {needed_by!r}) is not in the catalog"
        f"{did_you_mean(first, catalog.keys())}."
    )
    if len(missing) > 1:
        message += f" Also missing: {quote_list(missing[1:])}."
    if first.startswith("params:") or first == "parameters":
        message += " Define the parameter in conf/base/parameters.yml or pass --params."
    else:
        message += " Add a catalog entry for it, or a node that produces it."
    raise MissingInputError(message, first, needed_by, missing)


def prepare_catalog(plan: RunPlan, catalog: DataCatalog) -> None:
    """Register outputs the catalog lacks as MemoryDatasets and decide what to release.

    A free output of the whole pipeline that the catalog does not define gets one
    warning: it is most often a typo in a node's output name.
    """
    free_outputs = set(plan.free_outputs)
    for name, node_name in plan.outputs.items():
        if name in catalog:
            continue
        catalog[name] = MemoryDataset()
        if name in free_outputs:
            logger.warning(
                "dataset %r (output of node %r) is not in the catalog and no node "
                "reads it: it will be returned, not saved. Check the name for a typo, "
                "or add a catalog entry to save it.",
                name,
                node_name,
            )
    # Intermediate datasets are released after their last reader; free inputs only
    # when persisted (release drops caches; a memory input is the caller's data).
    releasable = {name for name in plan.consumers if plan.producer_of(name)}
    releasable.update(name for name in plan.free_inputs if catalog.is_persistent(name))
    plan.releasable = releasable


def find_resume_nodes(
    plan: RunPlan, catalog: DataCatalog, finished: set[str]
) -> list[str]:
    """Return the fewest node names to pass to ``--from-nodes`` to finish a failed run.

    Every node that did not finish must run again, and so must each producer of one of
    their inputs that the catalog does not persist (its data is gone with this process),
    transitively. The answer is the smallest set of those nodes whose descendants cover
    them all, in pipeline order. Linear in nodes + edges.
    """
    unfinished = [name for name in plan.nodes if name not in finished]
    must_run = set(unfinished)
    queue = deque(unfinished)
    persistent: dict[str, bool] = {}
    while queue:
        for dataset in plan.inputs_of[queue.popleft()]:
            parent = plan.producer_of(dataset)
            if parent is None or parent in must_run:
                continue
            if dataset not in persistent:
                persistent[dataset] = catalog.is_persistent(dataset)
            if not persistent[dataset]:
                must_run.add(parent)
                queue.append(parent)
    starts = [
        name
        for name in plan.nodes
        if name in must_run and not any(p in must_run for p in plan.parents[name])
    ]
    return _drop_descendants(plan, starts)


def _drop_descendants(plan: RunPlan, starts: list[str]) -> list[str]:
    """Keep the starts no other start reaches (``--from-nodes`` runs descendants)."""
    children: dict[str, list[str]] = {}
    for name, parents in plan.parents.items():
        for parent in parents:
            children.setdefault(parent, []).append(name)
    reached: set[str] = set()
    stack = [child for start in starts for child in children.get(start, ())]
    while stack:
        name = stack.pop()
        if name in reached:
            continue
        reached.add(name)
        stack.extend(children.get(name, ()))
    return [name for name in starts if name not in reached]
