"""Project settings, read by the runtime when a run starts.

Change these only when you need to; the defaults suit most projects.
"""

from __future__ import annotations

from typing import Any

# Hook instances called around runs, nodes and dataset loads and saves, for example
# HOOKS = (TimingHooks(),) with a class whose methods carry @hook_impl
# (from <package>.runtime import hook_impl). Kedro's hook names work unchanged.
HOOKS: tuple[object, ...] = ()

# The configuration folder, relative to the project root.
CONF_SOURCE = "conf"

# How configuration environments are layered: conf/base, overridden by conf/local
# (or by the folder named with --env).
CONFIG_LOADER_ARGS: dict[str, Any] = {
    "base_env": "base",
    "default_run_env": "local",
}
