"""Pipelines: ordering, datasets, operators, description, errors naming culprits."""

from __future__ import annotations

import json
import pickle
import random
from graphlib import TopologicalSorter

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from keelrt import Node
from keelrt import Pipeline
from keelrt import PipelineError
from keelrt import node
from keelrt.graph import CircularDependencyError
from keelrt.graph import ConfirmNotUniqueError
from keelrt.graph import DuplicateNodeError
from keelrt.graph import OutputNotUniqueError


def identity(x):
    return x


def combine(*values):
    return values


def names(pipe: Pipeline) -> list[str]:
    return [n.name for n in pipe.nodes]


@pytest.fixture
def chain() -> Pipeline:
    """raw -> clean -> features -> model, plus a report from clean."""
    return Pipeline(
        [
            node(identity, "features", "model", name="train", tags=["ml"]),
            node(identity, "raw", "clean", name="prep", tags=["etl"]),
            node(combine, ["clean", "params:k"], "features", name="featurize"),
            node(identity, "clean", "report", name="summarize", tags=["etl", "docs"]),
        ]
    )


# ------------------------------------------------------------------- ordering


def test_nodes_come_in_dependency_order_whatever_order_they_are_given(chain):
    assert names(chain) == ["prep", "featurize", "summarize", "train"]


def test_independent_nodes_are_ordered_by_name():
    pipe = Pipeline([node(identity, c, c.upper(), name=c) for c in "dcab"])
    assert names(pipe) == ["a", "b", "c", "d"]


def test_grouped_nodes_put_each_node_after_all_its_parents(chain):
    groups = [[n.name for n in g] for g in chain.grouped_nodes]
    assert groups == [["prep"], ["featurize", "summarize"], ["train"]]


def test_node_dependencies_map_each_node_to_its_producers(chain):
    deps = {n.name: {p.name for p in ps} for n, ps in chain.node_dependencies.items()}
    assert deps == {
        "prep": set(),
        "featurize": {"prep"},
        "summarize": {"prep"},
        "train": {"featurize"},
    }


def test_transcoded_names_link_producer_and_consumer():
    pipe = Pipeline(
        [
            node(identity, "cars@pandas", "out", name="use"),
            node(identity, "raw", "cars@spark", name="make"),
        ]
    )
    assert names(pipe) == ["make", "use"]


def _random_dag(seed: int, size: int) -> list[Node]:
    rng = random.Random(seed)
    nodes = []
    for i in range(size):
        reads = [f"d{j}" for j in range(i) if rng.random() < 0.3] or [f"free{i}"]
        nodes.append(Node(combine, reads, f"d{i}", name=f"n{rng.random():.6f}_{i}"))
    return nodes


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), size=st.integers(1, 40), shuffle=st.randoms())
def test_toposort_puts_producers_first_and_ignores_input_order(seed, size, shuffle):
    nodes = _random_dag(seed, size)
    shuffled = list(nodes)
    shuffle.shuffle(shuffled)
    order = Pipeline(nodes).nodes
    position = {n.name: i for i, n in enumerate(order)}
    producer = {n.outputs[0]: n.name for n in nodes}
    for n in order:
        for dataset in n.inputs:
            if dataset in producer:
                assert position[producer[dataset]] < position[n.name]
    assert Pipeline(shuffled).nodes == order


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), size=st.integers(1, 40))
def test_grouped_nodes_are_the_ready_groups_graphlib_gives(seed, size):
    nodes = _random_dag(seed, size)
    producer = {n.outputs[0]: n.name for n in nodes}
    sorter = TopologicalSorter(
        {n.name: {producer[d] for d in n.inputs if d in producer} for n in nodes}
    )
    sorter.prepare()
    expected = []
    while sorter.is_active():
        expected.append(sorted(sorter.get_ready()))
        sorter.done(*expected[-1])
    assert [[n.name for n in g] for g in Pipeline(nodes).grouped_nodes] == expected


