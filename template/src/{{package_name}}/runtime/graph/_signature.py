"""What a node's function can take, read once per function and input shape.

``inspect.signature`` and ``Signature.bind`` cost a few microseconds each, which
dominated building large pipelines. Whether a call binds depends only on the
function and the *shape* of the inputs (how many positional inputs, or which
keyword names), not on the dataset names, so the outcome is kept per function in a
weak cache: Python functions and ``functools.partial`` objects are cached (and
dropped with them); other callables are read afresh every time. A cached function
whose code or defaults are replaced later (as IPython's autoreload does) is read again.
"""

from __future__ import annotations

import functools
import inspect
import operator
import types
import weakref
from collections.abc import Callable
from typing import Any
from typing import TypeAlias

from ._errors import NodeSignatureError
from ._node_checks import NodeIO

__all__ = ["input_order", "signature_of"]

_Shape: TypeAlias = "int | tuple[str, ...]"  # positional count, or keyword names


class _Facts:
    """A function's signature (None when unknown) and the input shapes that fit it."""

    __slots__ = ("orders", "signature", "stamp")

    def __init__(
        self, signature: inspect.Signature | None, stamp: tuple[object, ...]
    ) -> None:
        self.signature = signature
        self.stamp = stamp
        # shape -> keyword names in call order (empty for positional shapes)
        self.orders: dict[_Shape, tuple[str, ...]] = {}


_FACTS: weakref.WeakKeyDictionary[Callable[..., Any], _Facts] = (
    weakref.WeakKeyDictionary()
)


def input_order(
    func: Callable[..., Any], inputs: NodeIO, node_name: str, func_name: str
) -> list[str]:
    """Return the input dataset names in the order ``func`` receives them.

    Args:
        func: The node's function.
        inputs: The checked inputs: None, a str, a list of str or a dict of str.
        node_name: The node's full name, for the error message.
        func_name: The function's readable name, for the error message.

    Returns:
        Dataset names: as declared for positional inputs, in parameter order for
        keyword (dict) inputs.

    Raises:
        NodeSignatureError: When ``func`` cannot take the inputs.
    """
    if isinstance(inputs, dict):
        shape: _Shape = tuple(inputs)
    elif inputs is None:
        shape = 0
    else:
        shape = 1 if isinstance(inputs, str) else len(inputs)
    facts = _facts_of(func)
    order = facts.orders.get(shape)
    if order is None:
        if facts.signature is None:  # Python cannot tell: accept the inputs as given
            order = shape if isinstance(shape, tuple) else ()
        else:
            order = _bind(facts.signature, shape, inputs, node_name, func_name)
        facts.orders[shape] = order
    if isinstance(inputs, dict):
        return [inputs[key] for key in order]
    if inputs is None:
        return []
    return [inputs] if isinstance(inputs, str) else list(inputs)


def signature_of(func: Callable[..., Any]) -> inspect.Signature | None:
    """Return ``func``'s own signature, or None when Python cannot tell it."""
    if inspect.isbuiltin(func):
        return None
    try:
        return inspect.signature(func, follow_wrapped=False)
    except (TypeError, ValueError):  # some C callables expose no signature
        return None


def _facts_of(func: Callable[..., Any]) -> _Facts:
    """Return the facts of ``func``, cached while its code and defaults stay."""
    stamp = _stamp(func)
    if stamp is None:  # not cacheable: read it every time
        return _Facts(signature_of(func), ())
    facts = _FACTS.get(func)
    if facts is None or not _same(facts.stamp, stamp):
        facts = _Facts(signature_of(func), stamp)
        _FACTS[func] = facts
    return facts


def _stamp(func: object) -> tuple[object, ...] | None:
    """Return what a cached signature depends on, or None when not cacheable."""
    if isinstance(func, types.FunctionType):
        return (
            func.__code__,
            func.__defaults__,
            func.__kwdefaults__,
            func.__dict__.get("__signature__"),
        )
    if type(func) is functools.partial:
        inner = _stamp(func.func)
        return None if inner is None else (*inner, *func.keywords)
    return None


def _same(old: tuple[object, ...], new: tuple[object, ...]) -> bool:
    # identity, not ==: defaults may be arrays, whose == is elementwise
    return len(old) == len(new) and all(map(operator.is_, old, new))


def _bind(
    signature: inspect.Signature,
    shape: _Shape,
    inputs: NodeIO,
    node_name: str,
    func_name: str,
) -> tuple[str, ...]:
    """Bind a call of ``shape``; return keyword names in call order, or refuse."""
    if isinstance(shape, tuple):
        args: tuple[str, ...] = ()
        kwargs = {key: key for key in shape}
    else:
        args, kwargs = ("",) * shape, {}
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError as exc:
        raise NodeSignatureError(
            f"node {node_name!r} cannot call {func_name}({_call_shape(signature)}): "
            f"it is given {_given(inputs)} ({exc}). Give one dataset name per "
            "parameter, or a dict mapping parameter names to dataset names.",
            node_name=node_name,
        ) from exc
    if not isinstance(shape, tuple):
        return ()
    return (*bound.args, *bound.kwargs.values())


def _call_shape(signature: inspect.Signature) -> str:
    parts = []
    for param in signature.parameters.values():
        if param.kind is param.VAR_POSITIONAL:
            parts.append(f"*{param.name}")
        elif param.kind is param.VAR_KEYWORD:
            parts.append(f"**{param.name}")
        elif param.default is not param.empty:
            parts.append(f"{param.name}=...")
        else:
            parts.append(param.name)
    return ", ".join(parts)


def _given(inputs: NodeIO) -> str:
    if not inputs:
        return "no inputs"
    if isinstance(inputs, str):
        return f"1 input [{inputs!r}]"
    if isinstance(inputs, dict):
        pairs = ", ".join(f"{arg}={ds!r}" for arg, ds in inputs.items())
        return f"keyword inputs {pairs}"
    noun = "input" if len(inputs) == 1 else "inputs"
    return f"{len(inputs)} {noun} {inputs!r}"
