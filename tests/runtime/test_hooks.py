"""Hooks: Kedro's hook names on pluggy, and clear errors for hooks that cannot work."""

from __future__ import annotations

from typing import Any

import pluggy
import pytest
from keelrt import ProjectError
from keelrt import hook_impl as top_level_hook_impl
from keelrt.hooks import HookError
from keelrt.hooks import HookManager
from keelrt.hooks import create_hook_manager
from keelrt.hooks import hook_impl
from keelrt.hooks import register_hooks

KEDRO_HOOKS = {
    "after_catalog_created": [
        "catalog",
        "conf_catalog",
        "conf_creds",
        "parameters",
        "save_version",
        "load_versions",
    ],
    "before_node_run": ["node", "catalog", "inputs", "is_async", "run_id"],
    "after_node_run": ["node", "catalog", "inputs", "outputs", "is_async", "run_id"],
    "on_node_error": ["error", "node", "catalog", "inputs", "is_async", "run_id"],
    "before_pipeline_run": ["run_params", "pipeline", "catalog"],
    "after_pipeline_run": ["run_params", "run_result", "pipeline", "catalog"],
    "on_pipeline_error": ["error", "run_params", "pipeline", "catalog"],
    "before_dataset_loaded": ["dataset_name", "node"],
    "after_dataset_loaded": ["dataset_name", "data", "node"],
    "before_dataset_saved": ["dataset_name", "data", "node"],
    "after_dataset_saved": ["dataset_name", "data", "node"],
    "after_context_created": ["context"],
}


class RecordingHooks:
    def __init__(self) -> None:
        self.seen: list[tuple[str, Any]] = []

    @hook_impl
    def before_node_run(self, node: Any, inputs: dict[str, Any]) -> dict[str, Any]:
        self.seen.append(("before_node_run", node))
        return {"x": inputs["x"] + 1}

    @hook_impl
    def after_dataset_saved(self, dataset_name: str) -> None:
        self.seen.append(("after_dataset_saved", dataset_name))


def call_before_node_run(manager: pluggy.PluginManager) -> list[Any]:
    return manager.hook.before_node_run(
        node="n", catalog=None, inputs={"x": 1}, is_async=False, run_id="r"
    )


def test_manager_has_exactly_kedros_hooks_and_argument_names() -> None:
    manager = create_hook_manager()
    specs = {
        name: list(caller.spec.argnames)
        for name, caller in vars(manager.hook).items()
        if getattr(caller, "spec", None) is not None
    }
    assert specs == KEDRO_HOOKS


def test_manager_is_a_pluggy_plugin_manager_named_keel() -> None:
    manager = create_hook_manager()
    assert isinstance(manager, HookManager)
    assert manager.project_name == "keel"


def test_hook_impl_is_also_exported_by_the_runtime() -> None:
    assert top_level_hook_impl is hook_impl


def test_registered_hook_is_called_with_the_arguments_it_names() -> None:
    manager = create_hook_manager()
    hooks = RecordingHooks()
    register_hooks(manager, [hooks])
    manager.hook.after_dataset_saved(dataset_name="cars", data=1, node="n")
    assert hooks.seen == [("after_dataset_saved", "cars")]


def test_before_node_run_returns_input_overrides() -> None:
    manager = create_hook_manager()
    register_hooks(manager, [RecordingHooks()])
    assert call_before_node_run(manager) == [{"x": 2}]


def test_registering_the_same_object_twice_is_harmless() -> None:
    manager = create_hook_manager()
    hooks = RecordingHooks()
    register_hooks(manager, [hooks])
    register_hooks(manager, [hooks, hooks])
    assert len(call_before_node_run(manager)) == 1


def test_two_instances_of_one_class_both_run() -> None:
    manager = create_hook_manager()
    register_hooks(manager, [RecordingHooks(), RecordingHooks()])
    assert len(call_before_node_run(manager)) == 2


def test_a_class_instead_of_an_instance_says_to_instantiate_it() -> None:
    with pytest.raises(HookError, match=r"HOOKS = \(RecordingHooks\(\),\)"):
        register_hooks(create_hook_manager(), [RecordingHooks])


