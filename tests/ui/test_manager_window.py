"""The manager track's window, played headless from the first decision to the debrief in both
languages: every decision is made through its buttons and drop-downs."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pygame
import pytest

from tests.conftest import ROOT

TEAM = ROOT / "scenarios" / "manager" / "east-china-team.yaml"
WINDOW = ROOT / "game" / "ui" / "manager_window.py"


def _all_texts(window) -> str:
    found: list[str] = []

    def walk(container) -> None:
        for element in getattr(container, "elements", []):
            text = getattr(element, "text", None) or getattr(element, "html_text", None)
            if isinstance(text, str):
                found.append(text)
            walk(element)

    walk(window.root)
    return "\n".join(found)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_whole_manager_game_through_the_window(lang: str, tmp_path: Path) -> None:
    from game.ui.manager_window import ManagerWindow

    w = ManagerWindow(str(TEAM), lang, seed=3, trainee="t-7", data_dir=str(tmp_path / "records"))
    vacant = next(r for r in w.view.regions if r.rep is None)
    assert f"vacant-{vacant.id}" in w.elements
    w.press(f"vacant-{vacant.id}")
    assert w.screen == "hiring"
    cand = w.view.candidates[0]
    w.choose(f"ask-skill-{cand.id}", "planning-forecasting")
    w.press(f"ask-{cand.id}")
    assert w.view.candidates[0].interviewed == {"planning-forecasting": 1}
    w.press(f"hire-{cand.id}")
    assert next(r for r in w.view.regions if r.id == vacant.id).rep is not None
    w.press("back")
    rep = w.view.reps[0].id
    w.choose(f"coach-skill-{rep}", "planning-forecasting")
    w.choose(f"coach-hours-{rep}", "3")
    w.press(f"coach-{rep}")
    assert w.view.rep(rep).coached == {"planning-forecasting": 3.0}
    w.choose("plan-basis", "margin")
    w.choose("plan-share", "0.3")
    w.press("set-plan")
    assert (w.view.plan.basis, w.view.plan.variable_share) == ("margin", 0.3)
    standard = w.view.standards[0].id
    w.press(f"standard-{standard}")
    assert w.view.standards[0].in_force
    account = w.view.accounts[0]
    other = next(r.id for r in w.view.reps if r.id != account.rep)
    w.choose(f"account-{account.id}", other)
    assert next(a for a in w.view.accounts if a.id == account.id).rep == other
    w.save(tmp_path / "team.png")
    rounds = 0
    w.press("end-round")
    rounds += 1
    assert f"account-{account.id}" not in w.elements  # assignments close once a round is played
    while w.screen != "debrief":
        w.press("end-round")
        rounds += 1
        assert rounds <= w.view.rounds
    assert w.game.over and rounds == w.view.rounds
    text = _all_texts(w)
    profit = f"{w.game.totals()['profit']:,.0f}"
    assert profit in text
    if lang == "zh":
        assert "复盘" in text and "团队利润" in text and "招聘与甄选" in text
    else:
        assert "Debrief" in text and "team profit" in text and "Recruiting and selection" in text
    # each score the shipped study of this team measured comes with the error that study
    # measured for a game of its evidence: sqrt(base + per_occasion / n), n within what it saw
    import json
    import math

    from game.manager.scoring import manager_scores

    study = json.loads((ROOT / "scenarios" / "validity" / "east-china-team.json").read_text())
    shown = 0
    for c in manager_scores(w.game):
        figures = study["competencies"].get(c.id, {})
        sem, curve = figures.get("sem"), figures.get("sem_curve")
        if c.insufficient or sem is None:
            continue
        if curve:
            low, high = curve["occasions"]
            sem = math.sqrt(curve["base"] + curve["per_occasion"] / min(max(c.occasions, low), high))
        assert f"{c.score:.2f} ± {sem:.2f}" in text, c.id
        shown += 1
    assert shown >= 1
    w.save(tmp_path / "debrief.png")
    shot = pygame.image.load(str(tmp_path / "debrief.png"))
    assert shot.get_size() == (1280, 720)
    # the whole game is in the records, scored as the debrief shows it
    session = w.store.session(w.recorded.session_id)
    assert (session.track, session.status, session.trainee_id) == ("manager", "finished", "t-7")
    assert session.actions == len(w.game.actions) and session.event_log_sha256 == w.game.log_digest()
    stored = {c["id"]: c["score"] for c in w.store.scores(session.id)["assessment"]["competencies"]}
    assert stored == {c.id: c.score for c in manager_scores(w.game)}
    assert session.id[:8] in w.status
    w.press("quit")
    assert not w.running
    w.close()


def test_a_manager_game_left_mid_way_resumes_where_it_was(tmp_path: Path) -> None:
    from game.ui.manager_window import ManagerWindow

    records = str(tmp_path / "records")
    w = ManagerWindow(str(TEAM), "en", seed=5, trainee="t-8", data_dir=records)
    rep = w.view.reps[0].id
    w.choose(f"coach-skill-{rep}", "negotiation-quoting")
    w.press(f"coach-{rep}")
    w.press("end-round")
    before = w.view
    w.close()  # the window is closed without ending the game
    again = ManagerWindow(str(TEAM), "en", seed=5, trainee="t-8", data_dir=records, resume=True)
    assert again.view == before and again.recorded.session_id == _manager_session(records)
    again.press("end-round")
    assert again.view.round == before.round + 1
    fresh = ManagerWindow(str(TEAM), "en", seed=5, trainee="t-9", data_dir=records, resume=True)
    assert fresh.view.round == 1  # another trainee has nothing to resume: a new game
    again.close()
    fresh.close()


def _manager_session(records: str) -> str:
    from game.records.store import Store

    with Store.open(records) as store:
        return next(s.id for s in store.sessions("t-8") if s.track == "manager")


def test_a_window_without_records_still_plays_and_says_so(tmp_path: Path) -> None:
    from game.ui.manager_window import ManagerWindow

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the records folder should be", encoding="utf-8")
    w = ManagerWindow(str(TEAM), "en", seed=3, data_dir=str(blocker))
    assert w.recorded is None and "Not recorded" in w.status
    w.press("end-round")
    assert w.view.round == 2


def test_a_refused_decision_says_why_and_changes_nothing() -> None:
    from game.ui.manager_window import ManagerWindow

    w = ManagerWindow(str(TEAM), "en", seed=3, record=False)
    rep = w.view.reps[0].id
    for _ in range(20):  # more coaching than the round's hours allow
        w.choose(f"coach-hours-{rep}", "4")
        w.press(f"coach-{rep}")
    assert w.status.startswith("Not possible") and "hours" in w.status
    assert w.view.hours_left >= 0


def test_the_window_reads_the_manager_view_and_applies_actions_only() -> None:
    tree = ast.parse(WINDOW.read_text(encoding="utf-8"))
    used = {node.attr for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)
            and node.value.attr in ("game", "_game") and isinstance(node.value.value, ast.Name)
            and node.value.value.id == "self"}
    assert used and used <= {"apply", "view", "over", "totals", "scenario", "territory", "seed",
                             "truth", "actions", "log_digest"}, used
    source = WINDOW.read_text(encoding="utf-8")
    assert re.search(r"truth\(\)", source)  # the debrief's growth, after the game is over only
    # no rep's hidden state: the members, their synthetic players, their skills
    assert "members" not in source and ".player." not in source and "theta" not in source


def test_the_window_scales_to_its_size_and_a_click_lands_where_the_eye_sees_it(tmp_path) -> None:
    from game.ui.manager_window import ManagerWindow

    w = ManagerWindow(str(TEAM), "zh", seed=3, record=False, size=(960, 540))
    try:
        assert w.display.get_size() == (960, 540)
        button = w.elements["candidates"]
        x, y = w.viewport.to_window(button.get_abs_rect().center)
        assert (x, y) != button.get_abs_rect().center  # the layout is shown at 3/4 size
        for kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            extra = {"rel": (0, 0), "buttons": (0, 0, 0)} if kind == pygame.MOUSEMOTION else {"button": 1}
            pygame.event.post(pygame.event.Event(kind, pos=(x, y), **extra))
            w.frame(1 / 30)
        w.frame(1 / 30)
        assert w.screen == "hiring"
        w.save(tmp_path / "hiring.png")
        assert pygame.image.load(str(tmp_path / "hiring.png")).get_size() == (960, 540)
    finally:
        w.close()
        pygame.quit()
