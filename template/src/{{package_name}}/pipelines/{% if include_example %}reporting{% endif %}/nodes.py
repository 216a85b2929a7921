"""Nodes of the reporting pipeline: a summary table and a chart for people to read.

The chart is plain SVG text built here, so the project needs no plotting library;
the catalog saves it with ``text.TextDataset`` and any browser shows it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

import pandas as pd

_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728")
_MARGIN = {"left": 64, "right": 24, "top": 48, "bottom": 64}


def summarise_districts(model_input_table: pd.DataFrame) -> pd.DataFrame:
    """Count stations, docks and trips per district.

    Args:
        model_input_table: One row per station and day, with ``district``,
            ``station_id``, ``docks`` and ``trips``.

    Returns:
        One row per district, busiest first: ``stations``, ``docks`` (total),
        ``mean_daily_trips`` (the district's trips on an average day) and
        ``trips_per_dock`` (that figure divided by the docks).
    """
    per_station = model_input_table.groupby(["district", "station_id"]).agg(
        docks=("docks", "first"), mean_daily_trips=("trips", "mean")
    )
    summary = per_station.groupby("district").agg(
        stations=("docks", "size"),
        docks=("docks", "sum"),
        mean_daily_trips=("mean_daily_trips", "sum"),
    )
    summary["trips_per_dock"] = summary["mean_daily_trips"] / summary["docks"]
    summary = summary.round({"mean_daily_trips": 1, "trips_per_dock": 2})
    summary = summary.sort_values("mean_daily_trips", ascending=False)
    return summary.reset_index()


def plot_daily_demand(test_predictions: pd.DataFrame, chart: dict[str, Any]) -> str:
    """Draw the city's observed and predicted trips per day as an SVG line chart.

    Args:
        test_predictions: One row per station-day with ``date``, ``trips`` and
            ``predicted_trips`` (the output of the data_science pipeline).
        chart: Parameters; ``title``, ``width`` and ``height`` (pixels).

    Returns:
        The SVG document as text.
    """
    daily = test_predictions.groupby("date")[["trips", "predicted_trips"]].sum()
    labels = [f"{day:%d %b}" for day in pd.to_datetime(daily.index)]
    return render_line_chart(
        labels,
        {
            "observed": daily["trips"].tolist(),
            "predicted": daily["predicted_trips"].tolist(),
        },
        title=str(chart["title"]),
        width=int(chart.get("width", 800)),
        height=int(chart.get("height", 360)),
    )


def render_line_chart(
    labels: Sequence[str],
    series: dict[str, Sequence[float]],
    *,
    title: str,
    width: int = 800,
    height: int = 360,
) -> str:
    """Render line series over shared x labels as a standalone SVG document.

    Args:
        labels: One label per x position, for example dates.
        series: Legend name -> one y value per label (at most four series).
        title: Text above the chart.
        width: Width of the picture in pixels.
        height: Height of the picture in pixels.

    Returns:
        The SVG document as text.

    Raises:
        ValueError: If there are no labels, too many series, or a series whose
            length differs from the labels'.
    """
    if not labels:
        raise ValueError("the chart has no x labels: give at least one point.")
    if len(series) > len(_COLOURS):
        raise ValueError(f"the chart has {len(series)} series: at most 4 fit.")
    for name, values in series.items():
        if len(values) != len(labels):
            raise ValueError(
                f"series {name!r} has {len(values)} values: expected {len(labels)}, "
                "one per label."
            )
    left, top = _MARGIN["left"], _MARGIN["top"]
    plot_w = width - left - _MARGIN["right"]
    plot_h = height - top - _MARGIN["bottom"]
    y_step = _nice_step(max((max(v, default=0) for v in series.values()), default=0))
    y_top = y_step * 5

    def x_at(i: int) -> float:
        if len(labels) == 1:
            return left + plot_w / 2
        return left + plot_w * i / (len(labels) - 1)

    def y_at(value: float) -> float:
        return top + plot_h * (1 - value / y_top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="{top / 2:.0f}" font-size="16">{escape(title)}</text>',
    ]
    for k in range(6):
        y = y_at(k * y_step)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
            f'stroke="#ddd"/><text x="{left - 8}" y="{y + 4:.1f}" '
            f'text-anchor="end">{k * y_step:g}</text>'
        )
    for i in sorted({0, len(labels) // 2, len(labels) - 1}):
        parts.append(
            f'<text x="{x_at(i):.1f}" y="{top + plot_h + 20}" '
            f'text-anchor="middle">{escape(labels[i])}</text>'
        )
    for n, (name, values) in enumerate(series.items()):
        points = " ".join(f"{x_at(i):.1f},{y_at(v):.1f}" for i, v in enumerate(values))
        colour = _COLOURS[n]
        legend_x = left + 120 * n
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
            f'points="{points}"/>'
            f'<rect x="{legend_x}" y="{height - 24}" width="12" height="12" '
            f'fill="{colour}"/><text x="{legend_x + 18}" y="{height - 14}">'
            f"{escape(name)}</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _nice_step(largest: float) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) for five steps to cover."""
    if largest <= 0 or not math.isfinite(largest):
        return 1.0
    rough = largest / 5
    power = 10 ** math.floor(math.log10(rough))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
