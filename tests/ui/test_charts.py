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
