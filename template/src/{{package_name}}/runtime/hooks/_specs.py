"""Hook specifications: Kedro 1.x's hook names and argument names, unchanged.

A project's hooks class implements any of these methods, marked with ``@hook_impl``,
and may take any subset of each hook's arguments (by name).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from ._markers import hook_spec

if TYPE_CHECKING:
    from ..catalog import DataCatalog
    from ..graph import Node
    from ..graph import Pipeline

__all__ = ["SPEC_CLASSES"]


class DataCatalogSpecs:
    """Hooks around the data catalog."""

    @hook_spec
    def after_catalog_created(  # noqa: PLR0917  # pluggy reads positional names
        self,
        catalog: DataCatalog,
        conf_catalog: dict[str, Any],
        conf_creds: dict[str, Any],
        parameters: dict[str, Any],
        save_version: str,
        load_versions: dict[str, str],
    ) -> None:
        """Called after the catalog is created from config.

        Args:
            catalog: The catalog.
            conf_catalog: The catalog config it was created from.
            conf_creds: The credentials config (handle with care: secrets).
            parameters: The parameters added to it (``params:*`` and ``parameters``).
            save_version: The version every versioned save uses.
            load_versions: Dataset name -> version to load.
        """


class NodeSpecs:
    """Hooks around each node's run."""

    @hook_spec
    def before_node_run(
        self,
        node: Node,
        catalog: DataCatalog,
        inputs: dict[str, Any],
        is_async: bool,
        run_id: str,
    ) -> dict[str, Any] | None:
        """Called before a node runs.

        Args:
            node: The node.
            catalog: The run's catalog.
            inputs: Dataset name -> loaded data the node will receive.
            is_async: Whether inputs are loaded asynchronously.
            run_id: The run's id.

        Returns:
            None, or dataset name -> data that replaces those inputs.
        """

    @hook_spec
    def after_node_run(  # noqa: PLR0917  # pluggy reads positional names
        self,
        node: Node,
        catalog: DataCatalog,
        inputs: dict[str, Any],
        outputs: dict[str, Any],
        is_async: bool,
        run_id: str,
    ) -> None:
        """Called after a node ran, with its inputs and outputs (dataset name -> data).

        Args:
            node: The node.
            catalog: The run's catalog.
            inputs: Dataset name -> data the node received.
            outputs: Dataset name -> data the node returned.
            is_async: Whether inputs were loaded asynchronously.
            run_id: The run's id.
        """

    @hook_spec
    def on_node_error(  # noqa: PLR0917  # pluggy reads positional names
        self,
        error: Exception,
        node: Node,
        catalog: DataCatalog,
        inputs: dict[str, Any],
        is_async: bool,
        run_id: str,
    ) -> None:
        """Called when a node raises.

        Args:
            error: The exception.
            node: The node.
            catalog: The run's catalog.
            inputs: Dataset name -> data the node received.
            is_async: Whether inputs were loaded asynchronously.
            run_id: The run's id.
        """


class PipelineSpecs:
    """Hooks around a pipeline's run."""

    @hook_spec
    def before_pipeline_run(
        self, run_params: dict[str, Any], pipeline: Pipeline, catalog: DataCatalog
    ) -> None:
        """Called before a pipeline runs.

        Args:
            run_params: The run's parameters (run_id, project_path, env, tags,
                node_names, from_nodes, to_nodes, from_inputs, to_outputs,
                load_versions, pipeline_name, namespaces, runtime_params, runner).
            pipeline: The pipeline about to run (already filtered).
            catalog: The run's catalog.
        """

    @hook_spec
    def after_pipeline_run(
        self,
        run_params: dict[str, Any],
        run_result: dict[str, Any],
        pipeline: Pipeline,
        catalog: DataCatalog,
    ) -> None:
        """Called after a pipeline ran.

        Args:
            run_params: The run's parameters, as in ``before_pipeline_run``.
            run_result: Dataset name -> data of the free outputs not persisted.
            pipeline: The pipeline that ran.
            catalog: The run's catalog.
        """

    @hook_spec
    def on_pipeline_error(
        self,
        error: Exception,
        run_params: dict[str, Any],
        pipeline: Pipeline,
        catalog: DataCatalog,
    ) -> None:
        """Called when a pipeline run fails.

        Args:
            error: The exception.
            run_params: The run's parameters, as in ``before_pipeline_run``.
            pipeline: The pipeline that failed.
            catalog: The run's catalog.
        """


class DatasetSpecs:
    """Hooks around each dataset load and save done by a runner."""

    @hook_spec
    def before_dataset_loaded(self, dataset_name: str, node: Node) -> None:
        """Called before a dataset is loaded for a node.

        Args:
            dataset_name: The dataset.
            node: The node that needs it.
        """

    @hook_spec
    def after_dataset_loaded(self, dataset_name: str, data: Any, node: Node) -> None:
        """Called after a dataset was loaded for a node.

        Args:
            dataset_name: The dataset.
            data: The loaded data.
            node: The node that needs it.
        """

    @hook_spec
    def before_dataset_saved(self, dataset_name: str, data: Any, node: Node) -> None:
        """Called before a node's output is saved.

        Args:
            dataset_name: The dataset.
            data: The data to save.
            node: The node that produced it.
        """

    @hook_spec
    def after_dataset_saved(self, dataset_name: str, data: Any, node: Node) -> None:
        """Called after a node's output was saved.

        Args:
            dataset_name: The dataset.
            data: The saved data.
            node: The node that produced it.
        """


class ContextSpecs:
    """Hooks around the project context."""

    @hook_spec
    def after_context_created(self, context: Any) -> None:
        """Called after the project context is created (the earliest hook of a run).

        Args:
            context: The ``ProjectContext`` (``catalog``, ``params``, ``config_loader``,
                ``project_path``, ``env``).
        """


SPEC_CLASSES: tuple[type, ...] = (
    DataCatalogSpecs,
    NodeSpecs,
    PipelineSpecs,
    DatasetSpecs,
    ContextSpecs,
)
"""Every spec namespace, in the order they are added to a manager."""