# ------------------------------------------------------------------- datasets


def test_inputs_are_free_inputs_including_parameters(chain):
    assert chain.inputs() == {"raw", "params:k"}


def test_outputs_are_datasets_no_node_reads(chain):
    assert chain.outputs() == {"model", "report"}


def test_all_inputs_and_all_outputs_include_intermediates(chain):
    assert chain.all_inputs() == {"raw", "clean", "params:k", "features"}
    assert chain.all_outputs() == {"clean", "features", "model", "report"}


def test_datasets_are_all_inputs_and_outputs(chain):
    assert chain.datasets() == {
        "raw",
        "clean",
        "params:k",
        "features",
        "model",
        "report",
    }


def test_transcoded_intermediate_is_neither_free_input_nor_output():
    pipe = Pipeline(
        [
            node(identity, "raw", "cars@spark", name="make"),
            node(identity, "cars@pandas", "out", name="use"),
        ]
    )
    assert (pipe.inputs(), pipe.outputs()) == ({"raw"}, {"out"})


def test_returned_sets_are_copies(chain):
    chain.inputs().add("junk")
    assert "junk" not in chain.inputs()


# ---------------------------------------------------------------- construction


def test_nested_pipelines_are_flattened():
    inner = Pipeline([node(identity, "a", "b", name="one")])
    outer = Pipeline([inner, node(identity, "b", "c", name="two")])
    assert names(outer) == ["one", "two"]


def test_a_pipeline_can_be_built_from_a_pipeline(chain):
    assert Pipeline(chain).nodes == chain.nodes


def test_empty_pipeline_is_allowed():
    assert Pipeline([]).nodes == []


def test_tags_argument_tags_every_node(chain):
    assert all("v2" in n.tags for n in Pipeline(chain, tags="v2").nodes)


def test_tag_returns_a_tagged_copy(chain):
    tagged = chain.tag(["nightly"])
    assert all("nightly" in n.tags for n in tagged.nodes)
    assert not any("nightly" in n.tags for n in chain.nodes)


def test_none_nodes_are_refused():
    with pytest.raises(PipelineError, match="pipeline nodes are None"):
        Pipeline(None)  # type: ignore[arg-type]


def test_a_bare_node_is_refused_with_a_hint_to_wrap_it():
    with pytest.raises(PipelineError, match="Wrap them in a list"):
        Pipeline(node(identity, "a", "b"))  # type: ignore[arg-type]


def test_non_node_items_are_refused_naming_the_item():
    with pytest.raises(PipelineError, match=r"pipeline item 'oops' is not a node"):
        Pipeline([node(identity, "a", "b"), "oops"])  # type: ignore[list-item]


def test_cycle_error_prints_the_path_with_datasets():
    with pytest.raises(CircularDependencyError) as info:
        Pipeline(
            [
                node(identity, "y", "z", name="b"),
                node(identity, "x", "y", name="a"),
                node(identity, "z", "x", name="c"),
                node(identity, "x", "free_out", name="bystander"),
            ]
        )
    message = str(info.value)
    assert "a -> b -> c -> a" in message
    assert "a writes 'y' read by b, b writes 'z' read by c, c writes 'x' read by a" in (
        message
    )
    assert (info.value.cycle, info.value.datasets) == (
        ["a", "b", "c", "a"],
        ["y", "z", "x"],
    )


def test_cycle_below_nodes_that_can_run_is_still_named():
    with pytest.raises(CircularDependencyError) as info:
        Pipeline(
            [
                node(identity, "raw", "clean", name="first"),
                node(combine, ["clean", "loop_b"], "loop_a", name="a"),
                node(identity, "loop_a", "loop_b", name="b"),
                node(identity, "loop_b", "report", name="after"),
            ]
        )
    assert info.value.cycle == ["a", "b", "a"]


