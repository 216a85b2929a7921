"""Modular-pipeline renaming: namespaces and input/output/parameter remapping.

Kedro's rules, applied to every dataset name of every node, first match wins:
a name listed in ``inputs``/``outputs``/``parameters`` takes its mapped name;
``parameters`` stays; a transcoded name whose base is mapped keeps its format;
with a namespace, ``params:x`` becomes ``params:<ns>.x`` and any other name
``<ns>.<name>``. Checks and renaming are O(V + E).
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ._errors import ModularPipelineError
from ._naming import ALL_PARAMETERS
from ._naming import PARAMS_PREFIX
from ._naming import TRANSCODING_SEPARATOR
from ._naming import is_parameter
from ._naming import is_single_parameter
from ._naming import split_transcoding
from ._naming import strip_transcoding
from ._naming import unknown_names_message

if TYPE_CHECKING:
    from ._node import Node
    from ._pipeline import Pipeline


def remap_nodes(
    pipe: Pipeline,
    *,
    inputs: str | Iterable[str] | dict[str, str] | None,
    outputs: str | Iterable[str] | dict[str, str] | None,
    parameters: str | Iterable[str] | dict[str, str] | None,
    namespace: str | None,
    prefix_datasets: bool,
) -> list[Node]:
    """Return copies of ``pipe``'s nodes renamed by the modular-pipeline rules.

    Raises:
        ModularPipelineError: When a mapped name is not a free input (``inputs``),
            an output (``outputs``) or a parameter (``parameters``) of ``pipe``.
    """
    if namespace is not None and not isinstance(namespace, str):
        raise ModularPipelineError(
            f"pipeline namespace {namespace!r} is not a string: expected a dotted "
            f"name, got {type(namespace).__name__!r}. Pass namespace='name'.",
            names=[str(namespace)],
        )
    input_map = _mapping("inputs", inputs)
    output_map = _mapping("outputs", outputs)
    param_map = {
        _as_param(old): _as_param(new)
        for old, new in _mapping("parameters", parameters).items()
    }
    _check_inputs(input_map, pipe)
    _check_outputs(output_map, pipe)
    _check_parameters(param_map, pipe)
    rename = _Renamer(
        {**input_map, **output_map, **param_map},
        namespace if prefix_datasets else None,
    )
    return [
        n.renamed(rename, namespace=_nest(namespace, n.namespace)) for n in pipe.nodes
    ]


class _Renamer:
    """Callable applying the renaming rules (a class, so nodes never hold lambdas)."""

    __slots__ = ("mapping", "namespace")

    def __init__(self, mapping: Mapping[str, str], namespace: str | None) -> None:
        self.mapping = mapping
        self.namespace = namespace

    def __call__(self, name: str) -> str:
        mapped = self.mapping.get(name)
        if mapped is not None:
            return mapped
        if name == ALL_PARAMETERS:
            return name
        base, fmt = split_transcoding(name)
        if fmt and base in self.mapping:
            return f"{self.mapping[base]}{TRANSCODING_SEPARATOR}{fmt}"
        if not self.namespace:
            return name
        if is_single_parameter(name):
            return f"{PARAMS_PREFIX}{self.namespace}.{name[len(PARAMS_PREFIX) :]}"
        return f"{self.namespace}.{name}"


def _nest(outer: str | None, inner: str | None) -> str | None:
    if not outer:
        return inner
    return f"{outer}.{inner}" if inner else outer


def _mapping(
    role: str, names: str | Iterable[str] | dict[str, str] | None
) -> dict[str, str]:
    """Turn a name, a collection of names or a dict into old -> new names."""
    if names is None:
        return {}
    if isinstance(names, str):
        return {names: names}
    if isinstance(names, dict):
        pairs = dict(names)
    elif isinstance(names, Iterable):
        pairs = {name: name for name in names}
    else:
        raise ModularPipelineError(
            f"pipeline {role} of type {type(names).__name__!r} cannot be mapped: "
            "expected a str, a set of str or a dict of old -> new names. "
            f"Pass {role}={{'old': 'new'}}.",
            names=[str(names)],
        )
    bad = [v for pair in pairs.items() for v in pair if not isinstance(v, str)]
    if bad:
        raise ModularPipelineError(
            f"pipeline {role} mapping holds {bad[0]!r}, which is not a string: "
            "expected dataset names. Use strings on both sides.",
            names=[str(b) for b in bad],
        )
    return pairs


def _as_param(name: str) -> str:
    if name == ALL_PARAMETERS or name.startswith(PARAMS_PREFIX):
        return name
    return f"{PARAMS_PREFIX}{name}"


def _check_inputs(mapping: Mapping[str, str], pipe: Pipeline) -> None:
    params = [name for name in mapping if is_parameter(name)]
    if params:
        raise ModularPipelineError(
            f"pipeline inputs {', '.join(map(repr, params))} are parameters: "
            "parameters are not mapped with inputs=. Use parameters= instead.",
            names=params,
        )
    free = {strip_transcoding(i) for i in pipe.inputs()}
    wrong = [name for name in mapping if strip_transcoding(name) not in free]
    if not wrong:
        return
    produced = {strip_transcoding(o) for o in pipe.all_outputs()}
    inner = [name for name in wrong if strip_transcoding(name) in produced]
    if inner:
        raise ModularPipelineError(
            f"pipeline input {inner[0]!r} is not a free input: a node of the pipeline "
            "produces it. Map it with outputs= instead, or leave it out.",
            names=inner,
        )
    message = unknown_names_message("dataset", wrong, free, "a free input")
    raise ModularPipelineError(
        f"{message}. Map only datasets that the pipeline reads and no node produces.",
        names=wrong,
    )


def _check_outputs(mapping: Mapping[str, str], pipe: Pipeline) -> None:
    produced = {strip_transcoding(o) for o in pipe.all_outputs()}
    wrong = [name for name in mapping if strip_transcoding(name) not in produced]
    if not wrong:
        return
    free = {strip_transcoding(i) for i in pipe.inputs()}
    inputs_only = [name for name in wrong if strip_transcoding(name) in free]
    if inputs_only:
        raise ModularPipelineError(
            f"pipeline output {inputs_only[0]!r} is not produced by any node: it is "
            "a free input of the pipeline. Map it with inputs= instead.",
            names=inputs_only,
        )
    message = unknown_names_message("dataset", wrong, produced, "a pipeline output")
    raise ModularPipelineError(
        f"{message}. Map only datasets that a node of the pipeline produces.",
        names=wrong,
    )


def _check_parameters(mapping: Mapping[str, str], pipe: Pipeline) -> None:
    used = {name for name in pipe.all_inputs() if is_parameter(name)}
    wrong = [name for name in mapping if name not in used]
    if not wrong:
        return
    message = unknown_names_message("parameter", wrong, used, "read by the pipeline")
    raise ModularPipelineError(
        f"{message}. Map only parameters that a node reads (params: prefix optional).",
        names=wrong,
    )
