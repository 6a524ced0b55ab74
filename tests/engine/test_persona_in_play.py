"""What a key account says in play agrees with its briefing: the brief shows the persona line and
needs the game writes from the structured persona, the interview reports the same needs, and a
frank answer about needs names the issues and options the needs name."""

from __future__ import annotations

from game.engine.actions import AskQuestion, EndPhase, Interview, Pursue
from game.engine.game import Game
from game.engine.phases import Phase
from game.scenario.persona_text import account_texts, stated_needs


def _to(game: Game, phase: Phase) -> None:
    while game.phase != phase:
        assert game.apply(EndPhase()).accepted


def test_the_brief_and_the_interview_show_the_written_persona_and_needs(small):
    game = Game(small)
    brief = {a.id: a for a in game.view().brief.key_accounts}
    for ka in small.key_accounts:
        persona, needs = account_texts(small, ka)
        assert (brief[ka.id].persona, brief[ka.id].needs) == (persona, needs)
        assert ka.persona.name.en in persona.en and ka.persona.name.zh in persona.zh
    _to(game, Phase.ANALYSIS)
    assert game.apply(Interview(account="hx-bank")).accepted
    [done] = [e for e in game.events if e.kind == "research_done" and e.payload["method"] == "interview"]
    assert done.payload["result"]["needs"] == brief["hx-bank"].needs.model_dump()


def test_a_frank_answer_about_needs_names_what_the_briefing_names(small):
    game = Game(small)
    ka = next(k for k in small.key_accounts if k.id == "hx-bank")
    _to(game, Phase.ANALYSIS)
    assert game.apply(Interview(account=ka.id)).accepted  # trust 0.55 + 0.05: frank answers
    _to(game, Phase.NEGOTIATION)
    assert game.apply(Pursue(account=ka.id)).accepted
    assert game.apply(AskQuestion(account=ka.id, topic="needs")).accepted
    nv = game.view().account(ka.id).negotiation
    assert nv is not None
    answer = nv.learned["needs"]
    assert answer.quality == "truthful"
    said = stated_needs(small, ka)
    assert list(answer.top_issues or ()) == said.top
    ideal = answer.ideal or {}
    for want in said.wants:
        if want.kind == "delivery_within":  # "within four weeks": the ideal lead time is inside it
            assert float(ideal[want.issue]) <= float(want.option)
        else:
            assert str(ideal[want.issue]) == str(want.option), want
