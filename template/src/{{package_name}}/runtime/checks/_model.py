"""What a check finds (`Finding`), the rules it applies (`Rule`) and the `Report`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from typing import Any

__all__ = ["SEVERITIES", "Finding", "Report", "Rule"]

SEVERITIES = ("error", "warning", "info")
"""Severities, most serious first; only errors make ``check`` exit non-zero."""


@dataclass(frozen=True)
class Rule:
    """One check: its id, the family it belongs to, and what to tell the user.

    Attributes:
        id: ``KEEL-<FAMILY><NNN>``, e.g. ``KEEL-CAT003``.
        severity: The severity of its findings (a skipped check reports ``info``).
        summary: One line saying what the check wants.
        hint: How to fix a finding, in general.
    """

    id: str
    severity: str
    summary: str
    hint: str

    @property
    def family(self) -> str:
        """The family, e.g. ``CAT`` for ``KEEL-CAT003``."""
        return self.id.removeprefix("KEEL-").rstrip("0123456789")


@dataclass(frozen=True)
class Finding:
    """One thing a check found, where it is, and how to fix it.

    Attributes:
        file: The file, relative to the project root (POSIX), or None.
        line: The 1-based line in ``file``, or None when the finding is about a
            whole file or the project.
        id: The rule's id.
        severity: ``error``, ``warning`` or ``info``.
        message: What is wrong, naming the offending key, dataset or node.
        hint: How to fix it.
    """

    file: str | None
    line: int | None
    id: str
    severity: str
    message: str
    hint: str = ""

    @property
    def location(self) -> str:
        """``file:line``, ``file``, or ``-`` when the finding has no file."""
        if self.file is None:
            return "-"
        return self.file if self.line is None else f"{self.file}:{self.line}"

    def to_dict(self) -> dict[str, Any]:
        """The finding as JSON-ready data."""
        return asdict(self)


def _sort_key(finding: Finding) -> tuple[str, int, str, str]:
    return (finding.file or "", finding.line or 0, finding.id, finding.message)


@dataclass
class Report:
    """The findings of one ``check``, and the rules that ran.

    Attributes:
        project: The project root, as given.
        rules: The rules that ran.
        findings: What they found.
    """

    project: str
    rules: list[Rule] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def add(self, findings: Iterable[Finding]) -> None:
        """Add findings, keeping each distinct one once."""
        seen = set(self.findings)
        for finding in findings:
            if finding not in seen:
                seen.add(finding)
                self.findings.append(finding)

    def by_severity(self, severity: str) -> list[Finding]:
        """The findings of one severity, sorted by file, line and id."""
        return sorted(
            (f for f in self.findings if f.severity == severity), key=_sort_key
        )

    def counts(self) -> dict[str, int]:
        """Severity -> number of findings."""
        return {s: sum(f.severity == s for f in self.findings) for s in SEVERITIES}

    @property
    def score(self) -> int:
        """0 to 100: the share of rules that pass (a rule with warnings counts half).

        Info findings (including skipped checks) do not lower the score.
        """
        if not self.rules:
            return 100
        worst: dict[str, str] = {}
        for finding in self.findings:
            if finding.severity != "info" and worst.get(finding.id) != "error":
                worst[finding.id] = finding.severity
        points = sum(
            {"error": 0.0, "warning": 0.5}.get(worst.get(rule.id, ""), 1.0)
            for rule in self.rules
        )
        return round(100 * points / len(self.rules))

    @property
    def exit_code(self) -> int:
        """0 when nothing is an error, else 1."""
        return 1 if self.counts()["error"] else 0

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "project": self.project,
            "score": self.score,
            "counts": self.counts(),
            "checks": [rule.id for rule in self.rules],
            "findings": [f.to_dict() for f in sorted(self.findings, key=_sort_key)],
        }
