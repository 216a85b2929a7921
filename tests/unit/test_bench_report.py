"""benchmarks/report.py and run.py: summaries, ratios, "> cap", skips, the table."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import report
import run as driver
from report import Row
from report import Target


def test_summary_gives_median_spread_and_count() -> None:
    summary = report.summarise([0.3, 0.1, 0.2, 0.9])
    assert (summary.median, summary.low, summary.high, summary.n) == (0.25, 0.1, 0.9, 4)


def test_summary_of_no_values_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        report.summarise([])


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (0.0082, "s", "8.2 ms"),
        (0.085, "s", "85 ms"),
        (2.314, "s", "2.31 s"),
        (1234.5, "s", "1,234.50 s"),
        (246.4, "MiB", "246 MiB"),
    ],
)
def test_values_are_formatted_in_a_readable_unit(
    value: float, unit: str, text: str
) -> None:
    assert report.format_value(value, unit) == text


def test_cell_shows_median_then_min_max_and_runs() -> None:
    cell = report.format_summary(report.summarise([0.050, 0.052, 0.055]))
    assert cell == "52 ms (50-55, n=3)"


def test_stopped_run_is_shown_as_more_than_the_cap() -> None:
    assert report.format_summary(report.capped(60.0)) == "> 60.00 s (stopped at cap)"


def test_ratio_is_keel_over_kedro_and_says_how_much_faster() -> None:
    row = Row("w", report.summarise([0.1]), report.summarise([0.5]))
    assert report.format_ratio(row) == "0.20 (5.0x faster)"


def test_ratio_against_a_stopped_kedro_run_is_an_upper_bound() -> None:
    row = Row("w", report.summarise([0.5]), report.capped(60.0))
    assert report.ratio(row.keel, row.kedro) == (pytest.approx(0.5 / 60), "<")
    assert report.format_ratio(row) == "< 0.0083 (> 120.0x faster)"


def test_ratio_is_unknown_when_both_runs_were_stopped() -> None:
    row = Row("w", report.capped(60.0), report.capped(60.0))
    assert report.format_ratio(row) == "unknown (both stopped)"


def test_slower_keel_is_reported_as_slower() -> None:
    row = Row("w", report.summarise([2.0]), report.summarise([1.0]))
    assert report.format_ratio(row) == "2.00 (2.0x slower)"


def test_speedup_target_is_met_or_missed() -> None:
    target = Target("≥ 4x faster", speedup=4)
    fast = Row("w", report.summarise([0.1]), report.summarise([0.5]), target=target)
    slow = Row("w", report.summarise([0.2]), report.summarise([0.5]), target=target)
    assert report.verdict(fast) == "**met**"
    assert report.verdict(slow) == "**missed**"


def test_target_is_met_when_even_the_cap_proves_it() -> None:
    target = Target("≥ 100x faster", speedup=100)
    row = Row("w", report.summarise([0.5]), report.capped(60.0), target=target)
    assert report.verdict(row) == "**met** (Kedro stopped)"


def test_target_is_unknown_when_the_cap_is_too_low_to_prove_it() -> None:
    target = Target("≥ 100x faster", speedup=100)
    row = Row("w", report.summarise([1.0]), report.capped(60.0), target=target)
    assert report.verdict(row) == "unknown (Kedro stopped)"


def test_memory_target_compares_the_ratio_with_its_maximum() -> None:
    target = Target("≤ Kedro's", max_ratio=1.0)
    row = Row(
        "w", report.summarise([240]), report.summarise([380]), "MiB", target=target
    )
    assert report.format_ratio(row) == "0.63"
    assert report.verdict(row) == "**met**"


def test_table_has_a_header_and_one_line_per_row() -> None:
    rows = [Row("a", report.summarise([0.1]), report.summarise([0.2]))]
    lines = report.table(rows)
    assert lines[0].startswith("| workload | Keel | Kedro 1.7.0 |")
    assert lines[2] == "| a | 100 ms (n=1) | 200 ms (n=1) | 0.50 (2.0x faster) |  | — |"


def test_report_lists_header_sections_and_notes() -> None:
    rows = [Row("a", report.summarise([0.1]), report.summarise([0.2]))]
    text = report.markdown([("1. Start-up", rows)], ["Machine: 2 cores"], ["a note"])
    assert "- Machine: 2 cores" in text
    assert "### 1. Start-up" in text
    assert text.endswith("- a note\n")


def test_block_between_markers_is_replaced_and_the_rest_kept() -> None:
    page = f"intro\n{report.START}\nold\n{report.END}\noutro\n"
    assert report.replace_block(page, "new\n") == (
        f"intro\n{report.START}\nnew\n{report.END}\noutro\n"
    )


def test_page_without_markers_is_refused() -> None:
    with pytest.raises(ValueError, match="bench:start"):
        report.replace_block("no markers here", "new")


def test_size_after_a_stopped_one_is_not_run() -> None:
    note = driver.skip_note(5000, 1000, None, cap=60.0)
    assert note == "not run: 1,000 nodes was stopped"


def test_size_whose_linear_lower_bound_passes_the_cap_is_not_run() -> None:
    note = driver.skip_note(1000, None, (100, {"import_s": 9.0, "run_s": 11.5}), 60.0)
    assert note == "not run: the run of 100 nodes took 11.5 s, so 1,000 take ≥ 115 s"


def test_size_whose_lower_bound_is_under_the_cap_is_run() -> None:
    assert driver.skip_note(5000, None, (1000, {"run_s": 2.0}), 60.0) == ""


def test_size_whose_lower_bound_is_within_the_margin_is_run() -> None:
    previous = (1000, {"run_s": 12.1})
    assert driver.skip_note(5000, None, previous, 60.0, margin=2.0) == ""
    assert driver.skip_note(10_000, None, previous, 60.0, margin=2.0) == (
        "not run: the run of 1,000 nodes took 12.1 s, so 10,000 take ≥ 121 s"
    )
