"""Run the selected checks on a project and collect a `Report`."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from pathlib import Path

from ._catalog import check_catalog
from ._config import CheckConfig
from ._config import read_config
from ._data import check_data
from ._data import check_notebooks
from ._layout import check_layout
from ._model import Finding
from ._model import Report
from ._project import ProjectFacts
from ._registry import RULES
from ._registry import expand_selectors
from ._secrets import check_secrets
from ._template import check_template

__all__ = ["CHECKERS", "run_checks", "selected_rules"]

CHECKERS: dict[str, Callable[[ProjectFacts], Iterator[Finding]]] = {
    "CAT": check_catalog,
    "SEC": check_secrets,
    "DATA": check_data,
    "NB": check_notebooks,
    "LAY": check_layout,
    "TPL": check_template,
}
"""Family -> the function that runs its checks, in report order."""


def selected_rules(
    config: CheckConfig,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> list[str]:
    """The rule ids to run: ``select`` (else the config's, else all) minus ignores.

    Args:
        config: The project's ``[tool.keel.check]``.
        select: ``--select`` values; they replace the config's ``select``.
        ignore: ``--ignore`` values; they add to the config's ``ignore``.

    Returns:
        Rule ids, in report order.

    Raises:
        ConfigError: A selector names no rule.
    """
    select = list(select or [])
    if select:
        chosen = expand_selectors(select, source="--select")
    elif config.select:
        chosen = expand_selectors(list(config.select), source="pyproject.toml")
    else:
        chosen = set(RULES)
    chosen -= expand_selectors(list(config.ignore), source="pyproject.toml")
    chosen -= expand_selectors(list(ignore or []), source="--ignore")
    return [rule_id for rule_id in RULES if rule_id in chosen]


def run_checks(
    project_path: str | Path,
    package_name: str,
    *,
    env: str | None = None,
    conf_source: str | Path | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> Report:
    """Check a project against the house rules.

    Args:
        project_path: The project root.
        package_name: The project package (importable: its pipelines are loaded).
        env: The configuration environment (default: the run default, local).
        conf_source: The configuration folder (default: CONF_SOURCE of settings.py).
        select: Rule ids or families to run (default: the config's, else all).
        ignore: Rule ids or families to leave out, besides the config's.

    Returns:
        The report.

    Raises:
        ConfigError: ``[tool.keel.check]`` or a selector is invalid.
    """
    root = Path(project_path).resolve()
    config = read_config(root)
    chosen = selected_rules(config, select, ignore)
    facts = ProjectFacts(
        root=root,
        package=package_name,
        env=env,
        allowed_data_files=config.allowed_data_files,
        conf_source=Path(conf_source).resolve() if conf_source else None,
    )
    report = Report(project=str(root), rules=[RULES[r] for r in chosen])
    wanted = set(chosen)
    for family, checker in CHECKERS.items():
        if any(RULES[r].family == family for r in chosen):
            report.add(f for f in checker(facts) if f.id in wanted)
    return report
