"""One play-through as the window holds it: scenario, seed, mode and the engine's ``Game``.

Every action goes through ``game.records.autosave.RecordedGame`` when the records store is open:
an accepted action is committed to the store before its result is shown, so a crash never loses
one, and ``Play.resume`` rebuilds a session by replaying what was committed. If the store cannot
be opened, practice still works, unrecorded (assessment does not).

Undo (practice mode only) takes back the last action by replay: the engine is deterministic, so
this is exact. ``reload`` (practice, the trainer's hot reload) rebuilds the game from an edited
scenario with the same seed and re-applies the actions so far, up to the first the new scenario
rejects.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game.records.errors import RecordsError
from game.records.store import Store, check_trainee_id
from game.scenario.models import Scenario

if TYPE_CHECKING:  # the engine is imported when a game starts, not before the first frame
    from game.assessment.coaching import Coaching
    from game.assessment.results import Assessment
    from game.engine.actions import Action
    from game.engine.game import ApplyResult, Game
    from game.records.autosave import RecordedGame
    from game.records.classes import ClassInfo
    from game.records.live_sync import LiveSync
    from game.records.measurement import Sem

MODES = ("practice", "assessment")
GUEST = "guest"  # the records id of practice played without a trainee id
PLAYER = "human"  # the store's name for sessions played in the window

Progress = Callable[[int, int], None]


def valid_trainee(trainee: str) -> bool:
    try:
        check_trainee_id(trainee)
    except RecordsError:
        return False
    return True


def assessment_scenario(scenario: Scenario, trainee: str) -> tuple[Scenario, str]:
    """The trainee's variant of ``scenario`` and the store's variant label ('' if none)."""
    from game.trainer.variants import make_variant

    variant = make_variant(scenario, trainee)
    return variant, ("" if variant is scenario else trainee)


@dataclass
class Replayed:
    """What a hot reload re-applied: ``applied`` of ``total`` actions; the first refused one."""

    applied: int
    total: int
    action: Action | None = None
    result: ApplyResult | None = None


def not_saved(err: RecordsError) -> ApplyResult:
    """The answer to an action the store could not commit (the engine step was taken back)."""
    from game.engine.game import ApplyResult

    why = f"{err.message} ({err.hint})" if err.hint else err.message
    return ApplyResult(False, code="not_saved",
                       reason=f"the step could not be saved, so it was taken back: {why}")


class Play:
    """The game on show, recorded as it goes when ``store`` is given."""

    def __init__(self, scenario: Scenario, sha256: str, scenario_path: str, seed: int | None,
                 mode: str = "practice", trainee: str = "", store: Store | None = None,
                 variant: str = "", recorded: RecordedGame | None = None,
                 class_info: ClassInfo | None = None) -> None:
        from game.engine.game import Game
        from game.records.autosave import RecordedGame

        if mode not in MODES:
            raise ValueError(f"unknown mode '{mode}' (known: {', '.join(MODES)})")
        self.scenario = scenario
        self.sha256 = sha256
        self.scenario_path = scenario_path
        self.mode = mode
        self.trainee = trainee
        self.store = store
        self.variant = variant
        self._assessed: tuple[Game, Assessment] | None = None
        self._coached: tuple[Game, Coaching] | None = None
        if recorded is None and store is not None:
            recorded = RecordedGame.start(store, self.record_id, scenario, scenario_sha256=sha256,
                                          seed=seed, mode=mode, player=PLAYER,
                                          scenario_path=scenario_path or None, variant=variant,
                                          class_info=class_info)
        self.recorded = recorded
        self.live: LiveSync | None = None  # a class's statements on their way to its LRS
        info = recorded.class_info if recorded is not None else None
        if store is not None and info is not None and info.lrs is not None:
            from game.records.live_sync import LiveSync

            self.live = LiveSync(store.folder, info.lrs).start()
        self._game = recorded.game if recorded else Game(scenario, seed=seed,
                                                         scenario_sha256=sha256)
        self.seed = self.game.seed

    @classmethod
    def resume(cls, store: Store, session_id: str) -> Play:
        """Continue a recorded session: its game rebuilt by replaying the committed actions."""
        from game.records.autosave import RecordedGame

        recorded = RecordedGame.resume(store, session_id)
        s = recorded.session
        trainee = "" if s.trainee_id == GUEST else s.trainee_id
        return cls(recorded.game.scenario, s.scenario_sha256, s.scenario_path or "", s.seed,
                   mode=s.mode, trainee=trainee, store=store, variant=s.variant,
                   recorded=recorded)

    # ------------------------------------------------------------------ the game

    @property
    def game(self) -> Game:
        return self.recorded.game if self.recorded is not None else self._game

    @property
    def in_class(self) -> bool:
        return self.recorded is not None and self.recorded.class_info is not None

    def stop_sync(self) -> None:
        """Stop sending the class's statements (a last send first; the rest wait in the outbox)."""
        if self.live is not None:
            self.live.stop()
            self.live = None

    @property
    def record_id(self) -> str:
        return self.trainee or GUEST

    @property
    def session_id(self) -> str | None:
        return self.recorded.session_id if self.recorded is not None else None

    def apply(self, action: Action | dict) -> ApplyResult:
        """Apply ``action``; when recorded, an accepted action is committed before this returns."""
        if self.recorded is None:
            return self._game.apply(action)
        try:
            return self.recorded.apply(action)
        except RecordsError as err:  # the store refused: the step was taken back
            return not_saved(err)

    # ------------------------------------------------------------------ undo

    @property
    def can_undo(self) -> bool:
        if self.mode != "practice" or not self.game.actions:
            return False
        return self.recorded is None or not self.game.over  # a finished session is final

    def undo(self) -> bool:
        """Take back the last accepted action (practice mode); False if there is none."""
        from game.engine.game import Game

        if not self.can_undo:
            return False
        if self.recorded is not None:
            try:
                return self.recorded.undo()
            except RecordsError:
                return False
        game = Game(self.scenario, seed=self.seed, scenario_sha256=self.sha256)
        for action in self.game.actions[:-1]:
            result = game.apply(action)
            if not result.accepted:  # cannot happen with a deterministic engine
                raise RuntimeError(f"replaying {action!r} was rejected: {result.reason}")
        self._game = game
        return True

    # ------------------------------------------------------------------ hot reload

    def reload(self, scenario: Scenario, sha256: str, progress: Progress | None = None) -> Replayed:
        """Rebuild the game from ``scenario`` with the same seed and re-apply the actions so far,
        stopping at the first one it rejects. When recorded, the new game is a new session and
        the old one is marked abandoned (its scenario is not this one)."""
        from game.engine.game import Game
        from game.records.autosave import RecordedGame

        actions = list(self.game.actions)
        seed = self.game.seed
        recorded: RecordedGame | None = None
        if self.store is not None and self.recorded is not None:
            recorded = RecordedGame.start(self.store, self.record_id, scenario,
                                          scenario_sha256=sha256, seed=seed, mode=self.mode,
                                          player=PLAYER, scenario_path=self.scenario_path or None)
            target: RecordedGame | Game = recorded
        else:
            target = Game(scenario, seed=seed, scenario_sha256=sha256)
        done = Replayed(0, len(actions))
        try:
            for n, action in enumerate(actions):
                result = target.apply(action)
                if not result.accepted:
                    done.action, done.result = action, result
                    break
                done.applied += 1
                if progress is not None:
                    progress(n + 1, len(actions))
        except RecordsError:
            if recorded is not None:
                recorded.abandon()
            raise
        if self.recorded is not None and recorded is not None:
            self.recorded.abandon()
        self.scenario, self.sha256, self.seed = scenario, sha256, seed
        self.recorded = recorded
        self._game = recorded.game if recorded is not None else target  # type: ignore[assignment]
        self._assessed = None
        self._coached = None
        return done

    # ------------------------------------------------------------------ results

    def assessment(self) -> Assessment | None:
        """The assessment of the finished game: the one the store committed with its last action
        when recorded, else computed now (``None`` while the game goes on)."""
        from game.assessment.results import Assessment

        game = self.game
        if not game.over:
            return None
        if self._assessed is not None and self._assessed[0] is game:
            return self._assessed[1]
        result: Assessment | None = None
        if self.store is not None and self.session_id is not None:
            scores = self.store.scores(self.session_id)
            if scores and scores.get("assessment"):
                result = Assessment.model_validate(scores["assessment"])
        if result is None:
            from game.assessment.assess import assess

            result = assess(game)
        self._assessed = (game, result)
        return result

    def judged_competencies(self) -> set[str]:
        """The competencies the scenario played sets out to assess: those sharing a courseware
        section with it, all when it names none (empty while the game goes on)."""
        result = self.assessment()
        if result is None:
            return set()
        from game.assessment.rubric import assessed_competencies

        return set(assessed_competencies(((c.id, c.cw) for c in result.competencies),
                                         self.game.scenario.courseware))

    def measurement(self) -> dict[str, Sem]:
        """Each competency's measurement error in the finished game: the SEM the validity study
        shipped for the scenario text played (an assessment variant is drawn from that text)
        and the rubric that scored it measured; empty while the game goes on or where no study
        measured them (an edited scenario, a scenario without a study)."""
        result = self.assessment()
        if result is None:
            return {}
        from game.records.measurement import measured_sems

        return measured_sems([c.id for c in result.competencies], self.game.scenario.id,
                             (self.sha256, result.rubric_sha256))

    def coaching(self) -> Coaching | None:
        """The coaching of the finished game (what a reference rep did on the same seed, the
        occasions missed, the improvement plan), computed once; ``None`` while the game goes on."""
        game = self.game
        if not game.over:
            return None
        if self._coached is None or self._coached[0] is not game:
            from game.assessment.coaching import coach

            self._coached = (game, coach(game))
        return self._coached[1]

    @property
    def coached(self) -> bool:
        """Whether ``coaching()`` has its answer at hand."""
        return self._coached is not None and self._coached[0] is self.game

    @property
    def assessed(self) -> bool:
        """Whether ``assessment()`` has its answer at hand (no scoring to wait for)."""
        return self._assessed is not None and self._assessed[0] is self.game

    # ------------------------------------------------------------------ saving

    def save(self, directory: Path | None = None) -> Path:
        """Write the game (header, actions, events' digests) to the trainee's save folder. A
        variant's scenario is written beside it, so the save replays from what was played."""
        import platformdirs

        from game.engine.savegame import write_save

        folder = directory or Path(platformdirs.user_data_dir("sales-dojo")) / "saves"
        stamp = time.strftime("%Y%m%d-%H%M%S")
        who = "".join(c for c in self.trainee if c.isalnum() or c in "-_") or "trainee"
        path = folder / f"{who}-{self.scenario.id}-{stamp}.jsonl"
        scenario_path = self.scenario_path
        if self.variant:
            from game.trainer.variants import scenario_yaml

            played = path.with_suffix(".scenario.yaml")
            played.parent.mkdir(parents=True, exist_ok=True)
            played.write_text(scenario_yaml(self.game.scenario), encoding="utf-8")
            scenario_path = str(played)
        write_save(self.game, path, scenario_path=scenario_path)
        return path
