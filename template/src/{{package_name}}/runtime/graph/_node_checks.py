"""Checks a node definition must pass; each raises a NodeError naming the node."""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from collections.abc import Callable
from collections.abc import Iterable
from typing import Any
from typing import TypeAlias

from .._suggest import quote_list
from ._errors import NodeError
from ._naming import strip_transcoding

NodeIO: TypeAlias = "str | list[str] | dict[str, str] | None"
"""How a node names its inputs or outputs: none, one, a list, or a dict."""

_NAME_PATTERN = re.compile(r"[\w.-]+")  # Kedro's rule for node names and tags


def readable_func_name(func: Callable[..., Any]) -> str:
    """Return the name to show for ``func`` (a partial shows its wrapped function)."""
    name = getattr(func, "__name__", None)
    if isinstance(name, str):
        return name
    if isinstance(func, functools.partial):
        return readable_func_name(func.func)
    return type(func).__name__


def check_callable(func: object) -> None:
    """Refuse a ``func`` that cannot be called."""
    if not callable(func):
        kind = type(func).__name__
        raise NodeError(
            f"node function {func!r} is not callable: expected a function, "
            f"got {kind!r}. Pass the function itself as the first argument of node().",
            node_name=kind,
        )


def check_io(role: str, value: object, func_name: str) -> NodeIO:
    """Check that inputs/outputs are None, a str, a list of str or a dict of str."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        items: Iterable[object] = value
        checked: NodeIO = list(value)
    elif isinstance(value, dict):
        items = [*value.keys(), *value.values()]
        checked = dict(value)
    else:
        raise NodeError(
            f"node {func_name!r} has {role} of type {type(value).__name__!r}: "
            f"expected None, a str, a list of str or a dict of str. "
            f"Name the {role} with dataset names.",
            node_name=func_name,
        )
    bad = [item for item in items if not isinstance(item, str)]
    if bad:
        raise NodeError(
            f"node {func_name!r} has {role} that are not strings: "
            f"got {bad[0]!r} ({type(bad[0]).__name__}). Use dataset names (str).",
            node_name=func_name,
        )
    return checked


def check_has_io(inputs: NodeIO, outputs: NodeIO, func_name: str) -> None:
    """Refuse a node with neither inputs nor outputs."""
    if not inputs and not outputs:
        raise NodeError(
            f"node {func_name!r} has no inputs and no outputs. "
            "Give it at least one input or one output.",
            node_name=func_name,
        )


def check_name(name: object, func_name: str) -> None:
    """Refuse an explicit node name Kedro would refuse."""
    if name is None:
        return
    if not isinstance(name, str) or not _NAME_PATTERN.fullmatch(name):
        raise NodeError(
            f"node name {name!r} (function {func_name!r}) is not valid: expected "
            "letters, digits, hyphens, underscores and full stops only. "
            "Rename the node.",
            node_name=str(name),
        )


def check_namespace(namespace: object, node_name: str) -> None:
    """Refuse a namespace that is not a string."""
    if namespace is not None and not isinstance(namespace, str):
        raise NodeError(
            f"node {node_name!r} has a namespace of type {type(namespace).__name__!r}: "
            "expected a str or None. Pass the namespace as a dotted string.",
            node_name=node_name,
        )


def check_tags(tags: object, node_name: str) -> frozenset[str]:
    """Return the tags as a frozenset, refusing tags Kedro would refuse."""
    if tags is None:
        return frozenset()
    items = [tags] if isinstance(tags, str) else list(tags)  # type: ignore[call-overload]
    for tag in items:
        if not isinstance(tag, str) or not _NAME_PATTERN.fullmatch(tag):
            raise NodeError(
                f"node {node_name!r} has an invalid tag {tag!r}: expected letters, "
                "digits, hyphens, underscores and full stops only. Rename the tag.",
                node_name=node_name,
            )
    return frozenset(items)


def default_name(func_name: str, inputs: NodeIO, outputs: NodeIO) -> str:
    """Build Kedro 1.x's default node name: ``<function>__<8 hex digits>``.

    The digits hash the function name, inputs and outputs, so they are stable
    across processes and runs.
    """
    text = repr((func_name, _canonical(inputs), _canonical(outputs)))
    return f"{func_name}__{hashlib.sha256(text.encode()).hexdigest()[:8]}"


def hashable_io(value: NodeIO) -> object:
    """Return an inputs/outputs spec as a hashable value (dict order ignored)."""
    return _canonical(value)


def _canonical(value: NodeIO) -> object:
    if isinstance(value, dict):
        return tuple(sorted(value.items()))
    if isinstance(value, list):
        return tuple(value)
    return value


def check_outputs_unique(outputs: list[str], node_name: str) -> None:
    """Refuse a node that lists one output twice."""
    if len(set(outputs)) == len(outputs):  # the usual case, without counting
        return
    counts = Counter(outputs)
    repeated = [name for name, count in counts.items() if count > 1]
    if repeated:
        raise NodeError(
            f"node {node_name!r} lists output {quote_list(repeated)} more than once. "
            "Give each output its own dataset name.",
            node_name=node_name,
        )


def check_inputs_not_outputs(
    inputs: list[str], outputs: list[str], node_name: str
) -> None:
    """Refuse a node that reads a dataset it writes (transcoded names count as one)."""
    if not inputs or not outputs:
        return
    written = set(map(strip_transcoding, outputs))
    common = written.intersection(map(strip_transcoding, inputs))
    if common:
        raise NodeError(
            f"node {node_name!r} reads and writes {quote_list(common)}: a node cannot "
            "have the same dataset as input and output. Rename the output.",
            node_name=node_name,
        )
