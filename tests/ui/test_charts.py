"""The debrief's negotiation map draws what the hidden truth says, where it says."""

from __future__ import annotations

import pygame

from game.ui import charts

LABELS = charts.MapLabels("x", "y", "ours", "theirs", "frontier", "zone", "our rv", "their rv",
                          "deal", "nash")
TRUTH = {
    "seller_reservation": 0.2,
    "reservation": 0.4,
    "frontier": [[0.0, 1.0], [0.5, 0.8], [0.8, 0.5], [1.0, 0.0]],
    "moves": [
        {"kind": "trainee_offered", "u_seller": 0.9, "u_customer": 0.3},
        {"kind": "customer_countered", "u_seller": 0.3, "u_customer": 0.9},
    ],
    "nash": {"u_seller": 0.5, "u_customer": 0.8},
}
SIZE = (400, 400)


def at(u: float, v: float) -> tuple[int, int]:
    left, right, top, bottom = 56, SIZE[0] - 16, 16, SIZE[1] - 84
    return int(left + (right - left) * u), int(bottom - (bottom - top) * v)


def test_the_map_shows_zone_reservations_and_both_sides_offers():
    pygame.init()
    surface = charts.utility_map(SIZE, TRUTH, LABELS, agreement=None)
    # inside the zone of agreement (above both walk-aways, under the frontier): shaded
    inside = surface.get_at(at(0.45, 0.55))[:3]
    outside = surface.get_at(at(0.1, 0.2))[:3]
    assert inside != outside and inside[1] > outside[1]
    # the walk-away lines: ours vertical (blue), theirs horizontal (orange)
    column = [surface.get_at((at(0.2, 0)[0], y))[:3] for y in range(at(0, 1)[1], at(0, 0)[1])]
    assert charts.BLUE in column
    row = [surface.get_at((x, at(0, 0.4)[1]))[:3] for x in range(at(0, 0)[0], at(1, 0)[0])]
    assert charts.ORANGE in row
    # each side's offer is a dot of its colour where its utilities put it
    assert surface.get_at((at(0.9, 0.3)[0] + 4, at(0.9, 0.3)[1]))[:3] == charts.BLUE
    assert surface.get_at((at(0.3, 0.9)[0] + 4, at(0.3, 0.9)[1]))[:3] == charts.ORANGE


def test_kpi_bars_colour_a_missed_target_differently_from_a_met_one():
    pygame.init()
    rows = [charts.KpiRow("a", 120, 100, "120", "100"), charts.KpiRow("b", 10, 100, "10", "100")]
    surface = charts.kpi_bars((600, 100), rows, "target")
    assert surface.get_at((152, 25))[:3] == charts.GOOD
    assert surface.get_at((152, 75))[:3] == charts.BAD


def test_a_value_the_target_line_crosses_is_not_struck_through():
    """A bar just under its target has its value label where the dashed target line runs: the
    line stops at the label's patch, so the figure reads as a figure, not a deleted one."""
    pygame.init()
    size = (200, 250)
    values = [92.0, 130.0]
    surface = charts.series_bars(size, "sales", ["r1", "r2"], values, 100.0, lambda v: f"{v:.0f}M")
    left, right = 8, size[0] - 8

    def row(y: int, xs: range) -> list:
        return [surface.get_at((x, y))[:3] for x in xs]

    # the target line: the row drawn in the text colour at the chart's left edge
    line = [y for y in range(30, size[1] - 20) if charts.TEXT in row(y, range(left, left + 30))]
    assert line
    ty = line[0]
    # the first bar's label (just above the bar, centred on it) sits on that row
    cx = round(left + (right - left) / 4)
    width, height = charts.font(11).size("92M")
    bar_top = next(y for y in range(size[1]) if surface.get_at((cx, y))[:3] == charts.WARN)
    assert bar_top - 2 - height <= ty < bar_top - 2
    under_label = row(ty, range(cx - width // 2 + 1, cx + width // 2))
    patch = [p for p in under_label if p == charts.BG]
    assert len(patch) > len(under_label) // 3  # the label's patch, not a dashed line, there
