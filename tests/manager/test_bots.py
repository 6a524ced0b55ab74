"""The manager bots: what each tier does, seen in its actions."""

from __future__ import annotations

from game.manager.bots import MANAGER_BOTS, make_manager_bot, play_manager
from game.manager.game import ManagerGame


def _played(team, bot: str, seed: int = 4) -> ManagerGame:
    scenario, territory, _ = team
    game = ManagerGame(scenario, territory, seed=seed)
    play_manager(game, make_manager_bot(bot, seed))
    assert game.over, f"{bot} did not finish"
    return game


def _kinds(game: ManagerGame, round_no: int | None = None) -> list[str]:
    return [e["kind"] for e in game.events if round_no is None or e["round"] == round_no]


def test_the_four_tiers_are_registered() -> None:
    assert set(MANAGER_BOTS) == {"manager-idle", "manager-novice", "manager-intermediate",
                                 "manager-expert"}


def test_the_idle_manager_only_ends_rounds(key_team) -> None:
    game = _played(key_team, "manager-idle")
    assert {a["type"] for a in game.actions} == {"end_round"}
    assert any(r.rep is None for r in game.view().regions)  # the empty seat stays empty


def test_the_novice_fills_the_seat_on_the_cv_alone_and_pays_on_revenue(key_team) -> None:
    game = _played(key_team, "manager-novice")
    first = _kinds(game, 1)
    assert "rep_hired" in first and "candidate_interviewed" not in first
    assert game.plan.basis == "revenue"


def test_the_intermediate_interviews_before_it_hires_and_pays_on_margin(key_team) -> None:
    game = _played(key_team, "manager-intermediate")
    first = _kinds(game, 1)
    assert first.index("candidate_interviewed") < first.index("rep_hired")
    assert game.plan.basis == "margin"
    assert "standard_adopted" in first


def test_the_expert_hires_before_sharing_out_accounts_and_coaches_every_round(key_team) -> None:
    game = _played(key_team, "manager-expert")
    view = game.view()
    first = _kinds(game, 1)
    assert first.index("rep_hired") < first.index("account_assigned")
    loads = [len(r.accounts) for r in view.reps]
    assert max(loads) <= -(-sum(loads) // len(loads)), loads  # no one above a fair share
    coached_rounds = {e["round"] for e in game.events if e["kind"] == "rep_coached"}
    assert coached_rounds == set(range(1, game.rounds + 1))
    assert game.plan.basis == "margin"
