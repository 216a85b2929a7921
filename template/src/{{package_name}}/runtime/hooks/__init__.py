"""Hooks: Kedro's hook names on pluggy, under the ``keel`` namespace.

A project's ``settings.py`` lists hooks objects::

    from my_package.runtime import hook_impl

    class TimingHooks:
        @hook_impl
        def before_node_run(self, node):
            ...

    HOOKS = (TimingHooks(),)
"""

from __future__ import annotations

from ._manager import HookError
from ._manager import HookManager
from ._manager import create_hook_manager
from ._manager import register_hooks
from ._markers import HOOK_NAMESPACE
from ._markers import hook_impl
from ._markers import hook_spec

__all__ = [
    "HOOK_NAMESPACE",
    "HookError",
    "HookManager",
    "create_hook_manager",
    "hook_impl",
    "hook_spec",
    "register_hooks",
]
