"""``%load_node``: a node's inputs, loaded from the catalog, and its body, as a cell.

The cell loads each input into the name the function's body uses, then runs the
body itself (not a call), so it can be stepped through and changed line by line;
the final ``return`` becomes an assignment to the node's outputs.
"""

from __future__ import annotations

import ast
import builtins
import inspect
import re
import textwrap
from collections.abc import Callable
from collections.abc import Mapping
from typing import Any

from .._errors import ProjectError
from .._suggest import did_you_mean
from ..graph import Node

__all__ = ["UnknownNodeError", "find_node", "load_node", "node_cell"]


class UnknownNodeError(ProjectError):
    """No registered pipeline has a node of that name (raised by ``%load_node``)."""

    def __init__(self, message: str, name: str) -> None:
        super().__init__(message)
        self.name = name


def find_node(pipelines: Mapping[str, Any], name: str) -> Node:
    """Return the node called ``name`` in any of the registered pipelines.

    Raises:
        UnknownNodeError: No pipeline has it (with close matches).
    """
    names: set[str] = set()
    for pipe in pipelines.values():
        for node in pipe.nodes:
            if node.name == name:
                return node
            names.add(node.name)
    raise UnknownNodeError(
        f"node {name!r} is not in any registered pipeline"
        f"{did_you_mean(name, names)}. Run 'pipelines' to see them.",
        name,
    )


def _variable(name: str) -> str:
    text = re.sub(r"\W", "_", name)
    return f"_{text}" if not text or text[0].isdigit() else text


def _bindings(node: Node, func: Callable[..., Any]) -> list[tuple[str, str, bool]]:
    """``(argument, dataset, is_var_positional)`` for each input of the node."""
    spec = node.input_spec  # the dict form names the arguments
    if isinstance(spec, Mapping):
        return [(str(arg), str(dataset), False) for arg, dataset in spec.items()]
    datasets = node.inputs
    try:
        parameters = list(inspect.signature(func).parameters.values())
    except (TypeError, ValueError):
        parameters = []
    bound: list[tuple[str, str, bool]] = []
    for index, dataset in enumerate(datasets):
        if index < len(parameters):
            parameter = parameters[index]
            if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
                bound += [(parameter.name, d, True) for d in datasets[index:]]
                break
            bound.append((parameter.name, dataset, False))
        else:
            bound.append((_variable(dataset), dataset, False))
    return bound


def _bound_name(alias: ast.alias) -> str:
    return alias.asname or alias.name.split(".")[0]


def _imports(module: Any, used: set[str], skip: set[str]) -> list[str]:
    """Imports for the names the body uses: the module's own import lines (relative
    ones made absolute), then its other globals (helpers, constants, loggers)."""
    try:
        tree = ast.parse(inspect.getsource(module))
    except (OSError, TypeError, SyntaxError):
        tree = ast.Module(body=[], type_ignores=[])
    package = getattr(module, "__package__", "") or ""
    lines: list[str] = []
    bound: set[str] = set()
    for statement in tree.body:
        if not isinstance(statement, ast.Import | ast.ImportFrom):
            continue
        if isinstance(statement, ast.ImportFrom):
            if statement.module == "__future__":
                continue
            if statement.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - statement.level + 1])
                named = statement.module
                statement.module = f"{base}.{named}" if named else base
                statement.level = 0
        statement.names = [a for a in statement.names if _bound_name(a) in used]
        if statement.names:
            bound.update(_bound_name(alias) for alias in statement.names)
            lines.append(ast.unparse(statement))
    names = vars(module)
    rest = sorted(
        name
        for name in used - bound - skip
        if name in names and not hasattr(builtins, name)
    )
    if rest:
        lines.append(f"from {module.__name__} import {', '.join(rest)}")
    return lines


def _used_names(func: Callable[..., Any]) -> set[str]:
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    except (OSError, TypeError, SyntaxError):
        return set()
    return {item.id for item in ast.walk(tree) if isinstance(item, ast.Name)}


def _outputs_target(node: Node) -> str:
    spec = node.output_spec
    if isinstance(spec, str):
        return _variable(spec)
    if isinstance(spec, list | tuple) and spec:
        return ", ".join(_variable(name) for name in spec)
    return "outputs"


