"""The manager track in the records: a manager game whose accepted actions are committed as they
happen, resumed by replaying them, and scored at its end with the manager rubric into the same
scores dict (and xAPI statements) the rep track writes, marked ``track: manager``.

The stored scenario is the manager scenario and its territory together (``manager_body``), so a
session replays from the store alone, whatever happened to the files since.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from game import ENGINE_VERSION, engine_compatible
from game.engine.savegame import event_digests
from game.engine.targets import target_met
from game.manager.actions import ManagerAction
from game.manager.game import Applied, ManagerGame
from game.manager.models import ManagerScenario
from game.manager.scoring import (
    ManagerRubric,
    load_rubric,
    manager_scores,
    rubric_from_text,
    rubric_sha256,
    rubric_text,
)
from game.records import scoring
from game.records.errors import RecordsError
from game.records.session_lock import lock_session, unlock_session
from game.records.store import Finish, SessionInfo, Store, canonical, check_trainee_id
from game.records.xapi import statements_for
from game.scenario.errors import ScenarioError
from game.scenario.models import Scenario

TRACK = "manager"
RUBRIC_ID = "manager"


def manager_body(scenario: ManagerScenario, territory: Scenario) -> str:
    """The manager scenario and its territory as stored: the fields that were set, as
    ``store.scenario_body`` keeps a rep scenario."""
    return json.dumps({"manager": scenario.model_dump(mode="json", exclude_unset=True),
                       "territory": territory.model_dump(mode="json", exclude_unset=True)},
                      ensure_ascii=False, separators=(",", ":"))


def manager_from_body(body: str) -> tuple[ManagerScenario, Scenario]:
    data = json.loads(body)
    return ManagerScenario.model_validate(data["manager"]), Scenario.model_validate(data["territory"])


def team_kpis(game: ManagerGame, rubric: ManagerRubric) -> list[dict[str, Any]]:
    """The team's whole-game KPIs the rubric lists, against the territory's targets for as many
    rounds (a KPI without a target has ``target``, ``met`` and ``attainment`` None)."""
    totals = game.totals()
    targets = game.territory.targets
    goal: dict[str, float] = {"revenue": targets.revenue * game.rounds / game.territory.rounds,
                              "margin": targets.margin, "satisfaction": targets.satisfaction,
                              "leavers": 0}
    out = []
    for kpi in rubric.kpis:
        value, target = totals[kpi.id], goal.get(kpi.id)
        lower = kpi.better == "lower"
        met = target_met(value, target, lower)
        attainment = None
        if target is not None and value is not None and not lower and target > 0:
            attainment = round(value / target, 4)
        out.append({"id": kpi.id, "name": kpi.name.model_dump(), "cw": list(kpi.cw),
                    "value": value, "target": None if target is None else round(target, 4),
                    "better": kpi.better, "met": met, "attainment": attainment, "evidence": []})
    return out


def _level(value: float | None, cuts: list[float]) -> int | None:
    return None if value is None else 1 + sum(1 for c in cuts if value >= c)


def _competencies(game: ManagerGame, rubric: ManagerRubric) -> list[dict[str, Any]]:
    """The manager rubric's scores in the shape of the rep track's (indicators with their name,
    weight, level and what they measure), so reports and xAPI read both alike."""
    out = []
    for spec, score in zip(rubric.competencies, manager_scores(game, rubric), strict=True):
        row = score.model_dump(mode="json")
        refs = {ref.indicator: ref for ref in spec.indicators}
        row["indicators"] = [
            {"id": i.id, "name": refs[i.id].name.model_dump(), "cw": list(spec.cw),
             "weight": refs[i.id].weight, "counted": i.counted, "value": i.value,
             "level": _level(i.value, rubric.cuts),
             "occasions": i.occasions, "evidence": list(i.evidence),
             "explanation": refs[i.id].means.model_dump()}
            for i in score.indicators]
        out.append(row)
    return out


def score_manager_game(game: ManagerGame, rubric_yaml: str | None = None) -> dict[str, Any]:
    """A finished manager game's scores, in the shape ``game.records.scoring`` gives a rep's:
    ``overall`` is the mean observed competency score, ``passed`` whether every observed one
    reaches the target level of ``measurement.json``. Scored with the installed manager rubric,
    or with the rubric given as its YAML text (as a session record carries it)."""
    if rubric_yaml is None:
        rubric, rubric_sha = load_rubric(), rubric_sha256()
    else:
        rubric = rubric_from_text(rubric_yaml)
        rubric_sha = hashlib.sha256(rubric_yaml.encode("utf-8")).hexdigest()
    comps = _competencies(game, rubric)
    level = int(scoring.settings()["target_level"])
    observed = [c for c in comps if c["score"] is not None]
    return {
        "format": scoring.SCORES_FORMAT,
        "source": "assessment",
        "track": TRACK,
        "overall": round(sum(c["score"] for c in observed) / len(observed), 6) if observed else None,
        "passed": all(c["level"] >= level for c in observed) if observed else None,
        "target": {"level": level, "score": rubric.cuts[level - 2] if level >= 2 else 0.0},
        "assessment": {"rubric_id": RUBRIC_ID, "rubric_sha256": rubric_sha, "levels": 5,
                       "seed": game.seed, "engine_version": ENGINE_VERSION,
                       "competencies": comps, "objective": team_kpis(game, rubric)},
    }


def _digests(events: list[dict[str, Any]]) -> list[str]:
    return [hashlib.sha256(canonical(e).encode("utf-8")).hexdigest()[:16] for e in events]


def replay_manager(scenario: ManagerScenario, territory: Scenario, seed: int,
                   actions: list[dict[str, Any]]) -> tuple[ManagerGame, list[list[str]] | None]:
    """The game ``actions`` lead to and each action's event digests (None if it refused one)."""
    game = ManagerGame(scenario, territory, seed=seed)
    digests = []
    for action in actions:
        result = game.apply(action)
        if not result.accepted:
            return game, None
        digests.append(_digests(result.events))
    return game, digests


