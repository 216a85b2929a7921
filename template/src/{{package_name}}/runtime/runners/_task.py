"""Running one node: load its inputs, call it, save its outputs; Kedro's node hooks."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from typing import Any

from .._errors import RunnerError

if TYPE_CHECKING:
    from ..catalog import DataCatalog
    from ..graph import Node

__all__ = ["Loader", "Saver", "run_node"]

Loader = Callable[[str], Any]
Saver = Callable[[str, Any], None]


def run_node(
    node: Node,
    catalog: DataCatalog,
    *,
    hook: Any | None,
    run_id: str | None,
    load: Loader,
    save: Saver,
    names: tuple[str, ...] | None = None,
) -> None:
    """Run ``node``: read each input with ``load``, write each output with ``save``.

    Args:
        node: The node to run.
        catalog: The catalog, passed on to the node hooks.
        hook: The hook relay (``hook_manager.hook``), or None to call no hooks.
        run_id: The run's id, passed on to the node hooks.
        load: Returns the data of a dataset name.
        save: Stores the data of a dataset name.
        names: The node's input names without repeats, if already known.
    """
    if names is None:
        names = tuple(dict.fromkeys(node.inputs))
    if hook is None:
        inputs = {name: load(name) for name in names}
        for name, data in node.run(inputs).items():
            save(name, data)
    else:
        _run_node_with_hooks(
            node, catalog, hook=hook, run_id=run_id, load=load, save=save, names=names
        )
    for name in node.confirms:
        _confirm(catalog, name, node)


def _confirm(catalog: DataCatalog, name: str, node: Node) -> None:
    """Call ``confirm()`` on a dataset the node confirms, as Kedro does."""
    confirm = getattr(catalog[name], "confirm", None)
    if not callable(confirm):
        raise RunnerError(
            f"dataset {name!r} (confirmed by node {node.name!r}) has no confirm() "
            "method. Remove it from the node's confirms, or use a dataset that "
            "supports it."
        )
    confirm()


def _run_node_with_hooks(
    node: Node,
    catalog: DataCatalog,
    *,
    hook: Any,
    run_id: str | None,
    load: Loader,
    save: Saver,
    names: tuple[str, ...],
) -> None:
    inputs: dict[str, Any] = {}
    for name in names:
        hook.before_dataset_loaded(dataset_name=name, node=node)
        data = load(name)
        hook.after_dataset_loaded(dataset_name=name, data=data, node=node)
        inputs[name] = data
    responses = hook.before_node_run(
        node=node, catalog=catalog, inputs=dict(inputs), is_async=False, run_id=run_id
    )
    for response in responses or ():
        if response is None:
            continue
        if not isinstance(response, dict):
            raise RunnerError(
                f"hook 'before_node_run' for node {node.name!r} returned "
                f"{type(response).__name__}: expected a dict of input overrides "
                "or None."
            )
        inputs.update(response)
    try:
        outputs = node.run(inputs)
    except Exception as error:
        hook.on_node_error(
            error=error,
            node=node,
            catalog=catalog,
            inputs=inputs,
            is_async=False,
            run_id=run_id,
        )
        raise
    hook.after_node_run(
        node=node,
        catalog=catalog,
        inputs=inputs,
        outputs=outputs,
        is_async=False,
        run_id=run_id,
    )
    for name, data in outputs.items():
        hook.before_dataset_saved(dataset_name=name, data=data, node=node)
        save(name, data)
        hook.after_dataset_saved(dataset_name=name, data=data, node=node)
