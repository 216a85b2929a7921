"""The report as text for people (grouped by severity) or as JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ._model import SEVERITIES
from ._model import Report
from ._model import Rule

__all__ = ["format_json", "format_rules", "format_text"]

_TITLES = {"error": "errors", "warning": "warnings", "info": "info"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 or word == "info" else f"{count} {word}s"


def format_text(report: Report) -> str:
    """The report grouped by severity, errors first, then a summary line with the score.

    Args:
        report: The report.

    Returns:
        The text, ending with a newline.
    """
    lines: list[str] = []
    for severity in SEVERITIES:
        found = report.by_severity(severity)
        if not found:
            continue
        lines.append(f"{_TITLES[severity]} ({len(found)}):")
        for finding in found:
            lines.append(f"  {finding.location}: {finding.id} {finding.message}")
            if finding.hint:
                lines.append(f"      fix: {finding.hint}")
        lines.append("")
    counts = report.counts()
    summary = ", ".join(_plural(counts[s], s) for s in SEVERITIES)
    lines.append(
        f"score {report.score}/100: {summary} "
        f"({_plural(len(report.rules), 'check')} run)."
    )
    return "\n".join(lines) + "\n"


def format_json(report: Report) -> str:
    """The report as JSON: project, score, counts, checks run, findings.

    Args:
        report: The report.

    Returns:
        Indented JSON, ending with a newline.
    """
    return json.dumps(report.to_dict(), indent=2) + "\n"


def format_rules(rules: Iterable[Rule]) -> str:
    """Every rule: id, severity and summary, with its fix hint below.

    Args:
        rules: The rules, in order.

    Returns:
        The text, ending with a newline.
    """
    lines = []
    for rule in rules:
        lines.append(f"{rule.id:<13} {rule.severity:<8} {rule.summary}")
        lines.append(f"{'':<23}fix: {rule.hint}")
    return "\n".join(lines) + "\n"