def _body(func: Callable[..., Any], node: Node) -> list[str] | None:
    """The function's body as top-level code, or None when that cannot be done."""
    try:
        source = textwrap.dedent(inspect.getsource(func))
        tree = ast.parse(source)
    except (OSError, TypeError, SyntaxError):
        return None
    definition = tree.body[0] if tree.body else None
    if not isinstance(definition, ast.FunctionDef | ast.AsyncFunctionDef):
        return None
    statements = list(definition.body)
    if ast.get_docstring(definition) is not None:
        statements = statements[1:]
    if not statements:
        return ["pass"]
    last = statements[-1]
    early = [
        item
        for statement in statements
        for item in ast.walk(statement)
        if isinstance(item, ast.Return | ast.Yield | ast.YieldFrom) and item is not last
    ]
    if early or isinstance(definition, ast.AsyncFunctionDef):
        return None
    lines = source.splitlines()
    body = textwrap.dedent("\n".join(lines[statements[0].lineno - 1 :])).splitlines()
    if isinstance(last, ast.Return):
        offset = last.lineno - statements[0].lineno
        text = body[offset]
        indent = len(text) - len(text.lstrip())
        value = text.lstrip()[len("return") :].lstrip() or "None"
        body[offset] = f"{text[:indent]}{_outputs_target(node)} = {value}"
    return body


def node_cell(node: Node) -> str:
    """Return the code of a cell that loads a node's inputs and runs its body.

    Args:
        node: The node.

    Returns:
        Python code that uses ``catalog`` (as ``%load_ext`` defines it).
    """
    func = inspect.unwrap(node.func)
    module = inspect.getmodule(func)
    where = getattr(func, "__qualname__", repr(func))
    code = getattr(func, "__code__", None)
    if code is not None:
        where += f" ({code.co_filename}:{code.co_firstlineno})"
    lines = [f"# %load_node {node.name}: {where}"]
    bound = _bindings(node, func)
    if module is not None:
        arguments = {argument for argument, _, _ in bound}
        lines += _imports(module, _used_names(func), arguments)
    lines.append("")
    lines.append("# inputs, from the catalog")
    varargs = [dataset for _, dataset, is_var in bound if is_var]
    for argument, dataset, is_var in bound:
        if not is_var:
            lines.append(f"{argument} = catalog.load({dataset!r})")
    if varargs:
        name = next(argument for argument, _, is_var in bound if is_var)
        loads = ", ".join(f"catalog.load({d!r})" for d in varargs)
        lines.append(f"{name} = ({loads},)")
    lines.append("")
    body = _body(func, node)
    if body is None:
        lines.append("# the body cannot run as top-level code: calling the function")
        function = getattr(func, "__name__", "function")
        if module is not None and function.isidentifier():
            lines.append(f"from {module.__name__} import {function}")
        keywords = isinstance(node.input_spec, Mapping)
        arguments = [f"{a}={a}" if keywords else a for a, _, v in bound if not v]
        arguments += [f"*{a}" for a, _, is_var in bound if is_var][:1]
        call = ", ".join(arguments)
        lines.append(f"{_outputs_target(node)} = {function}({call})")
    else:
        lines.append("# the body of the function")
        lines += body
    return "\n".join(lines).rstrip() + "\n"


def load_node(namespace: Mapping[str, Any], name: str) -> str:
    """Return the ``%load_node`` cell for node ``name`` of the loaded project.

    Args:
        namespace: The IPython user namespace, where ``%load_ext`` put
            ``pipelines`` and ``catalog``.
        name: The node's full name.

    Raises:
        ProjectError: The project is not loaded, or no pipeline has the node.
    """
    pipelines = namespace.get("pipelines")
    if not isinstance(pipelines, Mapping) or "catalog" not in namespace:
        raise ProjectError(
            "the project is not loaded: 'pipelines' and 'catalog' are not defined. "
            "Run %load_ext <package> (or %reload_project) first."
        )
    return node_cell(find_node(pipelines, name))
