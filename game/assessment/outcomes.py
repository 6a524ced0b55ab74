"""A game's outcomes as the consequences studies compare them, read from its event log: profit
and the KPIs the courseware ties each step of the sales process to."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from game.engine.events import Event
from game.text.progress import Progress

OUTCOMES: dict[str, str] = {
    "profit": "contribution profit over the game",
    "revenue": "revenue over the game",
    "margin": "contribution profit / revenue",
    "market_share": "share of units in the last round",
    "customers": "customers at the end",
    "satisfaction": "volume-weighted satisfaction at the end",
    "key_account_satisfaction": "mean satisfaction of the key accounts served at the end",
    "stock_cost": "holding, write-downs and rush premiums",
    "late_deliveries": "key-account deliveries that turned late",
    "expected_credit_loss": "receivables x default chance x (1 - recovery), summed weekly",
    "bad_debt": "receivables lost to defaults",
    "lost_sales": "revenue lost to stock-outs and to dissatisfied accounts buying elsewhere",
    "value_claimed": "mean share of the negotiation room kept (no deal: 0)",
    "forecast_error": "mean absolute error of the round forecasts, as a share of the forecast "
    "(a round without a forecast counts as 100%)",
}
"""Every outcome id, with what it measures."""

HIGHER_IS_BETTER: dict[str, bool] = {
    k: k not in ("stock_cost", "late_deliveries", "expected_credit_loss", "bad_debt", "lost_sales",
                 "forecast_error")
    for k in OUTCOMES
}


def play_for_outcomes(scenario_path: str, bot: str, seed: int, customers: int | None = None
                      ) -> tuple[dict[str, float | None], float]:
    """Play ``bot`` (a registered bot, or an ablation id of the expert) on the scenario at
    ``scenario_path`` (its market resized to ``customers`` if given) with ``seed``: the game's
    outcomes and the scenario's revenue target."""
    from game.assessment.runs import play_bot
    from game.bots.ablations import BY_ID, ablated_expert
    from game.bots.registry import make_bot
    from game.scenario.loader import load_scenario

    scenario, _ = load_scenario(scenario_path)
    if customers is not None:
        scenario = scenario.model_copy(
            update={"market": scenario.market.model_copy(update={"customers": customers})})
    game = play_bot(scenario, ablated_expert(bot, seed) if bot in BY_ID else make_bot(bot, seed), seed)
    return game_outcomes(game.events), scenario.targets.revenue


Job = tuple[str, str, int, int | None]
"""(scenario path, bot or ablation id, seed, customers or None): one game to play."""


def _play_job(job: Job) -> tuple[dict[str, float | None], float]:
    return play_for_outcomes(*job)


def play_all(jobs: Sequence[Job], workers: int = 2,
             progress: Progress | None = None) -> list[tuple[dict[str, float | None], float]]:
    """``play_for_outcomes`` of every job, in order (in parallel processes when ``workers`` > 1);
    ``progress`` hears (done, total) after each job."""
    out: list[tuple[dict[str, float | None], float]] = []

    def collect(results: Iterable[tuple[dict[str, float | None], float]]) -> None:
        for result in results:
            out.append(result)
            if progress is not None:
                progress(len(out), len(jobs))

    if workers > 1 and len(jobs) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            collect(pool.map(_play_job, jobs, chunksize=4))
    else:
        collect(_play_job(j) for j in jobs)
    return out


def game_outcomes(events: Sequence[Event]) -> dict[str, float | None]:
    """The outcomes of a finished game (an unfinished one has no totals: an empty dict); the
    key accounts' satisfaction is None when none is served at the end."""
    ended = [e for e in events if e.kind == "game_ended"]
    if not ended:
        return {}
    totals = ended[-1].payload["totals"]
    reviews = [e.payload["kpis"] for e in events if e.kind == "round_reviewed"]
    costs = [k["cost_by_kind"] for k in reviews]
    ka = reviews[-1].get("key_account_satisfaction") if reviews else None
    return {
        "profit": float(totals["profit"]),
        "revenue": float(totals["revenue"]),
        "margin": float(totals["margin"]),
        "market_share": float(totals["market_share"]),
        "customers": float(totals["customers"]),
        "satisfaction": float(totals["satisfaction"]),
        "key_account_satisfaction": None if ka is None else float(ka),
        "stock_cost": sum(c["holding"] + c["write_down"] + c["emergency"] for c in costs),
        "late_deliveries": float(sum(1 for e in events if e.kind == "delivery_late")),
        "expected_credit_loss": sum(float(k["expected_credit_loss"]) for k in reviews),
        "bad_debt": sum(c["bad_debt"] for c in costs),
        "lost_sales": sum(float(k["lost_sales"]) for k in reviews),
        "value_claimed": _value_claimed(events),
        "forecast_error": (sum(1.0 if k["forecast_error"] is None else float(k["forecast_error"])
                               for k in reviews) / len(reviews)) if reviews else None,
    }


def _value_claimed(events: Sequence[Event]) -> float | None:
    claimed = [
        float((e.payload.get("metrics") or {}).get("value_claimed") or 0.0)
        for e in events if e.kind == "negotiation_ended"
    ]
    return sum(claimed) / len(claimed) if claimed else None
