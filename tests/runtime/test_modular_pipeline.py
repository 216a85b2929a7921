"""Modular pipelines: ``pipeline(...)`` namespaces, remapping and its errors."""

from __future__ import annotations

import pytest
from keelrt import Pipeline
from keelrt import PipelineError
from keelrt import node
from keelrt import pipeline
from keelrt.graph import ModularPipelineError


def identity(x):
    return x


def train(data, rate):
    return [d * rate for d in data]


def evaluate(model, data):
    return len(model) + len(data)


@pytest.fixture
def base() -> Pipeline:
    """raw -> features -> model -> score, with two parameters."""
    return Pipeline(
        [
            node(identity, "raw", "features", name="featurize"),
            node(
                train, {"data": "features", "rate": "params:rate"}, "model", name="fit"
            ),
            node(evaluate, ["model", "parameters"], "score", name="score"),
        ]
    )


def datasets_of(pipe: Pipeline) -> dict[str, tuple[list[str], list[str]]]:
    return {n.name: (n.inputs, n.outputs) for n in pipe.nodes}


def test_namespace_prefixes_node_names_datasets_and_parameters(base):
    assert datasets_of(pipeline(base, namespace="ab")) == {
        "ab.featurize": (["ab.raw"], ["ab.features"]),
        "ab.fit": (["ab.features", "params:ab.rate"], ["ab.model"]),
        "ab.score": (["ab.model", "parameters"], ["ab.score"]),
    }


def test_namespace_sets_each_nodes_namespace(base):
    assert {n.namespace for n in pipeline(base, namespace="ab").nodes} == {"ab"}


def test_inputs_given_as_a_set_keep_their_names(base):
    result = pipeline(base, namespace="ab", inputs={"raw"})
    assert result.inputs() == {"raw", "params:ab.rate", "parameters"}


def test_inputs_given_as_a_dict_are_renamed(base):
    result = pipeline(base, inputs={"raw": "shared_raw"})
    assert result.nodes[0].inputs == ["shared_raw"]


def test_outputs_given_as_a_string_keep_their_name(base):
    assert pipeline(base, namespace="ab", outputs="score").outputs() == {"score"}


def test_intermediate_output_can_be_exposed_under_a_new_name(base):
    result = pipeline(base, namespace="ab", outputs={"model": "champion"})
    assert datasets_of(result)["ab.fit"][1] == ["champion"]
    assert datasets_of(result)["ab.score"][0] == ["champion", "parameters"]


def test_parameters_can_be_named_without_the_params_prefix(base):
    result = pipeline(base, namespace="ab", parameters={"rate"})
    assert "params:rate" in result.inputs()


def test_parameters_can_be_renamed_with_or_without_prefix(base):
    short = pipeline(base, namespace="ab", parameters={"rate": "lr"})
    long = pipeline(base, namespace="ab", parameters={"params:rate": "params:lr"})
    assert "params:lr" in short.inputs()
    assert "params:lr" in long.inputs()


def test_all_parameters_input_is_never_prefixed(base):
    assert "parameters" in pipeline(base, namespace="ab").inputs()


def test_renamed_dict_inputs_still_bind_to_the_right_arguments(base):
    fit = pipeline(base, namespace="ab").only_nodes("ab.fit").nodes[0]
    assert fit.run({"ab.features": [1, 2], "params:ab.rate": 10}) == {
        "ab.model": [10, 20]
    }


def test_nested_namespaces_stack_outermost_first(base):
    inner = pipeline(base, namespace="inner", inputs={"raw"})
    outer = pipeline(inner, namespace="outer")
    fit = outer.only_nodes("outer.inner.fit").nodes[0]
    assert (fit.namespace, fit.inputs) == (
        "outer.inner",
        ["outer.inner.features", "params:outer.inner.rate"],
    )
    assert "outer.raw" in outer.inputs()


def test_namespace_selection_finds_nested_copies(base):
    outer = pipeline(pipeline(base, namespace="inner"), namespace="outer")
    assert len(outer.only_nodes_with_namespaces("outer").nodes) == 3


def test_two_namespaced_copies_of_one_pipeline_combine(base):
    both = pipeline(base, namespace="a", inputs={"raw"}) + pipeline(
        base, namespace="b", inputs={"raw"}
    )
    assert both.inputs() == {"raw", "params:a.rate", "params:b.rate", "parameters"}
    assert len(both.nodes) == 6


def test_prefix_datasets_false_only_groups_nodes(base):
    result = pipeline(base, namespace="grp", prefix_datasets_with_namespace=False)
    assert datasets_of(result)["grp.fit"] == (["features", "params:rate"], ["model"])


def test_transcoded_names_follow_their_mapped_base():
    pipe = Pipeline(
        [
            node(identity, "cars@pandas", "a", name="one"),
            node(identity, "cars@spark", "b", name="two"),
        ]
    )
    result = pipeline(pipe, namespace="ns", inputs={"cars": "vehicles"})
    assert sorted(i for n in result.nodes for i in n.inputs) == [
        "vehicles@pandas",
        "vehicles@spark",
    ]


def test_default_node_names_follow_the_renamed_datasets(base):
    plain = Pipeline([node(identity, "a", "b")])
    renamed = pipeline(plain, inputs={"a": "z"})
    assert renamed.nodes[0].name != plain.nodes[0].name
    assert renamed.nodes[0].name.startswith("identity__")


