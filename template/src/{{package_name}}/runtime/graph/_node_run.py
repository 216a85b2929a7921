"""Checks around one call of a node's function: its inputs in, its outputs out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._suggest import quote_list
from ._errors import NodeRunError
from ._node_checks import NodeIO


def check_run_inputs(
    node_name: str, input_names: list[str], inputs: object
) -> dict[str, Any]:
    """Return ``inputs`` if they are exactly the node's inputs, else raise."""
    if not isinstance(inputs, dict):
        raise NodeRunError(
            f"node {node_name!r} was run with {type(inputs).__name__!r} inputs: "
            "expected a dict of dataset name -> data. Pass a dict.",
            node_name=node_name,
        )
    expected = set(input_names)
    given = set(inputs)
    if given != expected:
        raise NodeRunError(
            f"node {node_name!r} was run with the wrong inputs: expected "
            f"[{quote_list(expected)}], got [{quote_list(map(str, given))}] "
            f"({_difference(expected, given)}). Pass exactly the node's inputs.",
            node_name=node_name,
        )
    return inputs


def name_outputs(node_name: str, spec: NodeIO, result: Any) -> dict[str, Any]:
    """Map a function's return value to the node's output dataset names."""
    if spec is None:
        return {}
    if isinstance(spec, str):
        return {spec: result}
    if isinstance(spec, dict):
        return _dict_outputs(node_name, spec, result)
    return _list_outputs(node_name, spec, result)


def _list_outputs(node_name: str, spec: list[str], result: Any) -> dict[str, Any]:
    count = len(spec)
    listed = ", ".join(map(repr, spec))
    if not isinstance(result, (list, tuple)):
        raise NodeRunError(
            f"node {node_name!r} returned a {type(result).__name__!r}, but it lists "
            f"{count} outputs [{listed}]: expected a list or tuple of {count} values. "
            "Return one value per output.",
            node_name=node_name,
        )
    if len(result) != count:
        raise NodeRunError(
            f"node {node_name!r} returned {len(result)} values, but it lists {count} "
            f"outputs [{listed}]: expected {count}, got {len(result)}. "
            "Return one value per output.",
            node_name=node_name,
        )
    return dict(zip(spec, result, strict=True))


def _dict_outputs(node_name: str, spec: dict[str, str], result: Any) -> dict[str, Any]:
    if not isinstance(result, dict):
        raise NodeRunError(
            f"node {node_name!r} returned a {type(result).__name__!r}, but its "
            f"outputs are a dict: expected a dict with keys [{quote_list(spec)}]. "
            "Return a dict.",
            node_name=node_name,
        )
    if set(result) != set(spec):
        raise NodeRunError(
            f"node {node_name!r} returned keys that do not match its outputs: "
            f"expected [{quote_list(spec)}] ({_difference(set(spec), set(result))}). "
            "Return exactly the keys named in outputs.",
            node_name=node_name,
        )
    return {dataset: result[key] for key, dataset in spec.items()}


def _difference(expected: set[str], given: Iterable[Any]) -> str:
    given = set(given)
    parts = []
    missing = expected - given
    if missing:
        parts.append(f"missing {quote_list(missing)}")
    extra = given - expected
    if extra:
        parts.append(f"unexpected {quote_list(map(str, extra))}")
    return "; ".join(parts)
