"""``KeelSession``: find the project, load its context and run a pipeline."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from collections.abc import Iterable
from datetime import datetime
from datetime import timezone
from pathlib import Path
from typing import Any

from .._errors import ProjectError
from ..catalog import generate_timestamp
from ..config import ENV_VAR
from ..config import ConfigLoader
from ..graph import Pipeline
from ..hooks import create_hook_manager
from ..hooks import register_hooks
from ..runners import AbstractRunner
from ..runners import SequentialRunner
from ._context import ProjectContext
from ._discovery import configure_project
from ._discovery import default_package_name
from ._discovery import find_project_root
from ._filters import apply_filters
from ._record import RunRecord
from ._record import append_run_record
from ._registry import DEFAULT
from ._registry import load_pipelines
from ._registry import select_pipeline
from ._settings import Settings
from ._settings import load_settings

__all__ = ["KeelSession"]

logger = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]


class _NodeTracker:
    """Notes which nodes finished, for the run record, and passes progress on.

    It is the runner's ``progress`` callback, called in this process whatever the
    runner (the hooks of a ParallelRunner run in its workers).
    """

    def __init__(self, progress: Progress | None) -> None:
        self.done: list[str] = []
        self._progress = progress

    def __call__(self, done: int, total: int, node_name: str) -> None:
        self.done.append(node_name)
        if self._progress is not None:
            self._progress(done, total, node_name)


def _listed(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    items = [value] if isinstance(value, str) else list(value)
    return items or None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class KeelSession:
    """One use of a project: its settings, hooks, config and runs.

    Create it with ``KeelSession.create()``; use it as a context manager or call
    ``close()`` when done.

    Example:
        >>> with KeelSession.create(env="local") as session:  # doctest: +SKIP
        ...     session.run(pipeline_name="data_science")
    """

    def __init__(
        self,
        *,
        package_name: str,
        project_path: Path,
        conf_source: Path,
        settings: Settings,
        env: str | None = None,
        runtime_params: dict[str, Any] | None = None,
    ) -> None:
        """Store the resolved project; prefer ``KeelSession.create()``."""
        self.package_name = package_name
        self.project_path = project_path
        self.conf_source = conf_source
        self.settings = settings
        self.runtime_params = dict(runtime_params or {})
        default_env = settings.config_loader_args.get("default_run_env", "local")
        self.env = env or os.environ.get(ENV_VAR) or default_env
        self.session_id = generate_timestamp()
        self.hook_manager = create_hook_manager()
        register_hooks(self.hook_manager, settings.hooks)
        self._requested_env = env
        self._context: ProjectContext | None = None
        self._pipelines: dict[str, Pipeline] | None = None

    @classmethod
    def create(
        cls,
        package_name: str | None = None,
        project_path: str | Path | None = None,
        *,
        env: str | None = None,
        conf_source: str | Path | None = None,
        runtime_params: dict[str, Any] | None = None,
    ) -> KeelSession:
        """Find the project and read its settings.

        Args:
            package_name: The project package (default: the one holding this runtime).
            project_path: The project root (default: the parent of ``conf_source``, or
                the nearest folder upwards with ``pyproject.toml`` and ``conf/``).
            env: The configuration environment (default: ``default_run_env``, local).
            conf_source: The configuration folder (default: ``CONF_SOURCE`` of
                settings.py, relative to the project root).
            runtime_params: Parameter overrides (``--params``).

        Returns:
            The session.

        Raises:
            ProjectError: The project, its package, settings or conf folder cannot be
                found or are malformed.
        """
        package = package_name or default_package_name()
        if project_path is not None:
            root = Path(project_path).expanduser().resolve()
        else:
            root = find_project_root(conf_source=conf_source)
        settings = load_settings(package)
        configure_project(package)
        conf = Path(conf_source).expanduser().resolve() if conf_source else None
        conf = conf or root / settings.conf_source
        if not conf.is_dir():
            raise ProjectError(
                f"conf source '{conf}' is not a folder. Create it, set CONF_SOURCE in "
                "settings.py, or pass --conf-source."
            )
        return cls(
            package_name=package,
            project_path=root,
            conf_source=conf,
            settings=settings,
            env=env,
            runtime_params=runtime_params,
        )

    def __enter__(self) -> KeelSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return (
            f"KeelSession(package_name={self.package_name!r}, "
            f"project_path='{self.project_path}', env={self.env!r})"
        )

    def close(self) -> None:
        """Release the session's hooks; the session can no longer run."""
        for plugin in list(self.hook_manager.get_plugins()):
            self.hook_manager.unregister(plugin)

    @property
    def pipelines(self) -> dict[str, Pipeline]:
        """The registered pipelines (``register_pipelines()``), read once."""
        if self._pipelines is None:
            self._pipelines = load_pipelines(self.package_name)
        return self._pipelines

    def get_pipeline(self, name: str | None = None) -> Pipeline:
        """Return the registered pipeline ``name`` (default ``__default__``).

        Raises:
            UnknownPipelineError: The name is not registered (with close matches and
                the registered names), or its module failed to import.
        """
        return select_pipeline(self.pipelines, name, self.package_name)

    def load_context(self) -> ProjectContext:
        """Load the config and return the project context (built once per session).

        Calls the ``after_context_created`` hook.

        Returns:
            The context, whose ``catalog`` has the parameters fed in.
        """
        if self._context is not None:
            return self._context
        loader = ConfigLoader(
            self.conf_source,
            env=self._requested_env,
            runtime_params=self.runtime_params,
            **self.settings.config_loader_args,
        )
        self.env = str(getattr(loader, "env", self.env))  # KEEL_ENV may choose it
        self._context = ProjectContext(
            project_path=self.project_path,
            package_name=self.package_name,
            env=self.env,
            config_loader=loader,
            hook_manager=self.hook_manager,
            runtime_params=self.runtime_params,
        )
        self.hook_manager.hook.after_context_created(context=self._context)
        return self._context

    def run(  # noqa: PLR0917 - Kedro's positional signature, kept for ported code
        self,
        pipeline_name: str | None = None,
        tags: Iterable[str] | None = None,
        runner: AbstractRunner | None = None,
        node_names: Iterable[str] | None = None,
        from_nodes: Iterable[str] | None = None,
        to_nodes: Iterable[str] | None = None,
        from_inputs: Iterable[str] | None = None,
        to_outputs: Iterable[str] | None = None,
        load_versions: dict[str, str] | None = None,
        namespaces: Iterable[str] | None = None,
        *,
        progress: Progress | None = None,
    ) -> dict[str, Any]:
        """Run a registered pipeline, filtered as Kedro's ``session.run`` does.

        Calls ``before_pipeline_run``, then ``after_pipeline_run`` or
        ``on_pipeline_error``, and appends a record to ``.keel/runs.jsonl``.

        Args:
            pipeline_name: The registry name (default ``__default__``).
            tags: Run only nodes with any of these tags.
            runner: The runner (default ``SequentialRunner()``).
            node_names: Run only these nodes.
            from_nodes: Run these nodes and everything downstream.
            to_nodes: Run these nodes and everything upstream.
            from_inputs: Run from the nodes that consume these datasets.
            to_outputs: Run up to the nodes that produce these datasets.
            load_versions: Dataset name -> version to load.
            namespaces: Run only nodes in these namespaces.
            progress: Called as ``progress(done, total, node_name)`` by the runner.

        Returns:
            The data of the run's free outputs that the catalog does not persist.

        Raises:
            ProjectError: The pipeline or a filter name is unknown (before the run).
            NodeFailedError: A node failed.
        """
        context = self.load_context()
        name = pipeline_name or DEFAULT
        filters: dict[str, Any] = {
            "tags": _listed(tags),
            "node_names": _listed(node_names),
            "from_nodes": _listed(from_nodes),
            "to_nodes": _listed(to_nodes),
            "from_inputs": _listed(from_inputs),
            "to_outputs": _listed(to_outputs),
            "namespaces": _listed(namespaces),
        }
        pipeline = apply_filters(self.get_pipeline(name), name, filters)
        runner = runner or SequentialRunner()
        run_id = generate_timestamp()
        catalog = context.build_catalog(
            save_version=run_id, load_versions=load_versions
        )
        run_params = {
            "run_id": run_id,
            "session_id": self.session_id,
            "project_path": str(self.project_path),
            "env": self.env,
            "pipeline_name": name,
            "runtime_params": self.runtime_params,
            "load_versions": load_versions or {},
            "runner": type(runner).__name__,
            **filters,
        }
        record: RunRecord = {
            "run_id": run_id,
            "started_at": _now(),
            "finished_at": "",
            "duration_s": 0.0,
            "pipeline": name,
            "filters": {k: v for k, v in filters.items() if v},
            "env": self.env,
            "params": self.runtime_params,
            "runner": type(runner).__name__,
            "nodes": [node.name for node in pipeline.nodes],
            "nodes_done": [],
            "status": "error",
            "failed_node": None,
            "error": None,
        }
        tracker = _NodeTracker(progress)
        started = time.perf_counter()
        hooks = self.hook_manager.hook
        try:
            hooks.before_pipeline_run(
                run_params=run_params, pipeline=pipeline, catalog=catalog
            )
            result = runner.run(
                pipeline,
                catalog,
                hook_manager=self.hook_manager,
                run_id=run_id,
                progress=tracker,
            )
        except Exception as exc:
            failed = getattr(exc, "node_name", None)
            record["status"] = "failed" if failed else "error"
            record["failed_node"] = failed
            cause = exc.__cause__ if failed and exc.__cause__ else exc
            record["error"] = f"{type(cause).__name__}: {cause}"
            hooks.on_pipeline_error(
                error=exc, run_params=run_params, pipeline=pipeline, catalog=catalog
            )
            raise
        else:
            record["status"] = "success"
        finally:
            record["nodes_done"] = tracker.done
            record["finished_at"] = _now()
            record["duration_s"] = round(time.perf_counter() - started, 3)
            append_run_record(self.project_path, record)
        hooks.after_pipeline_run(
            run_params=run_params, run_result=result, pipeline=pipeline, catalog=catalog
        )
        return result