def test_two_producers_of_one_output_are_named():
    with pytest.raises(OutputNotUniqueError) as info:
        Pipeline(
            [
                node(identity, "a", "shared", name="first"),
                node(identity, "b", "shared", name="second"),
            ]
        )
    assert "dataset 'shared' is produced by more than one node: 'first', 'second'" in (
        str(info.value)
    )
    assert info.value.node_names == ["first", "second"]


def test_transcoded_outputs_of_one_dataset_count_as_two_producers():
    with pytest.raises(OutputNotUniqueError, match="dataset 'cars'"):
        Pipeline(
            [
                node(identity, "a", "cars@spark", name="one"),
                node(identity, "b", "cars@pandas", name="two"),
            ]
        )


def test_duplicate_node_names_are_named():
    with pytest.raises(DuplicateNodeError, match=r"node 'same' appears more than once"):
        Pipeline(
            [
                node(identity, "a", "b", name="same"),
                node(identity, "c", "d", name="same"),
            ]
        )


def test_confirming_one_dataset_twice_is_refused():
    with pytest.raises(ConfirmNotUniqueError, match="dataset 'a' is confirmed by"):
        Pipeline(
            [
                node(identity, "a", "b", name="x", confirms="a"),
                node(identity, "a", "c", name="y", confirms="a"),
            ]
        )


def test_pipeline_pickles(chain):
    copy = pickle.loads(pickle.dumps(chain))
    assert (names(copy), copy.inputs()) == (names(chain), chain.inputs())


# ------------------------------------------------------------------ operators


def test_adding_pipelines_merges_and_drops_equal_nodes(chain):
    extra = Pipeline([node(identity, "model", "score", name="evaluate")])
    assert names(chain + extra + extra) == [*names(chain), "evaluate"]


def test_sum_of_pipelines_works_from_zero(chain):
    parts = [chain.only_nodes("prep"), chain.only_nodes("train")]
    assert names(sum(parts)) == ["prep", "train"]


def test_adding_different_nodes_with_one_name_is_refused(chain):
    other = Pipeline([node(identity, "q", "r", name="prep")])
    with pytest.raises(DuplicateNodeError, match="'prep'"):
        chain + other


def test_subtracting_removes_nodes(chain):
    assert names(chain - chain.only_nodes("train", "summarize")) == [
        "prep",
        "featurize",
    ]


def test_and_keeps_common_nodes(chain):
    assert names(chain & chain.only_nodes("train", "prep")) == ["prep", "train"]


def test_or_unions_nodes(chain):
    assert names(chain.only_nodes("prep") | chain.only_nodes("train")) == [
        "prep",
        "train",
    ]


def test_operators_refuse_other_types(chain):
    with pytest.raises(TypeError):
        chain + 1


# ---------------------------------------------------------------- description


def test_describe_lists_inputs_order_and_outputs(chain):
    assert chain.describe() == (
        "#### Pipeline execution order ####\n"
        "Inputs: params:k, raw\n\n"
        "prep\nfeaturize\nsummarize\ntrain\n\n"
        "Outputs: model, report\n"
        "##################################"
    )


def test_describe_can_show_full_node_strings(chain):
    assert "prep: identity([raw]) -> [clean]" in chain.describe(names_only=False)


def test_to_json_lists_nodes_in_run_order(chain):
    data = json.loads(chain.to_json())
    assert [n["name"] for n in data["pipeline"]] == names(chain)
    assert data["pipeline"][3] == {
        "name": "train",
        "namespace": None,
        "inputs": ["features"],
        "outputs": ["model"],
        "tags": ["ml"],
    }


def test_repr_shows_at_most_ten_nodes():
    pipe = Pipeline(
        [node(identity, f"i{k}", f"o{k}", name=f"n{k:02}") for k in range(12)]
    )
    assert repr(pipe).count("Node(") == 10
    assert "... and 2 more" in repr(pipe)
