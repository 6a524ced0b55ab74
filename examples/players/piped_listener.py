"""The example listener as a player in a process of its own (docs/players.md): it imports nothing
from the game and could be written in any language. It reads one JSON line at a time on stdin —
a greeting with the seed, then the trainee view whenever a move is wanted, then "over" — and
answers each view with one action as a JSON line on stdout.

    python main.py simulate scenarios/east-china-territory.yaml --bot "exec:python3 examples/players/piped_listener.py"
"""

from __future__ import annotations

import json
import sys
from typing import Any

STEP = 0.025  # how much more discount each new offer gives


def next_action(view: dict[str, Any]) -> dict[str, Any]:
    accounts = {a["id"]: a for a in view["accounts"]}
    if view["phase"] == "negotiation":
        for account in view["opportunities"]:
            if accounts[account]["negotiation"] is None:
                return {"type": "pursue", "account": account}
        for account in accounts.values():
            talks = account["negotiation"]
            if talks is not None and talks["status"] == "open":
                return talk(account["id"], talks)
    if view["phase"] == "contract":
        for account in accounts.values():
            if account["status"] == "agreed":
                kind = "sign" if account["credit_checked"] else "credit_check"
                return {"type": kind, "account": account["id"]}
    return {"type": "end_phase"}


def talk(account: str, talks: dict[str, Any]) -> dict[str, Any]:
    if "needs" not in talks["questions"]:
        return {"type": "ask", "account": account, "topic": "needs"}
    counter = talks["customer_last_offer"]
    if counter is not None and float(counter["price"]) <= talks["own_authority"]:
        return {"type": "accept_offer", "account": account}
    offers = sum(1 for o in talks["offers"] if o["who"] == "trainee")
    wanted = min(talks["own_authority"], float(talks["standard_terms"]["price"]) + STEP * offers)
    price = max(v for v in talks["issues"]["price"] if float(v) <= wanted + 1e-9)
    offer = {**talks["standard_terms"], "price": price}
    needs = talks["learned"].get("needs")
    if needs and needs.get("top_issues") and needs.get("ideal"):
        top = needs["top_issues"][0]
        if top != "price" and top in needs["ideal"]:
            offer[top] = needs["ideal"][top]
    return {"type": "offer", "account": account, "offer": offer}


def main() -> None:
    for line in sys.stdin:
        message = json.loads(line)
        if message["type"] == "view":
            print(json.dumps(next_action(message["view"])), flush=True)
        elif message["type"] == "over":
            break


if __name__ == "__main__":
    main()
