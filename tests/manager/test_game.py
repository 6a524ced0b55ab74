"""The manager game: deterministic, refusals change nothing, and each decision does what its rule
says to the team."""

from __future__ import annotations

import json

import pytest

from game.manager import rules
from game.manager.actions import (
    AssignAccount,
    BuySystem,
    Coach,
    EndRound,
    Hire,
    InterviewCandidate,
    LetGo,
)
from game.manager.bots import make_manager_bot, play_manager
from game.manager.game import ManagerGame


def _played(team, bot: str, seed: int) -> ManagerGame:
    scenario, territory, _ = team
    game = ManagerGame(scenario, territory, seed=seed)
    play_manager(game, make_manager_bot(bot, seed))
    return game


def test_same_scenario_seed_and_manager_play_the_same_game(key_team) -> None:
    a, b = _played(key_team, "manager-expert", 5), _played(key_team, "manager-expert", 5)
    assert a.over and b.over
    assert a.log_digest() == b.log_digest()
    assert {r: g.log_digest() for r, g in a.games.items()} == \
        {r: g.log_digest() for r, g in b.games.items()}
    assert _played(key_team, "manager-expert", 6).log_digest() != a.log_digest()


def test_a_refused_action_changes_nothing(key_game: ManagerGame) -> None:
    taken = next(r.id for r in key_game.view().regions if r.rep is not None)
    before = (key_game.view().model_dump_json(), len(key_game.events))
    for action in (Hire(candidate="c1-1", region=taken), Hire(candidate="nobody", region="south"),
                   Coach(rep="ren", competency="negotiation-quoting", hours=99.0),
                   Coach(rep="ren", competency="juggling", hours=1.0), LetGo(rep="nobody"),
                   BuySystem(system="abacus"), {"type": "coach", "rep": "ren"}):
        result = key_game.apply(action)
        assert not result.accepted and result.reason
    assert (key_game.view().model_dump_json(), len(key_game.events)) == before


def test_coaching_grows_the_skill_by_the_rule_and_spends_the_hours(key_game: ManagerGame) -> None:
    rep = key_game.members["luo"].player
    skill = rep.theta["negotiation-quoting"]
    hours = key_game.hours_left
    assert key_game.apply(Coach(rep="luo", competency="negotiation-quoting", hours=3.0)).accepted
    want = skill + rules.coaching_gain(key_game.scenario.coaching, skill, 3.0)
    assert rep.theta["negotiation-quoting"] == pytest.approx(want)
    assert key_game.hours_left == pytest.approx(hours - 3.0)
    assert key_game.view().rep("luo").coached == {"negotiation-quoting": 3.0}


def test_an_interview_sharpens_the_read_of_a_candidate(key_game: ManagerGame) -> None:
    cand = key_game.view().candidates[0]
    before = cand.estimates["planning-forecasting"].sd
    key_game.apply(InterviewCandidate(candidate=cand.id, competency="planning-forecasting"))
    after = next(c for c in key_game.view().candidates if c.id == cand.id)
    assert after.estimates["planning-forecasting"].sd < before
    assert after.interviewed == {"planning-forecasting": 1}


def test_a_vacant_region_is_played_by_no_one_and_a_hire_takes_it_over(key_game: ManagerGame) -> None:
    vacant = next(r.id for r in key_game.view().regions if r.rep is None)
    key_game.apply(EndRound())
    idle = key_game.games[vacant]
    assert not [a for a in idle.actions if a.type != "end_phase"]
    cand = key_game.view().candidates[0].id
    assert key_game.apply(Hire(candidate=cand, region=vacant)).accepted
    key_game.apply(EndRound())
    assert [a for a in idle.actions if a.type != "end_phase"], "the new rep did nothing"
    assert key_game.view().regions[[r.id for r in key_game.view().regions].index(vacant)].rep


def test_a_region_whose_rep_goes_has_no_one_in_the_field(key_game: ManagerGame) -> None:
    key_game.apply(EndRound())
    rep = next(r for r in key_game.view().reps)
    field = key_game.games[rep.region]
    assert field.field_force
    assert key_game.apply(LetGo(rep=rep.id)).accepted
    key_game.apply(EndRound())
    assert not field.field_force  # its plan stands, but no one works it: its coverage fades
    cand = key_game.view().candidates[0].id
    assert key_game.apply(Hire(candidate=cand, region=rep.region)).accepted
    key_game.apply(EndRound())
    assert field.field_force


def test_the_manager_sees_where_each_key_account_stands_and_only_open_ones_weigh(key_team) -> None:
    scenario, territory, _ = key_team
    game = ManagerGame(scenario, territory, seed=21)
    bot = make_manager_bot("manager-expert", 21)
    statuses: set[str] = set()
    while not game.over:
        view = game.view()
        for acc in view.accounts:
            region = next((r for r, g in game.games.items()
                           if acc.id in {ka.id for ka in g.scenario.key_accounts}), None)
            expected = ("prospect" if not game.games else
                        "lost" if region is None else game.games[region].accounts[acc.id].status)
            assert acc.status == expected
            statuses.add(acc.status)
        for rep in view.reps:  # the load a rep carries: its accounts not yet won or lost
            open_ = [a for a in view.accounts if a.rep == rep.id and a.status not in ("won", "lost")]
            assert game._load(game.members[rep.id]) == len(open_)
        game.apply(bot.next_action(view))
    assert {"prospect", "won"} <= statuses or {"prospect", "lost"} <= statuses


def test_key_accounts_are_assigned_before_the_first_round_only(key_game: ManagerGame) -> None:
    account = key_game.view().accounts[0].id
    assert key_game.apply(AssignAccount(account=account, rep="luo")).accepted
    key_game.apply(EndRound())
    region = key_game.members["luo"].region
    assert account in [ka.id for ka in key_game.games[region].scenario.key_accounts]
    assert not key_game.apply(AssignAccount(account=account, rep="ren")).accepted


def test_a_system_adds_effort_from_the_next_round(key_game: ManagerGame) -> None:
    base = key_game.territory.company.effort_per_round
    gain = key_game.scenario.systems[0].effort_gain
    assert key_game.apply(BuySystem(system=key_game.scenario.systems[0].id)).accepted
    key_game.apply(EndRound())
    for game in key_game.games.values():
        assert game.effort_left == pytest.approx(base * (1 + gain))


def test_the_team_books_add_up(key_team) -> None:
    game = _played(key_team, "manager-novice", 3)
    for row in game.team:
        assert row.profit == pytest.approx(row.contribution - row.pay - row.costs, abs=0.05)
    paid = sum(x.pay for r in game.view().reps for x in r.rounds)
    assert paid <= sum(row.pay for row in game.team) + 0.05  # leavers were paid too
    json.dumps(game.events)  # the manager's log is plain data


def test_the_regions_share_out_the_territory(key_team) -> None:
    game = _played(key_team, "manager-idle", 2)
    scenario, territory, _ = key_team
    customers = sum(g.scenario.market.customers for g in game.games.values())
    assert customers == pytest.approx(territory.market.customers, rel=0.01)
    accounts = [ka.id for g in game.games.values() for ka in g.scenario.key_accounts]
    assert sorted(accounts) == sorted(ka.id for ka in territory.key_accounts)
    assert all(g.scenario.rounds == scenario.rounds for g in game.games.values())
