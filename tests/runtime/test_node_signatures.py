"""Nodes built from one function again and again are checked as the first one was.

A function's signature is read once and kept (weakly) with the input shapes found to
fit it; these tests pin what a user sees through that cache.
"""

from __future__ import annotations

import functools
import gc
import weakref

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from keelrt import Node
from keelrt.graph import NodeSignatureError


def constant():
    return 0


def identity(x):
    return x


def add(x, y):
    return x + y


def scale(x, y, factor):
    return (x + y) * factor


BY_ARITY = {0: constant, 1: identity, 2: add, 3: scale}


class Slotted:
    """A callable that cannot be weakly referenced (no ``__weakref__`` slot)."""

    __slots__ = ()

    def __call__(self, x):
        return x


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(BY_ARITY)), st.integers(0, 3))))
def test_each_node_is_refused_exactly_when_its_input_count_does_not_fit(calls):
    for arity, count in calls:
        inputs = [f"in{i}" for i in range(count)] or None
        if count == arity:
            assert Node(BY_ARITY[arity], inputs, "out").inputs == (inputs or [])
        else:
            with pytest.raises(NodeSignatureError):
                Node(BY_ARITY[arity], inputs, "out")


def test_dict_inputs_of_each_node_keep_their_own_dataset_names():
    first = Node(add, {"y": "b", "x": "a"}, "out", name="first")
    second = Node(add, {"y": "q", "x": "p"}, "out", name="second")
    assert (first.inputs, second.inputs) == (["a", "b"], ["p", "q"])


def test_a_function_whose_code_is_replaced_is_checked_against_its_new_code():
    def reloaded(a):
        return a

    Node(reloaded, "a", "out")
    reloaded.__code__ = add.__code__  # what IPython's autoreload does
    with pytest.raises(NodeSignatureError, match=r"cannot call reloaded\(x, y\)"):
        Node(reloaded, "a", "out")
    assert Node(reloaded, ["a", "b"], "out").run({"a": 1, "b": 2}) == {"out": 3}


def test_a_function_given_defaults_later_accepts_fewer_inputs():
    def later(a, b):
        return a

    with pytest.raises(NodeSignatureError):
        Node(later, "a", "out")
    later.__defaults__ = (0,)
    assert Node(later, "a", "out").inputs == ["a"]


def test_partials_of_one_function_are_checked_each_on_its_own():
    assert Node(functools.partial(add, y=1), "a", "out").inputs == ["a"]
    with pytest.raises(NodeSignatureError):
        Node(functools.partial(add), "a", "out")


def test_a_callable_without_weak_references_is_checked_every_time():
    assert Node(Slotted(), "a", "out").run({"a": 5}) == {"out": 5}
    with pytest.raises(NodeSignatureError):
        Node(Slotted(), ["a", "b"], "out")


def test_a_node_function_is_not_kept_alive_once_its_nodes_are_gone():
    def short_lived(a):
        return a

    Node(short_lived, "a", "out")
    ref = weakref.ref(short_lived)
    del short_lived
    gc.collect()
    assert ref() is None
