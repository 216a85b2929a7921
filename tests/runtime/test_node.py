"""Nodes: definitions Kedro accepts, checks that name the culprit, and running."""

from __future__ import annotations

import functools
import pickle

import pytest
from keelrt import Node
from keelrt import PipelineError
from keelrt import node
from keelrt.graph import NodeError
from keelrt.graph import NodeRunError
from keelrt.graph import NodeSignatureError


def identity(x):
    return x


def add(x, y):
    return x + y


def split_data(data, ratio):
    cut = int(len(data) * ratio)
    return data[:cut], data[cut:]


def clean(cars, boats):
    return {"cars_df": cars.strip(), "boats_df": boats.strip()}


def constant():
    return 42


def total(*values):
    return sum(values)


def report(**datasets):
    return sorted(datasets)


class Doubler:
    def __call__(self, x):
        return 2 * x


# ---------------------------------------------------------------- definitions


def test_node_function_builds_a_node_like_the_class():
    assert node(add, ["a", "b"], "sum", name="adder") == Node(
        add, ["a", "b"], "sum", name="adder"
    )


def test_string_input_and_output_are_single_datasets():
    n = Node(identity, "raw", "clean")
    assert (n.inputs, n.outputs) == (["raw"], ["clean"])


def test_list_inputs_keep_declaration_order():
    n = Node(add, ["b", "a"], "sum")
    assert n.inputs == ["b", "a"]


def test_dict_inputs_are_listed_in_the_functions_parameter_order():
    n = Node(add, {"y": "second", "x": "first"}, "sum")
    assert n.inputs == ["first", "second"]


def test_dict_outputs_are_listed_in_declaration_order():
    n = Node(clean, ["c", "b"], {"cars_df": "cars", "boats_df": "boats"})
    assert n.outputs == ["cars", "boats"]


def test_no_inputs_is_allowed_when_there_are_outputs():
    assert Node(constant, None, "answer").inputs == []


def test_no_outputs_is_allowed_when_there_are_inputs():
    assert Node(identity, "x", None).outputs == []


def test_params_and_parameters_inputs_are_ordinary_input_names():
    n = Node(add, ["params:model.rate", "parameters"], "out")
    assert n.inputs == ["params:model.rate", "parameters"]


def test_default_name_is_function_name_with_a_stable_hash():
    first = Node(identity, "a", "b")
    again = Node(identity, "a", "b")
    assert first.name.startswith("identity__")
    assert len(first.name) == len("identity__") + 8
    assert first.name == again.name


def test_default_name_differs_when_datasets_differ():
    assert Node(identity, "a", "b").name != Node(identity, "a", "c").name


def test_explicit_name_is_used():
    assert Node(identity, "a", "b", name="clean_step").name == "clean_step"


def test_namespace_prefixes_the_name():
    n = Node(identity, "a", "b", name="step", namespace="outer.inner")
    assert (n.name, n.namespace) == ("outer.inner.step", "outer.inner")


def test_namespace_prefixes_lists_every_enclosing_namespace():
    n = Node(identity, "a", "b", namespace="a.b.c")
    assert n.namespace_prefixes == ["a", "a.b", "a.b.c"]


def test_short_name_is_readable_function_name_without_explicit_name():
    assert Node(split_data, ["d", "r"], ["x", "y"]).short_name == "Split Data"


def test_tags_accept_a_single_string():
    assert Node(identity, "a", "b", tags="prep").tags == {"prep"}


def test_tag_returns_a_copy_with_more_tags():
    original = Node(identity, "a", "b", tags=["one"])
    tagged = original.tag(["two", "three"])
    assert (original.tags, tagged.tags) == ({"one"}, {"one", "two", "three"})


def test_lambda_is_allowed_and_named_lambda():
    n = Node(lambda x: x, "a", "b")
    assert n.name.startswith("<lambda>__")


def test_partial_is_named_after_its_function():
    n = Node(functools.partial(add, y=1), "a", "b")
    assert n.name.startswith("add__")


def test_callable_object_is_named_after_its_class():
    assert Node(Doubler(), "a", "b").name.startswith("Doubler__")


def test_builtin_function_is_accepted_without_a_signature_check():
    assert Node(len, "items", "count").run({"items": [1, 2]}) == {"count": 2}


def test_confirms_are_listed():
    assert Node(identity, "a", "b", confirms="a").confirms == ["a"]


def test_str_shows_function_inputs_and_outputs():
    assert str(Node(add, ["a", "b"], "c", name="adder")) == "adder: add([a;b]) -> [c]"


