"""``Node``: a function with named inputs and outputs, and ``node()`` to make one."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from typing import Any

from ._naming import as_name_list
from ._node_checks import NodeIO
from ._node_checks import check_callable
from ._node_checks import check_has_io
from ._node_checks import check_inputs_not_outputs
from ._node_checks import check_io
from ._node_checks import check_name
from ._node_checks import check_namespace
from ._node_checks import check_outputs_unique
from ._node_checks import check_tags
from ._node_checks import default_name
from ._node_checks import hashable_io
from ._node_checks import readable_func_name
from ._node_run import check_run_inputs
from ._node_run import name_outputs
from ._signature import input_order

__all__ = ["Node", "node"]


class Node:
    """A pure function plus the dataset names it reads and writes.

    Nodes compare equal when their names, inputs and outputs are equal (as in
    Kedro), hash accordingly, and pickle as long as their function does.

    Example:
        >>> def add(x, y):
        ...     return x + y
        >>> n = Node(add, ["a", "b"], "total", name="adder")
        >>> n.run({"a": 1, "b": 2})
        {'total': 3}
    """

    __slots__ = (
        "_confirms",
        "_full_name",
        "_func",
        "_func_name",
        "_input_names",
        "_inputs",
        "_key",
        "_name",
        "_namespace",
        "_output_names",
        "_outputs",
        "_tags",
    )

    def __init__(
        self,
        func: Callable[..., Any],
        inputs: NodeIO,
        outputs: NodeIO,
        *,
        name: str | None = None,
        tags: str | Iterable[str] | None = None,
        confirms: str | list[str] | None = None,
        namespace: str | None = None,
    ) -> None:
        """Create a node.

        Args:
            func: The function to run. Its parameters must accept ``inputs``.
            inputs: None, a dataset name, a list of names (passed positionally) or
                a dict of parameter name -> dataset name (passed by keyword).
                ``params:<dotted.key>`` reads one parameter, ``parameters`` all.
            outputs: None, a dataset name (the whole return value), a list of
                names (one per item of a returned list or tuple) or a dict of
                returned key -> dataset name.
            name: The node's name; default ``<function>__<hash>`` as in Kedro 1.x.
            tags: Tags for selecting nodes (``--tags``).
            confirms: Datasets whose ``confirm()`` the runner calls after the node.
            namespace: Dotted namespace; the full name becomes ``namespace.name``.

        Raises:
            NodeError: When the function is not callable, inputs or outputs have
                the wrong type, the function cannot take the inputs, an output is
                listed twice, or a dataset is both an input and an output.
        """
        check_callable(func)
        func_name = readable_func_name(func)
        inputs = check_io("inputs", inputs, func_name)
        outputs = check_io("outputs", outputs, func_name)
        check_has_io(inputs, outputs, func_name)
        check_name(name, func_name)
        check_namespace(namespace, func_name)
        full_name = _full_name(name, func_name, inputs, outputs, namespace)
        tag_set = check_tags(tags, full_name)
        input_names = input_order(func, inputs, full_name, func_name)
        self._init(func, inputs, outputs, name, namespace, tag_set, confirms, full_name)
        self._func_name = func_name
        self._input_names = input_names

    def _init(  # noqa: PLR0917 - private positional helper shared by copies
        self,
        func: Callable[..., Any],
        inputs: NodeIO,
        outputs: NodeIO,
        name: str | None,
        namespace: str | None,
        tags: frozenset[str],
        confirms: str | list[str] | None,
        full_name: str,
    ) -> None:
        output_names = as_name_list(outputs)
        check_outputs_unique(output_names, full_name)
        check_inputs_not_outputs(as_name_list(inputs), output_names, full_name)
        self._func = func
        self._inputs = inputs
        self._outputs = outputs
        self._name = name
        self._namespace = namespace
        self._tags = tags
        self._confirms = as_name_list(confirms)
        self._output_names = output_names
        self._full_name = full_name
        self._key = (full_name, hashable_io(inputs), hashable_io(outputs))

    def _derive(
        self,
        *,
        inputs: NodeIO,
        outputs: NodeIO,
        input_names: list[str],
        namespace: str | None,
        tags: frozenset[str],
    ) -> Node:
        """Copy this node with other names, skipping the signature check."""
        copy = object.__new__(Node)
        copy._init(
            self._func,
            inputs,
            outputs,
            self._name,
            namespace,
            tags,
            self._confirms or None,
            _full_name(self._name, self._func_name, inputs, outputs, namespace),
        )
        copy._func_name = self._func_name
        copy._input_names = input_names
        return copy

    # ------------------------------------------------------------------ identity
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Node):
            return NotImplemented
        return self._key == other._key

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Node):
            return NotImplemented
        return (self._full_name, str(self)) < (other.name, str(other))

    def __hash__(self) -> int:
        return hash(self._key)

    def __str__(self) -> str:
        ins = f"[{';'.join(self._input_names)}]" if self._input_names else "None"
        outs = f"[{';'.join(self._output_names)}]" if self._output_names else "None"
        prefix = f"{self._name}: " if self._name else ""
        return f"{prefix}{self._func_name}({ins}) -> {outs}"

    def __repr__(self) -> str:
        return (
            f"Node({self._func_name}, {self._inputs!r}, {self._outputs!r}, "
            f"{self._name!r})"
        )

    def __call__(self, **kwargs: Any) -> dict[str, Any]:
        """Run the node with inputs given as keyword arguments."""
        return self.run(kwargs)

    # ---------------------------------------------------------------- properties
    @property
    def func(self) -> Callable[..., Any]:
        """The node's function."""
        return self._func

    @func.setter
    def func(self, func: Callable[..., Any]) -> None:
        """Replace the function (hooks may wrap it); name and datasets stay."""
        check_callable(func)
        self._func = func

    @property
    def name(self) -> str:
        """The full name: ``namespace.name`` when the node has a namespace."""
        return self._full_name

    @property
    def short_name(self) -> str:
        """A readable name without namespace; not guaranteed unique."""
        if self._name:
            return self._name
        return self._func_name.replace("_", " ").title()

    @property
    def namespace(self) -> str | None:
        """The dotted namespace, outermost first, or None."""
        return self._namespace

    @property
    def namespace_prefixes(self) -> list[str]:
        """Every enclosing namespace: ``"a.b.c"`` gives ``["a", "a.b", "a.b.c"]``."""
        if not self._namespace:
            return []
        parts = self._namespace.split(".")
        return [".".join(parts[: i + 1]) for i in range(len(parts))]

    @property
    def tags(self) -> set[str]:
        """The node's tags (a copy)."""
        return set(self._tags)

    @property
    def inputs(self) -> list[str]:
        """Input dataset names in the order the function receives them."""
        return list(self._input_names)

    @property
    def outputs(self) -> list[str]:
        """Output dataset names in declaration order."""
        return list(self._output_names)

    @property
    def input_spec(self) -> NodeIO:
        """The inputs as declared: None, a name, a list, or a dict argument -> name."""
        return self._inputs

    @property
    def output_spec(self) -> NodeIO:
        """The outputs as declared: None, a name, a list, or a dict key -> name."""
        return self._outputs

    @property
    def confirms(self) -> list[str]:
        """Datasets to confirm after the node ran."""
        return list(self._confirms)

    # ------------------------------------------------------------------- copies
    def tag(self, tags: str | Iterable[str]) -> Node:
        """Return a copy of this node with ``tags`` added.

        Args:
            tags: One tag or several.

        Returns:
            A new node; this one is unchanged.
        """
        extra = check_tags(tags, self._full_name)
        return self._derive(
            inputs=self._inputs,
            outputs=self._outputs,
            input_names=self._input_names,
            namespace=self._namespace,
            tags=self._tags | extra,
        )

    def renamed(
        self,
        rename: Callable[[str], str],
        *,
        namespace: str | None,
        tags: Iterable[str] = (),
    ) -> Node:
        """Return a copy with every dataset name passed through ``rename``.

        Modular pipelines (``pipeline(..., namespace=...)``) use this to prefix
        and remap names; the copy keeps the function and explicit name.

        Args:
            rename: Maps an input or output dataset name to its new name.
            namespace: The copy's namespace.
            tags: Tags to add.

        Returns:
            A new node.

        Raises:
            NodeError: When renaming makes two outputs, or an input and an
                output, the same.
        """
        return self._derive(
            inputs=_rename_io(self._inputs, rename),
            outputs=_rename_io(self._outputs, rename),
            input_names=[rename(n) for n in self._input_names],
            namespace=namespace,
            tags=self._tags | check_tags(tags, self._full_name),
        )

    # ---------------------------------------------------------------------- run
    def run(self, inputs: dict[str, Any] | None = None) -> dict[str, Any]:
        """Call the function with ``inputs`` and name its results.

        Args:
            inputs: Dataset name -> data; exactly the node's inputs.

        Returns:
            Output dataset name -> data.

        Raises:
            NodeRunError: When ``inputs`` do not match the node's inputs, or the
                function's result does not match its outputs.
        """
        data = check_run_inputs(
            self._full_name, self._input_names, {} if inputs is None else inputs
        )
        spec = self._inputs
        if not spec:
            result = self._func()
        elif isinstance(spec, str):
            result = self._func(data[spec])
        elif isinstance(spec, list):
            result = self._func(*[data[n] for n in spec])
        else:
            result = self._func(**{arg: data[ds] for arg, ds in spec.items()})
        return name_outputs(self._full_name, self._outputs, result)


def node(
    func: Callable[..., Any],
    inputs: NodeIO,
    outputs: NodeIO,
    *,
    name: str | None = None,
    tags: str | Iterable[str] | None = None,
    confirms: str | list[str] | None = None,
    namespace: str | None = None,
) -> Node:
    """Create a ``Node``; same arguments as ``Node(...)``.

    Example:
        >>> def halve(x):
        ...     return x / 2
        >>> node(halve, "numbers", "halves", name="halve", tags="math").name
        'halve'
    """
    return Node(
        func,
        inputs,
        outputs,
        name=name,
        tags=tags,
        confirms=confirms,
        namespace=namespace,
    )


def _full_name(
    name: str | None,
    func_name: str,
    inputs: NodeIO,
    outputs: NodeIO,
    namespace: str | None,
) -> str:
    base = name or default_name(func_name, inputs, outputs)
    return f"{namespace}.{base}" if namespace else base


def _rename_io(spec: NodeIO, rename: Callable[[str], str]) -> NodeIO:
    if spec is None:
        return None
    if isinstance(spec, str):
        return rename(spec)
    if isinstance(spec, dict):
        return {key: rename(value) for key, value in spec.items()}
    return [rename(value) for value in spec]
