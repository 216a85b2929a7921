"""Dataset-name rules shared by nodes and pipelines: parameters, transcoding."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence

from .._suggest import did_you_mean

TRANSCODING_SEPARATOR = "@"
PARAMS_PREFIX = "params:"
ALL_PARAMETERS = "parameters"


def strip_transcoding(name: str) -> str:
    """Return the dataset name before ``@`` (``"cars@pandas"`` -> ``"cars"``)."""
    base, _, _ = name.partition(TRANSCODING_SEPARATOR)
    return base


def split_transcoding(name: str) -> tuple[str, str]:
    """Return ``(base, format)``; the format is ``""`` for a plain name."""
    base, _, fmt = name.partition(TRANSCODING_SEPARATOR)
    return base, fmt


def is_single_parameter(name: str) -> bool:
    """Whether ``name`` reads one parameter (``params:a.b``)."""
    return name.startswith(PARAMS_PREFIX)


def is_parameter(name: str) -> bool:
    """Whether ``name`` reads parameters (``params:*`` or ``parameters``)."""
    return name == ALL_PARAMETERS or name.startswith(PARAMS_PREFIX)


def as_name_list(value: str | Iterable[str] | Mapping[str, str] | None) -> list[str]:
    """Return ``None | str | Iterable[str] | dict`` as a list (dict: its values)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return list(value.values())
    return list(value)


def unknown_names_message(
    kind: str, unknown: Sequence[str], candidates: Iterable[str], where: str
) -> str:
    """Build ``<kind> 'x' is not <where> (did you mean 'y'?)`` for one or more names."""
    pool = sorted(set(candidates))
    if len(unknown) == 1:
        return f"{kind} {unknown[0]!r} is not {where}{_hint(unknown[0], pool)}"
    shown = ", ".join(f"{name!r}{_hint(name, pool)}" for name in unknown[:5])
    if len(unknown) > 5:
        shown += f" and {len(unknown) - 5} more"
    return f"{kind}s {shown} are not {where}"


def _hint(name: str, pool: Sequence[str]) -> str:
    """Suggest ``ns.name`` when a namespace was left out, else the closest names."""
    suffix = f".{name}"
    matches = [c for c in pool if c.endswith(suffix)][:3]
    if matches:
        return f" (did you mean {' or '.join(repr(m) for m in matches)}?)"
    return did_you_mean(name, pool)
