"""Slicing pipelines: by node names, tags, namespaces, datasets, and ``filter``."""

from __future__ import annotations

import pytest
from keelrt import Pipeline
from keelrt import node
from keelrt.graph import EmptyPipelineError
from keelrt.graph import UnknownNameError


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


def test_only_nodes_keeps_the_named_nodes(chain):
    assert names(chain.only_nodes("train", "prep")) == ["prep", "train"]


def test_only_nodes_with_unknown_name_suggests_a_close_one(chain):
    with pytest.raises(UnknownNameError) as info:
        chain.only_nodes("trian")
    assert str(info.value).startswith(
        "node 'trian' is not in the pipeline (did you mean 'train'?)."
    )
    assert (info.value.kind, info.value.names) == ("node", ["trian"])


def test_only_nodes_suggests_the_namespaced_name():
    pipe = Pipeline([node(identity, "a", "b", name="fit", namespace="ds")])
    with pytest.raises(UnknownNameError, match=r"did you mean 'ds\.fit'"):
        pipe.only_nodes("fit")


def test_several_unknown_names_are_all_listed(chain):
    with pytest.raises(UnknownNameError, match=r"nodes 'nope', 'trian' .* are not in"):
        chain.only_nodes("nope", "trian")


def test_only_nodes_with_tags_keeps_nodes_with_any_tag(chain):
    assert names(chain.only_nodes_with_tags("ml", "docs")) == ["summarize", "train"]


def test_only_nodes_with_unknown_tag_suggests_a_close_one(chain):
    with pytest.raises(UnknownNameError, match=r"tag 'mll' is not .*did you mean 'ml'"):
        chain.only_nodes_with_tags("mll")


def test_unknown_tag_beside_known_ones_is_warned_about_and_ignored(chain, caplog):
    result = chain.only_nodes_with_tags("ml", "etll")
    assert names(result) == ["train"]
    assert "tag 'etll' is not on any node (did you mean 'etl'?)" in caplog.text


def test_from_nodes_keeps_the_nodes_and_everything_downstream(chain):
    assert names(chain.from_nodes("featurize")) == ["featurize", "train"]


def test_to_nodes_keeps_the_nodes_and_everything_upstream(chain):
    assert names(chain.to_nodes("featurize")) == ["prep", "featurize"]


def test_from_nodes_with_unknown_name_is_refused(chain):
    with pytest.raises(UnknownNameError, match="'prepp'"):
        chain.from_nodes("prepp")


def test_from_inputs_keeps_every_node_that_depends_on_the_inputs(chain):
    assert names(chain.from_inputs("params:k")) == ["featurize", "train"]


def test_to_outputs_keeps_every_node_needed_for_the_outputs(chain):
    assert names(chain.to_outputs("report")) == ["prep", "summarize"]


def test_to_outputs_of_a_free_input_is_empty(chain):
    assert chain.to_outputs("raw").nodes == []


def test_from_inputs_with_unknown_dataset_suggests_a_close_one(chain):
    with pytest.raises(
        UnknownNameError, match=r"dataset 'claen' .*did you mean 'clean'"
    ):
        chain.from_inputs("claen")


def test_only_nodes_with_inputs_and_outputs_select_direct_neighbours(chain):
    assert names(chain.only_nodes_with_inputs("clean")) == ["featurize", "summarize"]
    assert names(chain.only_nodes_with_outputs("clean")) == ["prep"]


def test_plain_name_selects_every_transcoded_form():
    pipe = Pipeline(
        [
            node(identity, "raw", "cars@spark", name="make"),
            node(identity, "cars@pandas", "p", name="use_pandas"),
            node(identity, "cars@spark", "s", name="use_spark"),
        ]
    )
    assert names(pipe.only_nodes_with_inputs("cars")) == ["use_pandas", "use_spark"]
    assert names(pipe.from_inputs("cars@spark")) == ["use_spark"]
    assert names(pipe.to_outputs("cars@pandas")) == []
    assert names(pipe.to_outputs("cars")) == ["make"]


@pytest.fixture
def spaced() -> Pipeline:
    return Pipeline(
        [
            node(identity, "a", "b", name="x", namespace="data"),
            node(identity, "b", "c", name="y", namespace="data.clean"),
            node(identity, "c", "d", name="z", namespace="data_processing"),
            node(identity, "d", "e", name="plain"),
        ]
    )


def test_namespace_selection_includes_nested_namespaces(spaced):
    assert names(spaced.only_nodes_with_namespaces("data")) == [
        "data.x",
        "data.clean.y",
    ]


def test_namespace_selection_does_not_match_partial_names(spaced):
    assert names(spaced.only_nodes_with_namespaces("data_processing")) == [
        "data_processing.z"
    ]


def test_namespace_selection_accepts_a_list_as_in_kedro_1(spaced):
    assert names(
        spaced.only_nodes_with_namespaces(["data.clean", "data_processing"])
    ) == [
        "data.clean.y",
        "data_processing.z",
    ]


def test_unknown_namespace_suggests_a_close_one(spaced):
    with pytest.raises(
        UnknownNameError, match=r"namespace 'dta' .*did you mean 'data'"
    ):
        spaced.only_nodes_with_namespaces(["dta"])


def test_filter_intersects_conditions_applied_to_the_whole_pipeline(chain):
    result = chain.filter(node_names=["prep", "train"], from_inputs=["raw"])
    assert names(result) == ["prep", "train"]


def test_filter_combines_tags_and_to_nodes(chain):
    assert names(chain.filter(tags=["etl"], to_nodes=["train"])) == ["prep"]


def test_filter_by_namespace(spaced):
    assert names(spaced.filter(node_namespaces=["data"], to_outputs=["c"])) == [
        "data.x",
        "data.clean.y",
    ]


def test_filter_leaving_no_nodes_names_the_conditions(chain):
    with pytest.raises(
        EmptyPipelineError, match="filter on tags and from_nodes leaves"
    ):
        chain.filter(tags=["ml"], from_nodes=["summarize"])


def test_filter_without_conditions_keeps_everything(chain):
    assert names(chain.filter()) == names(chain)


def test_slicing_errors_are_value_errors_as_in_kedro(chain):
    with pytest.raises(ValueError, match="nope"):
        chain.to_nodes("nope")
