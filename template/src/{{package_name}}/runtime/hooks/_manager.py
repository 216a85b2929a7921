"""Creating the hook manager and registering a project's hooks, with clear errors."""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import Any

import pluggy

from .._errors import ProjectError
from .._suggest import did_you_mean
from ._markers import HOOK_NAMESPACE
from ._specs import SPEC_CLASSES

__all__ = ["HookError", "HookManager", "create_hook_manager", "register_hooks"]

HookManager = pluggy.PluginManager
"""The hook manager's type, pluggy's ``PluginManager``: ``manager.hook.<name>(...)``."""

# argument names older Kedro hooks use, and what they are called now
_RENAMED_ARGS = {"session_id": "run_id", "feed_dict": "parameters"}


class HookError(ProjectError):
    """A hooks object cannot be registered.

    Attributes:
        hook_class: The name of the hooks object's class.
        method: The offending method's name, or None when the object itself is wrong.
    """

    def __init__(self, message: str, *, hook_class: str, method: str | None) -> None:
        super().__init__(message)
        self.hook_class = hook_class
        self.method = method


def create_hook_manager() -> pluggy.PluginManager:
    """Return a new hook manager with every Keel (Kedro-named) hook spec added.

    Returns:
        A pluggy ``PluginManager`` for the ``keel`` namespace.
    """
    manager = pluggy.PluginManager(HOOK_NAMESPACE)
    for specs in SPEC_CLASSES:
        manager.add_hookspecs(specs)
    return manager


def register_hooks(manager: pluggy.PluginManager, hooks: Iterable[object]) -> None:
    """Register hooks objects (``settings.HOOKS``) after checking every one of them.

    Nothing is registered unless all objects are valid. An object already registered
    is skipped, so registering the same settings twice is harmless.

    Args:
        manager: A manager from `create_hook_manager`.
        hooks: Instances of classes whose methods are marked with ``@hook_impl``.

    Raises:
        HookError: An entry is a class rather than an instance; a marked method's name
            is not a hook (with close matches); a hook method takes an argument the
            hook does not provide; or a method named like a hook is not marked.
    """
    specs = _spec_argnames(manager)
    objects = list(hooks)
    for hook in objects:
        _check_hooks_object(manager, hook, specs)
    for hook in objects:
        if manager.is_registered(hook):
            continue
        try:
            manager.register(hook)
        except pluggy.PluginValidationError as exc:  # rules checked only by pluggy
            cls = type(hook).__name__
            raise HookError(
                f"hooks class {cls!r} cannot be registered: {exc}. "
                "Fix the marked method's options.",
                hook_class=cls,
                method=None,
            ) from exc


def _spec_argnames(manager: pluggy.PluginManager) -> dict[str, tuple[str, ...]]:
    names: dict[str, tuple[str, ...]] = {}
    for name, caller in vars(manager.hook).items():
        spec = getattr(caller, "spec", None)
        if spec is not None:
            names[name] = tuple(spec.argnames)
    return names


def _check_hooks_object(
    manager: pluggy.PluginManager, hook: object, specs: dict[str, tuple[str, ...]]
) -> None:
    if isinstance(hook, type):
        raise HookError(
            f"hooks entry {hook.__name__!r} is a class, not an instance. "
            f"Instantiate it: HOOKS = ({hook.__name__}(),).",
            hook_class=hook.__name__,
            method=None,
        )
    cls = type(hook).__name__
    for name in dir(hook):
        if name.startswith("__"):
            continue
        member = getattr(type(hook), name, None)
        if not callable(member):
            continue
        marked = manager.parse_hookimpl_opts(hook, name) is not None
        if marked and name not in specs:
            raise HookError(
                f"hooks class {cls!r} method {name!r} is marked with @hook_impl but is "
                f"not a hook{did_you_mean(name, specs)}. Rename it to a hook's name or "
                "remove @hook_impl.",
                hook_class=cls,
                method=name,
            )
        if marked:
            _check_arguments(cls, name, getattr(hook, name), specs[name])
        elif hasattr(member, "kedro_impl"):
            raise HookError(
                f"hooks class {cls!r} method {name!r} is marked with Kedro's "
                "@hook_impl. Import hook_impl from the project's runtime instead.",
                hook_class=cls,
                method=name,
            )
        elif name in specs:
            raise HookError(
                f"hooks class {cls!r} method {name!r} is named like a hook but is not "
                "marked, so it would never be called. Decorate it with @hook_impl.",
                hook_class=cls,
                method=name,
            )


def _check_arguments(
    cls: str, name: str, method: Any, allowed: tuple[str, ...]
) -> None:
    try:
        parameters = inspect.signature(method).parameters.values()
    except (TypeError, ValueError):  # builtins without a signature: pluggy decides
        return
    required = [
        p.name
        for p in parameters
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        and p.default is p.empty
    ]
    for arg in required:
        if arg in allowed:
            continue
        renamed = _RENAMED_ARGS.get(arg)
        hint = (
            f" (Kedro 1.x renamed {arg!r} to {renamed!r})"
            if renamed in allowed
            else did_you_mean(arg, allowed)
        )
        raise HookError(
            f"hook {cls}.{name} takes argument {arg!r}, which the hook does not "
            f"provide{hint}: expected some of {', '.join(allowed)}. "
            "Remove or rename the argument.",
            hook_class=cls,
            method=name,
        )