def test_misspelt_hook_names_class_method_and_close_match() -> None:
    class TypoHooks:
        @hook_impl
        def before_node_runs(self, node: Any) -> None: ...

    with pytest.raises(HookError) as info:
        register_hooks(create_hook_manager(), [TypoHooks()])
    message = str(info.value)
    assert "'TypoHooks'" in message
    assert "'before_node_runs'" in message
    assert "did you mean 'before_node_run'" in message
    assert (info.value.hook_class, info.value.method) == (
        "TypoHooks",
        "before_node_runs",
    )


def test_hook_errors_are_project_errors() -> None:
    assert issubclass(HookError, ProjectError)


def test_nothing_is_registered_when_a_later_object_is_invalid() -> None:
    class BadHooks:
        @hook_impl
        def after_pipline_run(self) -> None: ...

    manager = create_hook_manager()
    good = RecordingHooks()
    with pytest.raises(HookError):
        register_hooks(manager, [good, BadHooks()])
    assert not manager.is_registered(good)


def test_argument_the_hook_does_not_provide_is_named() -> None:
    class ExtraArgHooks:
        @hook_impl
        def after_node_run(self, node: Any, outptus: Any) -> None: ...

    with pytest.raises(HookError, match=r"'outptus'.*did you mean 'outputs'"):
        register_hooks(create_hook_manager(), [ExtraArgHooks()])


def test_kedro_session_id_argument_points_to_run_id() -> None:
    class OldKedroHooks:
        @hook_impl
        def before_node_run(self, node: Any, session_id: str) -> None: ...

    with pytest.raises(HookError, match="renamed 'session_id' to 'run_id'"):
        register_hooks(create_hook_manager(), [OldKedroHooks()])


def test_argument_with_a_default_is_allowed() -> None:
    class DefaultArgHooks:
        @hook_impl
        def before_node_run(self, extra: int = 3) -> None:
            self.extra = extra

    manager = create_hook_manager()
    hooks = DefaultArgHooks()
    register_hooks(manager, [hooks])
    call_before_node_run(manager)
    assert hooks.extra == 3


def test_unmarked_method_named_like_a_hook_says_to_mark_it() -> None:
    class UnmarkedHooks:
        def before_node_run(self, node: Any) -> None: ...

    with pytest.raises(HookError, match="Decorate it with @hook_impl"):
        register_hooks(create_hook_manager(), [UnmarkedHooks()])


def test_kedro_marker_says_to_import_the_runtimes_hook_impl() -> None:
    kedro_hook_impl = pluggy.HookimplMarker("kedro")

    class KedroHooks:
        @kedro_hook_impl
        def before_node_run(self, node: Any) -> None: ...

    with pytest.raises(HookError, match="Kedro's @hook_impl"):
        register_hooks(create_hook_manager(), [KedroHooks()])


def test_other_methods_and_attributes_are_ignored() -> None:
    class HelperHooks:
        label = "x"

        def helper(self) -> int:
            return 1

        @hook_impl
        def after_context_created(self, context: Any) -> None:
            self.context = context

    manager = create_hook_manager()
    hooks = HelperHooks()
    register_hooks(manager, [hooks])
    manager.hook.after_context_created(context="ctx")
    assert hooks.context == "ctx"


def test_pluggy_only_rules_become_hook_errors() -> None:
    class HistoricWrapperHooks:
        @hook_impl(hookwrapper=True, wrapper=True)
        def before_node_run(self) -> Any:
            yield

    with pytest.raises(HookError, match="cannot be registered"):
        register_hooks(create_hook_manager(), [HistoricWrapperHooks()])


def test_wrapper_hooks_work() -> None:
    class WrapperHooks:
        @hook_impl(wrapper=True)
        def before_node_run(self) -> Any:
            result = yield
            return [*result, {"wrapped": True}]

    manager = create_hook_manager()
    register_hooks(manager, [WrapperHooks(), RecordingHooks()])
    assert call_before_node_run(manager) == [{"x": 2}, {"wrapped": True}]