def save_text(store: Store, session_id: str) -> str:
    """A manager session's actions as the JSON Lines a record carries: a header, then one line
    per action with its event digests (the shape of the rep track's saved-game action lines)."""
    session = store.session(session_id)
    lines = [{"type": "header", "track": TRACK, "seed": session.seed,
              "engine_version": session.engine_version}]
    lines += [{"type": "action", "n": n, "action": a, "events": d}
              for n, (a, d) in enumerate(store.actions(session_id))]
    return "".join(canonical(line) + "\n" for line in lines)


def record_rubric(scores: dict[str, Any]) -> str | None:
    """The manager rubric to export with a record: the installed one, if it is the one the
    scores name (else None: the record then names a rubric it does not carry)."""
    return rubric_text(scoring.scores_rubric(scores))


def _rubric_for(scores: dict[str, Any], carried: Any) -> tuple[str | None, str]:
    """The rubric to re-score with: the record's own (if its hash is the one the scores name),
    else the installed one; and a note when neither is the one the scores name."""
    wanted = scoring.scores_rubric(scores)
    if isinstance(carried, str) and hashlib.sha256(carried.encode("utf-8")).hexdigest() == wanted:
        return carried, ""
    if rubric_text(wanted) is not None:
        return None, ""
    return None, (f"the scores name manager rubric sha256 {wanted[:12]}..., which neither the "
                  "record nor this installation has; re-scored with this installation's rubric")


def _action_lines(lines: list[Any]) -> tuple[list[dict[str, Any]], str | None]:
    """The action lines of a manager save (each an action object and its event digests as
    ``save_text`` writes them), or what is wrong with the first line that is not."""
    steps = []
    for n, line in enumerate(lines, start=1):
        if not isinstance(line, dict):
            return [], f"saved game line {n}: not a JSON object (the file was edited)"
        if line.get("type") != "action":
            continue
        if not isinstance(line.get("action"), dict) or "events" not in line \
                or event_digests(line) is None:
            return [], (f"saved game line {n}: an action line the game did not write (no action "
                        "object, or event digests that are not a list of text): the file was edited")
        steps.append(line)
    return steps, None


