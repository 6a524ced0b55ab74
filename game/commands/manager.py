"""``simulate`` on a manager-track scenario: a manager bot leads the team through the game."""

from __future__ import annotations

import argparse
from typing import Any

from game.commands.output import EXIT_USAGE, CliWords, CommandError, Result, lang_of
from game.text.linebreak import align

COLUMNS = (("round", 5), ("revenue", 14), ("contribution", 13), ("pay", 11), ("costs", 10),
           ("profit", 13), ("forecast_error", 8), ("leavers", 7))


def simulate_manager(args: argparse.Namespace) -> Result:
    """Play the manager scenario at ``args.scenario`` with the manager bot ``args.bot``."""
    from game.manager.bots import MANAGER_BOTS, make_manager_bot, play_manager
    from game.manager.game import ManagerGame
    from game.manager.loader import load_manager

    if args.bot not in MANAGER_BOTS:
        raise CommandError("simulate.manager_bot", EXIT_USAGE, bot=args.bot,
                           known=", ".join(sorted(MANAGER_BOTS)))
    if args.save:
        raise CommandError("simulate.manager_save", EXIT_USAGE)
    scenario, territory, _ = load_manager(args.scenario)
    game = ManagerGame(scenario, territory, seed=args.seed)
    play_manager(game, make_manager_bot(args.bot, game.seed))
    from game.manager.scoring import manager_scores

    view = game.view()
    scores = manager_scores(game)
    data: dict[str, Any] = {
        "scenario": scenario.id,
        "track": "manager",
        "seed": game.seed,
        "bot": args.bot,
        "rounds": [r.model_dump(mode="json") for r in game.team],
        "totals": game.totals(),
        "reps": {r.id: {"region": r.region, "accounts": list(r.accounts),
                        "hired_round": r.hired_round, "coached": r.coached,
                        "rounds": [x.model_dump(mode="json") for x in r.rounds],
                        "scores": {c: s.score for c, s in r.scores.items()}}
                 for r in view.reps},
        "competencies": {c.id: {"score": c.score, "level": c.level, "occasions": c.occasions,
                                "insufficient": c.insufficient, "cw": c.cw,
                                "indicators": {i.id: {"value": i.value, "occasions": i.occasions,
                                                      "evidence": i.evidence}
                                               for i in c.indicators}}
                         for c in scores},
        "actions": len(game.actions),
        "events": len(game.events),
        "event_log_sha256": game.log_digest(),
    }
    lang = lang_of(args)
    result = Result(data, body=_table(data, scenario.title.pick(lang), lang))
    return result.say("simulate.digest", sha=data["event_log_sha256"])


def _table(data: dict[str, Any], title: str, lang: str) -> str:
    t = CliWords(lang)
    lines = [t("simulate.title", title=title, bot=data["bot"], seed=data["seed"]),
             " ".join(align(t(f"simulate.manager_column.{name}"), width) for name, width in COLUMNS)]
    for r in data["rounds"]:
        err = "-" if r["forecast_error"] is None else f"{r['forecast_error']:.1%}"
        lines.append(f"{r['round']:>5} {r['revenue']:>14,.0f} {r['contribution']:>13,.0f} "
                     f"{r['pay']:>11,.0f} {r['costs']:>10,.0f} {r['profit']:>13,.0f} {err:>8} "
                     f"{len(r['leavers']):>7}")
    s = data["totals"]
    lines.append(f"{align(t('simulate.total'), 5)} {s['revenue']:>14,.0f} {s['contribution']:>13,.0f} "
                 f"{s['pay']:>11,.0f} {s['costs']:>10,.0f} {s['profit']:>13,.0f} {'':>8} "
                 f"{s['leavers']:>7}")
    for cid, c in data["competencies"].items():
        shown = t("simulate.manager_insufficient") if c["insufficient"] else \
            t("simulate.manager_score", score=f"{c['score']:.2f}", level=c["level"])
        lines.append(t("simulate.manager_competency", competency=cid, score=shown,
                       occasions=c["occasions"]))
    for rid, rep in data["reps"].items():
        lines.append(t("simulate.manager_rep", rep=rid, region=rep["region"],
                       accounts=", ".join(rep["accounts"]) or "-",
                       hours=f"{sum(rep['coached'].values()):g}"))
    return "\n".join(lines)
