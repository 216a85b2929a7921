"""The hook markers: ``@hook_impl`` on a project's hooks, ``@hook_spec`` on specs."""

from __future__ import annotations

from typing import Final

import pluggy

__all__ = ["HOOK_NAMESPACE", "hook_impl", "hook_spec"]

HOOK_NAMESPACE: Final = "keel"

hook_spec: Final = pluggy.HookspecMarker(HOOK_NAMESPACE)
"""Marks a hook specification (used by the runtime's own specs)."""

hook_impl: Final = pluggy.HookimplMarker(HOOK_NAMESPACE)
"""Marks a hooks class's method as the implementation of the hook of that name."""
