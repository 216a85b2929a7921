"""The benchmark report's pure parts: summaries, ratios, verdicts, the Markdown table.

Nothing here runs a process or reads a clock, so it is unit-tested on its own
(``tests/unit/test_bench_report.py``).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass

START = "<!-- bench:start -->"
END = "<!-- bench:end -->"
SECONDS = "s"
MIB = "MiB"


@dataclass(frozen=True)
class Summary:
    """The runs of one tool on one workload.

    ``capped`` means the run was stopped at the time cap (or not started because a
    smaller size already was): ``median`` is then the cap, a lower bound.
    ``derived`` means the value was computed from other rows, not measured.
    """

    median: float
    low: float
    high: float
    n: int
    capped: bool = False
    derived: bool = False
    note: str = ""


@dataclass(frozen=True)
class Target:
    """What the issue asks for: Keel at least ``speedup`` times faster, or for
    memory (``speedup`` is None) Keel's peak at most ``max_ratio`` of Kedro's."""

    text: str
    speedup: float | None = None
    max_ratio: float | None = None


@dataclass(frozen=True)
class Row:
    """One line of a table: a workload measured with both tools."""

    workload: str
    keel: Summary | None
    kedro: Summary | None
    unit: str = SECONDS
    target: Target | None = None


def summarise(values: Sequence[float]) -> Summary:
    """Return median, minimum, maximum and count of ``values`` (at least one)."""
    if not values:
        raise ValueError("summarise() needs at least one value")
    return Summary(statistics.median(values), min(values), max(values), len(values))


def capped(cap: float, note: str = "") -> Summary:
    """Return the summary of a run stopped (or skipped) at ``cap`` seconds."""
    return Summary(cap, cap, cap, 0, capped=True, note=note)


def derived(value: float, note: str = "") -> Summary:
    """Return a value computed from other rows (no spread of its own)."""
    return Summary(value, value, value, 0, derived=True, note=note)


def format_value(value: float, unit: str = SECONDS) -> str:
    """Format one number: ``8.2 ms``, ``85 ms``, ``2.31 s``, ``246 MiB``."""
    if unit == MIB:
        return f"{value:,.0f} MiB"
    if abs(value) < 0.01:
        return f"{value * 1000:.1f} ms"
    if abs(value) < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:,.2f} s"


def _bare(value: float, unit: str) -> str:
    """Format a number without its unit, as the spread shows it."""
    return format_value(value, unit).rsplit(" ", 1)[0]


def format_summary(summary: Summary | None, unit: str = SECONDS) -> str:
    """Format a table cell: median, then the spread (min-max) and the run count."""
    if summary is None:
        return "—"
    if summary.capped:
        note = summary.note or "stopped at cap"
        return f"> {format_value(summary.median, unit)} ({note})"
    if summary.derived:
        note = f" ({summary.note})" if summary.note else ""
        return f"{format_value(summary.median, unit)}{note}"
    if summary.n == 1:
        return f"{format_value(summary.median, unit)} (n=1)"
    return (
        f"{format_value(summary.median, unit)} "
        f"({_bare(summary.low, unit)}-{_bare(summary.high, unit)}, n={summary.n})"
    )


def ratio(keel: Summary, kedro: Summary) -> tuple[float | None, str]:
    """Return Keel/Kedro and its bound: ``""`` exact, ``"<"`` or ``">"`` a bound.

    A Kedro run stopped at the cap took at least the cap, so the ratio is at most
    the computed one (``"<"``); a stopped Keel run makes it at least (``">"``).
    When both were stopped nothing is known: ``(None, "")``.
    """
    if keel.capped and kedro.capped:
        return None, ""
    if kedro.median <= 0:
        return None, ""
    value = keel.median / kedro.median
    if kedro.capped:
        return value, "<"
    if keel.capped:
        return value, ">"
    return value, ""


def format_ratio(row: Row) -> str:
    """Format the Keel/Kedro cell; for times also how many times faster Keel is."""
    if row.keel is None or row.kedro is None:
        return "—"
    value, bound = ratio(row.keel, row.kedro)
    if value is None:
        return "unknown (both stopped)"
    if value <= 0:
        return "n/a (a difference below the noise)"
    prefix = f"{bound} " if bound else ""
    text = f"{prefix}{value:.2f}" if value >= 0.01 else f"{prefix}{value:.4f}"
    if row.unit != SECONDS or value <= 0:
        return text
    speed = 1 / value
    speed_bound = {"<": "> ", ">": "< "}.get(bound, "")
    word = "faster" if speed >= 1 else "slower"
    shown = speed if speed >= 1 else 1 / speed
    if speed < 1 and speed_bound:
        speed_bound = {"> ": "< ", "< ": "> "}[speed_bound]
    return f"{text} ({speed_bound}{shown:,.1f}x {word})"


def verdict(row: Row) -> str:
    """Say whether the row meets its target: ``met``, ``missed``, ``unknown``, ``—``."""
    if row.target is None or row.keel is None or row.kedro is None:
        return "—"
    value, bound = ratio(row.keel, row.kedro)
    if value is None:
        return "unknown"
    if row.target.max_ratio is not None:
        meets = value <= row.target.max_ratio
    else:
        meets = value > 0 and 1 / value >= (row.target.speedup or 0)
    if not bound:
        return "**met**" if meets else "**missed**"
    # "<": the true ratio is smaller than value, i.e. Keel is even faster.
    if bound == "<":
        return "**met** (Kedro stopped)" if meets else "unknown (Kedro stopped)"
    return "unknown (Keel stopped)" if meets else "**missed** (Keel stopped)"


def table(rows: Iterable[Row]) -> list[str]:
    """Return the Markdown lines of one table."""
    lines = [
        "| workload | Keel | Kedro 1.7.0 | Keel/Kedro | target | result |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        cells = [
            row.workload,
            format_summary(row.keel, row.unit),
            format_summary(row.kedro, row.unit),
            format_ratio(row),
            row.target.text if row.target else "",
            verdict(row),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def markdown(
    sections: Sequence[tuple[str, Sequence[Row]]],
    header: Sequence[str],
    notes: Sequence[str] = (),
) -> str:
    """Return the whole report: header lines, one table per section, then notes."""
    lines = ["## Keel vs Kedro 1.7.0", ""]
    lines += [f"- {item}" for item in header]
    for title, rows in sections:
        lines += ["", f"### {title}", "", *table(rows)]
    if notes:
        lines += ["", "Notes:", ""]
        lines += [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"


def replace_block(text: str, block: str, start: str = START, end: str = END) -> str:
    """Return ``text`` with what lies between the markers replaced by ``block``."""
    head, found, rest = text.partition(start)
    if not found:
        raise ValueError(f"marker {start!r} not found")
    _, found, tail = rest.partition(end)
    if not found:
        raise ValueError(f"marker {end!r} not found after {start!r}")
    return f"{head}{start}\n{block.strip()}\n{end}{tail}"
