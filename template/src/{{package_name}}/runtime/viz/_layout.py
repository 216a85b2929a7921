"""Lay a pipeline out in rows: by data layer, then by depth; order rows by barycentre.

A layered (Sugiyama-style) drawing in linear-ish time: ranks come from one pass in
topological order, row order from a few barycentre sweeps (each a sort per row), and
x positions from a balanced pass that keeps the row order and the minimum gaps.
Edges are drawn as curves between rows, so no dummy nodes are added for long edges.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field

from ._model import KNOWN_LAYERS

__all__ = ["Layout", "compute_layout", "element_width"]

ROW_HEIGHT = 84
GAP = 28
MARGIN = 40
SWEEPS = 4
CHAR_WIDTH = 7.2
MAX_LABEL = 40


def element_width(label: str) -> float:
    """Return the drawn width of an element with this label (labels are cut at 40)."""
    return round(min(len(label), MAX_LABEL) * CHAR_WIDTH + 28, 1)


@dataclass
class Layout:
    """Positions of one pipeline's elements (box centres), its size and its bands.

    Attributes:
        x: Centre x of each element, in the order they were given.
        y: Centre y of each element.
        width: The drawing's width.
        height: The drawing's height.
        bands: ``(layer, top, bottom)`` of each data layer that has elements.
    """

    x: list[float] = field(default_factory=list)
    y: list[float] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    bands: list[tuple[str, float, float]] = field(default_factory=list)


def _layer_keys(
    order: Sequence[int], layers: Sequence[str | None], depth: list[int]
) -> dict[str, int]:
    """Number the layers: Kedro's order (or the folder number), then first depth."""
    first: dict[str, int] = {}
    for i in order:
        layer = layers[i]
        if layer is not None and layer not in first:
            first[layer] = depth[i]
    known = {name: rank for rank, name in enumerate(KNOWN_LAYERS)}
    ranked = sorted(first, key=lambda name: (known.get(name, 99), first[name], name))
    return {name: rank for rank, name in enumerate(ranked)}


def _bands(
    order: Sequence[int],
    preds: Sequence[Sequence[int]],
    succs: Sequence[Sequence[int]],
    own: list[int | None],
) -> list[int]:
    """Give each element a band: its layer, or its neighbours' (never above a pred)."""
    band: list[int | None] = [None] * len(own)
    for i in order:
        above = [band[p] for p in preds[i] if band[p] is not None]
        candidates = [b for b in (own[i], *above) if b is not None]
        band[i] = max(candidates) if candidates else None
    for i in reversed(order):
        if band[i] is None:
            below = [band[s] for s in succs[i] if band[s] is not None]
            band[i] = min(below) if below else 0
    return [b or 0 for b in band]


def _rows(
    order: Sequence[int],
    preds: Sequence[Sequence[int]],
    succs: Sequence[Sequence[int]],
    band: list[int],
    pinned: list[bool],
) -> list[int]:
    """Return each element's row: bands stacked, depth within a band."""
    local = [0] * len(band)
    for i in order:
        same = [local[p] + 1 for p in preds[i] if band[p] == band[i]]
        local[i] = max(same) if same else 0
    heights: dict[int, int] = {}
    for i in order:
        heights[band[i]] = max(heights.get(band[i], 0), local[i] + 1)
    offsets: dict[int, int] = {}
    total = 0
    for b in sorted(heights):
        offsets[b] = total
        total += heights[b]
    row = [offsets[band[i]] + local[i] for i in range(len(band))]
    for i in order:  # free inputs without a layer sit just above their first consumer
        if not preds[i] and not pinned[i] and succs[i]:
            row[i] = max(offsets[band[i]], min(row[s] for s in succs[i]) - 1)
    return row