def check_record(body: str, save: str, session: dict[str, Any], scores: dict[str, Any],
                 rubric: Any = None) -> tuple[ManagerGame | None, list[str], list[str]]:
    """Replay a manager record and re-score it with the rubric it carries (``rubric``, its
    YAML text) or the installed one: (the game, problems, facts)."""
    problems: list[str] = []
    try:
        scenario, territory = manager_from_body(body)
        lines = [json.loads(line) for line in save.splitlines() if line.strip()]
    except (ValueError, KeyError) as exc:
        return None, [f"manager record: cannot be read ({str(exc).splitlines()[0]})"], []
    steps, wrong = _action_lines(lines)
    if wrong is not None:
        return None, [wrong], []
    header = lines[0] if lines and lines[0].get("type") == "header" else {}
    if header.get("seed") != session.get("seed"):
        problems.append("saved game: its seed differs from the session's")
    game, digests = replay_manager(scenario, territory, int(session.get("seed") or 0),
                                   [line["action"] for line in steps])
    if digests != [line["events"] for line in steps]:
        return game, problems + ["replay: the manager game does not replay as it was played"], []
    if game.log_digest() != session.get("event_log_sha256"):
        return game, problems + ["replay: the event log differs from the session's recorded hash"], []
    facts = [f"replay matches: {len(steps)} actions, event log sha256 {game.log_digest()}"]
    if not game.over:
        return game, problems + ["replay: the saved game does not reach the end"], facts
    text, note = _rubric_for(scores, rubric)
    try:
        again = score_manager_game(game, text)
    except ScenarioError as exc:  # a rubric this installation can no longer read
        return game, problems + ["scores: the record's manager rubric cannot be read here ("
                                 f"{exc.problems[0].message})"], facts
    if canonical(again) != canonical(scores):
        changed = sorted(k for k in set(again) | set(scores) if again.get(k) != scores.get(k))
        problems.append("scores differ from a re-scoring of the replay (" + ", ".join(changed) + ")"
                        + (f" ({note})" if note else ""))
    else:
        facts.append("scores match a re-scoring of the replay")
    return game, problems, facts