def test_repr_shows_the_constructor_call():
    assert repr(Node(add, ["a", "b"], "c", name="adder")) == (
        "Node(add, ['a', 'b'], 'c', 'adder')"
    )


def test_nodes_with_same_name_and_datasets_are_equal_and_hash_alike():
    a = Node(identity, "x", "y", name="n", tags=["t"])
    b = Node(identity, "x", "y", name="n")
    assert a == b
    assert hash(a) == hash(b)


def test_nodes_sort_by_name():
    later, earlier = (
        Node(identity, "a", "b", name="z"),
        Node(identity, "c", "d", name="a"),
    )
    assert sorted([later, earlier]) == [earlier, later]


def test_node_pickles_with_its_name_and_datasets():
    n = Node(add, {"x": "a", "y": "b"}, "c", namespace="ns", tags="t")
    copy = pickle.loads(pickle.dumps(n))
    assert (copy.name, copy.inputs, copy.tags, copy.run({"a": 1, "b": 2})) == (
        n.name,
        n.inputs,
        {"t"},
        {"c": 3},
    )


def test_replacing_func_keeps_the_name():
    n = Node(identity, "a", "b")
    name = n.name
    n.func = functools.wraps(identity)(lambda x: [x])
    assert (n.name, n.run({"a": 1})) == (name, {"b": [1]})


# ---------------------------------------------------------- definition errors


def test_wrong_input_count_names_node_and_call_shape():
    with pytest.raises(NodeSignatureError) as info:
        Node(split_data, ["a", "b", "c"], "out", name="split")
    assert str(info.value).startswith(
        "node 'split' cannot call split_data(data, ratio): "
        "it is given 3 inputs ['a', 'b', 'c']"
    )


def test_signature_error_is_also_a_type_error_as_in_kedro():
    with pytest.raises(TypeError):
        Node(add, "a", "out")


def test_dict_input_naming_an_unknown_parameter_is_refused():
    with pytest.raises(NodeSignatureError, match=r"keyword inputs x='a', z='b'"):
        Node(add, {"x": "a", "z": "b"}, "out")


def test_no_inputs_for_a_function_with_parameters_is_refused():
    with pytest.raises(NodeSignatureError, match="it is given no inputs"):
        Node(add, None, "out")


def test_call_shape_shows_defaults_and_varargs():
    def f(a, b=1, *rest, **options):
        return a

    with pytest.raises(
        NodeSignatureError, match=r"f\(a, b=\.\.\., \*rest, \*\*options\)"
    ):
        Node(f, {"zz": "a"}, "out")


def test_varargs_function_takes_any_number_of_inputs():
    assert Node(total, ["a", "b", "c"], "s").run({"a": 1, "b": 2, "c": 3}) == {"s": 6}


def test_varkw_function_takes_dict_inputs():
    assert Node(report, {"one": "a", "two": "b"}, "r").run({"a": 1, "b": 2}) == {
        "r": ["one", "two"]
    }


def test_non_callable_func_is_refused():
    with pytest.raises(NodeError, match="is not callable"):
        Node("identity", "a", "b")  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [42, {"a"}, 3.5])
def test_inputs_of_the_wrong_type_are_refused(bad):
    with pytest.raises(NodeError, match="node 'identity' has inputs of type"):
        Node(identity, bad, "b")


def test_outputs_of_the_wrong_type_are_refused():
    with pytest.raises(NodeError, match="node 'identity' has outputs of type 'int'"):
        Node(identity, "a", 7)  # type: ignore[arg-type]


def test_non_string_dataset_names_are_refused():
    with pytest.raises(NodeError, match="not strings: got 3"):
        Node(add, ["a", 3], "b")  # type: ignore[list-item]


def test_node_without_inputs_and_outputs_is_refused():
    with pytest.raises(NodeError, match="has no inputs and no outputs"):
        Node(constant, None, None)


def test_duplicate_outputs_are_refused_naming_the_dataset():
    with pytest.raises(NodeError, match=r"node 'dup' lists output 'x' more than once"):
        Node(split_data, ["a", "b"], ["x", "x"], name="dup")


def test_input_that_is_also_an_output_is_refused():
    with pytest.raises(NodeError, match=r"node 'loop' reads and writes 'a'"):
        Node(identity, "a", "a", name="loop")


def test_transcoded_input_and_output_of_one_dataset_are_refused():
    with pytest.raises(NodeError, match="reads and writes 'cars'"):
        Node(identity, "cars@spark", "cars@pandas")


def test_invalid_node_name_is_refused():
    with pytest.raises(NodeError, match=r"node name 'bad name!' .* is not valid"):
        Node(identity, "a", "b", name="bad name!")