def _order_rows(
    order: Sequence[int],
    preds: Sequence[Sequence[int]],
    succs: Sequence[Sequence[int]],
    row: list[int],
) -> list[list[int]]:
    """Order each row by the barycentre of neighbours, a few sweeps down and up."""
    rows: dict[int, list[int]] = {}
    for i in order:
        rows.setdefault(row[i], []).append(i)
    ranks = [rows[r] for r in sorted(rows)]
    pos = [0.0] * len(row)

    def place(members: list[int]) -> None:
        middle = (len(members) - 1) / 2
        for index, i in enumerate(members):
            pos[i] = index - middle

    for members in ranks:
        place(members)
    for sweep in range(SWEEPS):
        downward = sweep % 2 == 0
        sequence = ranks[1:] if downward else ranks[-2::-1]
        neighbours = preds if downward else succs
        for members in sequence:
            bary = {}
            for i in members:
                near = neighbours[i]
                bary[i] = sum(pos[n] for n in near) / len(near) if near else pos[i]
            members.sort(key=bary.__getitem__)
            place(members)
    return ranks


def _x_positions(
    ranks: list[list[int]],
    preds: Sequence[Sequence[int]],
    succs: Sequence[Sequence[int]],
    widths: Sequence[float],
) -> list[float]:
    """Pack each row, then pull elements towards their neighbours, keeping gaps."""
    x = [0.0] * len(widths)
    for members in ranks:
        cursor = 0.0
        for index, i in enumerate(members):
            if index:
                cursor += (widths[members[index - 1]] + widths[i]) / 2 + GAP
            x[i] = cursor
        shift = cursor / 2
        for i in members:
            x[i] -= shift
    for sweep in range(2):
        sequence = ranks if sweep == 0 else ranks[::-1]
        for members in sequence:
            wanted = []
            for i in members:
                near = [*preds[i], *succs[i]]
                wanted.append(sum(x[n] for n in near) / len(near) if near else x[i])
            gaps = [
                (widths[members[k - 1]] + widths[members[k]]) / 2 + GAP
                for k in range(1, len(members))
            ]
            left = list(wanted)
            for k in range(1, len(members)):
                left[k] = max(left[k], left[k - 1] + gaps[k - 1])
            right = list(wanted)
            for k in range(len(members) - 2, -1, -1):
                right[k] = min(right[k], right[k + 1] - gaps[k])
            for k, i in enumerate(members):
                x[i] = (left[k] + right[k]) / 2
    return x


def compute_layout(
    order: Sequence[int],
    preds: Sequence[Sequence[int]],
    succs: Sequence[Sequence[int]],
    layers: Sequence[str | None],
    widths: Sequence[float],
) -> Layout:
    """Lay out a DAG whose elements are numbered ``0..n-1``.

    Args:
        order: The elements in topological order.
        preds: Each element's predecessors.
        succs: Each element's successors.
        layers: Each element's data layer, or None.
        widths: Each element's drawn width.

    Returns:
        The positions, size and layer bands.
    """
    n = len(widths)
    if n == 0:
        return Layout(width=2 * MARGIN, height=2 * MARGIN)
    depth = [0] * n
    for i in order:
        depth[i] = max((depth[p] + 1 for p in preds[i]), default=0)
    keys = _layer_keys(order, layers, depth)
    own = [keys[layer] if layer is not None else None for layer in layers]
    band = _bands(order, preds, succs, own)
    row = _rows(order, preds, succs, band, [b is not None for b in own])
    ranks = _order_rows(order, preds, succs, row)
    x = _x_positions(ranks, preds, succs, widths)
    left = min(x[i] - widths[i] / 2 for i in range(n))
    x = [round(value - left + MARGIN, 1) for value in x]
    y = [float(row[i] * ROW_HEIGHT + MARGIN) for i in range(n)]
    width = max(x[i] + widths[i] / 2 for i in range(n)) + MARGIN
    height = max(y) + MARGIN
    names = {rank: name for name, rank in keys.items()}
    bands: dict[str, list[float]] = {}
    for i in range(n):
        if band[i] in names:
            span = bands.setdefault(names[band[i]], [y[i], y[i]])
            span[0], span[1] = min(span[0], y[i]), max(span[1], y[i])
    half = ROW_HEIGHT / 2
    return Layout(
        x=x,
        y=y,
        width=round(width, 1),
        height=height,
        bands=[(name, lo - half, hi + half) for name, (lo, hi) in bands.items()],
    )