def test_tags_are_added_to_every_node(base):
    assert all("v1" in n.tags for n in pipeline(base, tags="v1").nodes)


def test_original_pipeline_is_unchanged(base):
    before = datasets_of(base)
    pipeline(base, namespace="ab", inputs={"raw": "x"})
    assert datasets_of(base) == before


def test_without_mapping_pipeline_returns_an_equal_pipeline(base):
    assert pipeline(base).nodes == base.nodes


def test_pipeline_accepts_a_list_of_nodes(base):
    assert (
        pipeline(base.nodes, namespace="ab").nodes
        == pipeline(base, namespace="ab").nodes
    )


def test_pipeline_accepts_nodes_keyword_as_in_kedro_1(base):
    assert (
        pipeline(nodes=base, namespace="x").nodes == pipeline(base, namespace="x").nodes
    )


def test_pipeline_class_takes_the_same_mapping_arguments(base):
    assert Pipeline(base, namespace="ab", inputs={"raw"}).nodes == (
        pipeline(base, namespace="ab", inputs={"raw"}).nodes
    )


def test_pipeline_refuses_nodes_given_twice_or_not_at_all(base):
    with pytest.raises(PipelineError, match="given twice"):
        pipeline(base, nodes=base)
    with pytest.raises(PipelineError, match="given nowhere"):
        pipeline()


# ---------------------------------------------------------------------- errors


def test_mapping_an_intermediate_dataset_as_input_suggests_outputs(base):
    with pytest.raises(ModularPipelineError) as info:
        pipeline(base, inputs={"features": "x"})
    assert "pipeline input 'features' is not a free input" in str(info.value)
    assert "Map it with outputs= instead" in str(info.value)
    assert info.value.names == ["features"]


def test_mapping_an_unknown_input_suggests_a_close_one(base):
    with pytest.raises(
        ModularPipelineError,
        match=r"dataset 'rwa' is not a free input \(did you mean 'raw'",
    ):
        pipeline(base, inputs={"rwa": "x"})


def test_mapping_a_parameter_as_input_points_to_parameters(base):
    with pytest.raises(ModularPipelineError, match="Use parameters= instead"):
        pipeline(base, inputs={"params:rate"})


def test_mapping_a_free_input_as_output_points_to_inputs(base):
    with pytest.raises(ModularPipelineError, match="Map it with inputs= instead"):
        pipeline(base, outputs={"raw": "x"})


def test_mapping_an_unknown_output_suggests_a_close_one(base):
    with pytest.raises(ModularPipelineError, match=r"dataset 'scroe' .*'score'"):
        pipeline(base, outputs={"scroe": "x"})


def test_mapping_an_unknown_parameter_suggests_a_close_one(base):
    with pytest.raises(
        ModularPipelineError,
        match=r"parameter 'params:rat' is not read .*'params:rate'",
    ):
        pipeline(base, parameters={"rat": "x"})


def test_mapping_of_the_wrong_type_is_refused(base):
    with pytest.raises(ModularPipelineError, match="inputs of type 'int'"):
        pipeline(base, inputs=3)  # type: ignore[arg-type]


def test_mapping_to_a_non_string_is_refused(base):
    with pytest.raises(ModularPipelineError, match="holds 5"):
        pipeline(base, inputs={"raw": 5})  # type: ignore[dict-item]


def test_non_string_namespace_is_refused(base):
    with pytest.raises(ModularPipelineError, match="namespace 7 is not a string"):
        pipeline(base, namespace=7)  # type: ignore[arg-type]


def test_renaming_two_outputs_to_one_name_is_refused():
    pipe = Pipeline([node(train, ["a", "b"], ["x", "y"], name="pair")])
    with pytest.raises(
        PipelineError, match="node 'pair' lists output 'z' more than once"
    ):
        pipeline(pipe, outputs={"x": "z", "y": "z"})


def test_modular_errors_are_value_errors_as_in_kedro(base):
    with pytest.raises(ValueError, match="rwa"):
        pipeline(base, inputs={"rwa": "x"})


def split_data(data, options):
    return data, data, data, data


def train_model(x_train, y_train):
    return (x_train, y_train)


def evaluate_model(regressor, x_test, y_test):
    return None


def test_spaceflights_style_reuse_of_one_pipeline_in_two_namespaces():
    base = pipeline(
        [
            node(
                func=split_data,
                inputs=["model_input_table", "params:model_options"],
                outputs=["X_train", "X_test", "y_train", "y_test"],
                name="split_data_node",
            ),
            node(train_model, ["X_train", "y_train"], "regressor", name="train"),
            node(evaluate_model, ["regressor", "X_test", "y_test"], None, name="eval"),
        ]
    )
    active = pipeline(pipe=base, inputs="model_input_table", namespace="active")
    candidate = Pipeline(base, inputs="model_input_table", namespace="candidate")
    both = active + candidate
    assert both.inputs() == {
        "model_input_table",
        "params:active.model_options",
        "params:candidate.model_options",
    }
    assert [n.name for n in both.grouped_nodes[0]] == [
        "active.split_data_node",
        "candidate.split_data_node",
    ]
