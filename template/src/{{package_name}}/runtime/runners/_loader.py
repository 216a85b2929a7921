"""``load_runner``: turn the CLI's ``--runner`` value into a runner class."""

from __future__ import annotations

import importlib

from .._errors import RunnerError
from .._suggest import did_you_mean
from ._base import AbstractRunner
from ._parallel import ParallelRunner
from ._sequential import SequentialRunner
from ._thread import ThreadRunner

__all__ = ["load_runner"]

_BUILT_IN: dict[str, type[AbstractRunner]] = {
    "SequentialRunner": SequentialRunner,
    "ThreadRunner": ThreadRunner,
    "ParallelRunner": ParallelRunner,
}
_KEDRO_PREFIXES = ("kedro.runner.",)  # so that a ported `--runner` value still works
_FIX = (
    "Use SequentialRunner, ThreadRunner, ParallelRunner or the dotted path of an "
    "AbstractRunner subclass, such as 'my_package.runners.MyRunner'."
)


def load_runner(name: str) -> type[AbstractRunner]:
    """Return the runner class that ``name`` refers to.

    Args:
        name: ``SequentialRunner``, ``ThreadRunner``, ``ParallelRunner`` (also with
            Kedro's ``kedro.runner.`` prefix), or the dotted path of a subclass of
            `AbstractRunner`, such as ``my_package.runners.DryRunner``.

    Returns:
        The class; call it to get a runner.

    Raises:
        RunnerError: The name is unknown, cannot be imported, or is not a runner class.

    Example:
        >>> load_runner("ThreadRunner")(max_workers=4)
        ThreadRunner(max_workers=4)
    """
    text = name.strip()
    for prefix in _KEDRO_PREFIXES:
        if text.startswith(prefix) and text[len(prefix) :] in _BUILT_IN:
            text = text[len(prefix) :]
    if text in _BUILT_IN:
        return _BUILT_IN[text]
    module_name, _, class_name = text.rpartition(".")
    if not module_name or not class_name:
        raise RunnerError(
            f"runner {name!r} is not known{did_you_mean(text, _BUILT_IN)}. {_FIX}"
        )
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise RunnerError(
            f"runner {name!r} cannot be imported: {type(exc).__name__}: {exc}. {_FIX}"
        ) from exc
    if not hasattr(module, class_name):
        names = [n for n in vars(module) if not n.startswith("_")]
        raise RunnerError(
            f"runner {name!r} is not defined in module {module_name!r}"
            f"{did_you_mean(class_name, names)}. {_FIX}"
        )
    value = getattr(module, class_name)
    if not (isinstance(value, type) and issubclass(value, AbstractRunner)):
        raise RunnerError(
            f"runner {name!r} is not a runner class: expected a subclass of "
            f"AbstractRunner, got {type(value).__name__}. {_FIX}"
        )
    return value
