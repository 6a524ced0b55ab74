"""The team's members and the regions they play: a rep is a synthetic trainee whose habits belong
to the person (so coaching grows a skill without redrawing who they are), and each region is the
territory scenario cut down to the region's share of customers and the key accounts assigned to
its rep."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from game.bots.synthetic import SyntheticTrainee, Workplace
from game.scenario.models import Scenario


class TeamRep(SyntheticTrainee):
    """A rep of the manager's team: a synthetic trainee known by ``person``."""

    def __init__(self, person: str, theta: Mapping[str, float], seed: int,
                 workplace: Workplace | None = None) -> None:
        self.person = person
        super().__init__(theta, seed, label=f":{person}", workplace=workplace)

    def _habit_key(self) -> str:
        return "habits:team:" + self.person


def region_scenario(territory: Scenario, region: str, share: float,
                    accounts: Iterable[str], rounds: int | None = None) -> Scenario:
    """``territory`` as one region sees it: ``share`` of its customers and revenue target, only
    the key ``accounts`` given (with the dilemmas and risks that name them), over ``rounds``
    rounds (default: the territory's; the revenue target is per round as the territory's)."""
    keep = set(accounts)
    data = territory.model_dump(mode="json", exclude_none=True)
    data["id"] = f"{territory.id}-{region}"[:40]
    data["market"]["customers"] = max(50, round(territory.market.customers * share))
    if rounds is not None:
        data["rounds"] = rounds
    played = data["rounds"]
    data["targets"]["revenue"] = territory.targets.revenue * share * played / territory.rounds
    data["targets"]["customers"] = max(1, round(territory.targets.customers * share))
    data["key_accounts"] = [ka for ka in data.get("key_accounts", []) if ka["id"] in keep]
    data["dilemmas"] = [d for d in data.get("dilemmas", [])
                        if d.get("account") is None or d["account"] in keep]
    names = {c.id for c in territory.competitors}
    data["risks"] = [r for r in data.get("risks", []) if r.get("target") is None
                     or r["target"] in keep or (r.get("kind") == "price_war" and r["target"] in names)]
    data.pop("variation", None)
    return Scenario.model_validate(data)