def test_invalid_tag_is_refused():
    with pytest.raises(NodeError, match="invalid tag 'has space'"):
        Node(identity, "a", "b", tags=["ok", "has space"])


def test_non_string_namespace_is_refused():
    with pytest.raises(NodeError, match="namespace of type 'int'"):
        Node(identity, "a", "b", namespace=3)  # type: ignore[arg-type]


def test_node_errors_are_pipeline_errors_and_value_errors():
    with pytest.raises(PipelineError) as info:
        Node(identity, "a", "a", name="loop")
    assert isinstance(info.value, ValueError)
    assert info.value.node_name == "loop"


# ------------------------------------------------------------------------ run


def test_run_passes_list_inputs_positionally():
    assert Node(split_data, ["d", "r"], ["x", "y"]).run({"d": "abcd", "r": 0.5}) == {
        "x": "ab",
        "y": "cd",
    }


def test_run_passes_dict_inputs_by_keyword():
    assert Node(add, {"y": "b", "x": "a"}, "c").run({"a": "A", "b": "B"}) == {"c": "AB"}


def test_run_without_inputs_calls_the_function_bare():
    assert Node(constant, None, "answer").run() == {"answer": 42}


def test_run_without_outputs_returns_nothing():
    assert Node(identity, "a", None).run({"a": 1}) == {}


def test_run_maps_dict_results_by_key():
    n = Node(clean, ["c", "b"], {"cars_df": "cars", "boats_df": "boats"})
    assert n.run({"c": " car ", "b": " boat "}) == {"cars": "car", "boats": "boat"}


def test_run_accepts_a_tuple_for_list_outputs():
    assert Node(split_data, ["d", "r"], ["x", "y"]).run({"d": [1, 2], "r": 0.5}) == {
        "x": [1],
        "y": [2],
    }


def test_calling_a_node_runs_it_with_keyword_inputs():
    assert Node(add, ["a", "b"], "c")(a=1, b=2) == {"c": 3}


def test_run_with_missing_input_names_node_and_dataset():
    n = Node(add, ["a", "b"], "c", name="adder")
    with pytest.raises(NodeRunError, match=r"node 'adder' .*\(missing 'b'\)"):
        n.run({"a": 1})


def test_run_with_unexpected_input_names_it():
    n = Node(identity, "a", "b", name="copy")
    with pytest.raises(NodeRunError, match=r"missing 'a'; unexpected 'z'"):
        n.run({"z": 1})


def test_run_with_non_dict_inputs_is_refused():
    with pytest.raises(NodeRunError, match="run with 'list' inputs"):
        Node(identity, "a", "b", name="copy").run([1])  # type: ignore[arg-type]


def test_list_outputs_with_non_sequence_result_names_node():
    n = Node(identity, "a", ["x", "y"], name="pair")
    with pytest.raises(
        NodeRunError, match=r"node 'pair' returned a 'int', but it lists 2"
    ):
        n.run({"a": 5})


def test_list_outputs_with_wrong_length_names_node_and_counts():
    n = Node(identity, "a", ["x", "y"], name="pair")
    with pytest.raises(
        NodeRunError, match=r"node 'pair' returned 3 values.*expected 2"
    ):
        n.run({"a": [1, 2, 3]})


def test_dict_outputs_with_non_dict_result_names_node():
    n = Node(identity, "a", {"k": "x"}, name="keyed")
    with pytest.raises(NodeRunError, match=r"node 'keyed' returned a 'list'"):
        n.run({"a": [1]})


def test_dict_outputs_with_wrong_keys_names_missing_and_unexpected():
    n = Node(identity, "a", {"k": "x", "j": "y"}, name="keyed")
    with pytest.raises(NodeRunError, match=r"missing 'j'; unexpected 'q'"):
        n.run({"a": {"k": 1, "q": 2}})


def test_exceptions_from_the_function_propagate_unchanged():
    def boom(x):
        raise KeyError(x)

    with pytest.raises(KeyError, match="a-value"):
        Node(boom, "a", "b").run({"a": "a-value"})


def test_the_declared_input_and_output_forms_are_kept() -> None:
    def split(data: int, ratio: float) -> dict[str, int]:
        return {"train": data, "test": data}

    built = node(
        split,
        {"data": "table", "ratio": "params:ratio"},
        {"train": "train_set", "test": "test_set"},
    )
    assert built.input_spec == {"data": "table", "ratio": "params:ratio"}
    assert built.output_spec == {"train": "train_set", "test": "test_set"}