class RecordedManagerGame:
    """A ``ManagerGame`` whose accepted actions are committed to the store as they happen; the
    window and the manager bots use it in place of the game."""

    def __init__(self, store: Store, session_id: str, game: ManagerGame,
                 committed: list[tuple[dict[str, Any], list[str]]] | None = None) -> None:
        self.store = store
        self.session_id = session_id
        self.game = game
        # Actions already in the store that a bot is replaying to catch up: checked, not written.
        self._expected = list(committed or [])

    @classmethod
    def start(cls, store: Store, trainee: str, scenario: ManagerScenario, territory: Scenario, *,
              seed: int | None = None, mode: str = "practice", player: str = "human",
              scenario_sha256: str = "", scenario_path: str | None = None,
              display_name: str | None = None) -> RecordedManagerGame:
        check_trainee_id(trainee)
        game = ManagerGame(scenario, territory, seed=seed)
        session_id = store.start_session(
            trainee, scenario, scenario_sha256=scenario_sha256, seed=game.seed, mode=mode,
            player=player, scenario_path=scenario_path, display_name=display_name,
            engine_version=ENGINE_VERSION, track=TRACK, body=manager_body(scenario, territory))
        lock_session(store.folder, session_id)
        return cls(store, session_id, game)

    @classmethod
    def resume(cls, store: Store, session_id: str) -> RecordedManagerGame:
        """Continue a manager session: replay what was committed, then record from there on."""
        session = store.session(session_id)
        if session.track != TRACK:
            raise RecordsError.said(str(store.path), "rep_game_as_manager", session=session_id)
        if not engine_compatible(session.engine_version):
            raise RecordsError.said(str(store.path), "engine_changed", session=session_id,
                                    played=session.engine_version, engine=ENGINE_VERSION)
        lock_session(store.folder, session_id)
        scenario, territory = manager_from_body(store.scenario_body(session))
        committed = store.actions(session_id)
        game, digests = replay_manager(scenario, territory, session.seed, [a for a, _ in committed])
        if digests != [list(d) for _, d in committed]:
            unlock_session(store.folder, session_id)
            raise RecordsError.said(str(store.path), "session_does_not_replay", session=session_id)
        recorded = cls(store, session_id, game)
        recorded._finish_if_over()
        return recorded

    @classmethod
    def catch_up(cls, store: Store, session_id: str) -> RecordedManagerGame:
        """A fresh game that expects the committed actions again (for a bot that rebuilds its
        own state by playing them); they are checked against the store, not re-written."""
        session = store.session(session_id)
        lock_session(store.folder, session_id)
        scenario, territory = manager_from_body(store.scenario_body(session))
        return cls(store, session_id, ManagerGame(scenario, territory, seed=session.seed),
                   store.actions(session_id))

    @property
    def session(self) -> SessionInfo:
        return self.store.session(self.session_id)

    @property
    def over(self) -> bool:
        return self.game.over

    def view(self) -> Any:
        return self.game.view()

    def apply(self, action: ManagerAction | dict[str, Any]) -> Applied:
        """Apply ``action``; if accepted, it is committed before this returns."""
        result = self.game.apply(action)
        if not result.accepted:
            return result
        n = len(self.game.actions) - 1
        if n < len(self._expected):
            if (self.game.actions[-1], _digests(result.events)) != tuple(self._expected[n]):
                self._rebuild(self.game.actions[:-1])
                raise RecordsError.said(str(self.store.path), "catch_up_differs",
                                        session=self.session_id, n=n)
            if n == len(self._expected) - 1:
                self._finish_if_over()
            return result
        try:
            self.store.record_action(self.session_id, n, self.game.actions[-1],
                                     _digests(result.events),
                                     self._finish_record() if self.game.over else None)
        except BaseException:
            self._rebuild(self.game.actions[:-1])
            raise
        return result

    def undo(self) -> bool:
        """Take back the last action (practice mode only); False if there is none."""
        session = self.session
        if session.mode != "practice" or session.status != "open" or not self.game.actions:
            return False
        self.store.truncate_actions(self.session_id, len(self.game.actions) - 1)
        self._rebuild(self.game.actions[:-1])
        return True

    def _rebuild(self, actions: list[dict[str, Any]]) -> None:
        self.game, _ = replay_manager(self.game.scenario, self.game.territory, self.game.seed,
                                      list(actions))

    def _finish_record(self) -> Finish:
        session = SessionInfo(**(self.session.to_dict() | {"actions": len(self.game.actions)}))
        ended_at = self.store.now()
        scores = score_manager_game(self.game)
        digest = self.game.log_digest()
        weeks = self.game.round * self.game.territory.weeks_per_round
        statements = statements_for(session, self.game.scenario, scores, ended_at=ended_at,
                                    weeks=weeks, event_log_sha256=digest)
        return Finish(event_log_sha256=digest, weeks=weeks, ended_at=ended_at, scores=scores,
                      statements=statements, rubric=record_rubric(scores))

    def _finish_if_over(self) -> None:
        if self.game.over and self.session.status == "open":
            self.store.finish_session(self.session_id, self._finish_record())

    def release(self) -> None:
        """Let another process play this session."""
        unlock_session(self.store.folder, self.session_id)


def autoplay_manager(store: Store, scenario: ManagerScenario, territory: Scenario, *, bot: str,
                     scenario_sha256: str = "", seed: int | None = None,
                     trainee: str | None = None, mode: str = "practice", resume: bool = False,
                     scenario_path: str | None = None) -> tuple[RecordedManagerGame, int | None]:
    """Play a whole recorded manager session with the manager bot ``bot``; with ``resume``,
    continue the trainee's last open one with it. Returns the game and the committed actions
    found when resuming (None for a new session)."""
    from game.manager.bots import make_manager_bot, play_manager

    player = f"bot:{bot}"
    who = trainee or f"bot-{bot}"
    found = store.last_open_session(who, scenario.id, player) if resume else None
    if found is not None and (found.track != TRACK or (seed is not None and found.seed != seed)):
        found = None
    if found is not None:
        recorded = RecordedManagerGame.catch_up(store, found.id)
        resumed: int | None = found.actions
    else:
        recorded = RecordedManagerGame.start(store, who, scenario, territory, seed=seed, mode=mode,
                                             player=player, scenario_sha256=scenario_sha256,
                                             scenario_path=scenario_path)
        resumed = None
    try:
        play_manager(recorded, make_manager_bot(bot, recorded.game.seed))
    finally:
        recorded.release()
    return recorded, resumed

