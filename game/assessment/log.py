"""Read-only queries over a game's event log, shared by the indicators."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from game.engine.events import Event


class EventLog:
    """The events of one game, indexed by kind (the list itself is never changed)."""

    def __init__(self, events: Sequence[Event]) -> None:
        self.events: tuple[Event, ...] = tuple(events)
        self._by_kind: dict[str, list[Event]] = {}
        for event in self.events:
            self._by_kind.setdefault(event.kind, []).append(event)

    def of(self, *kinds: str) -> list[Event]:
        """Events of any of ``kinds``, in log order."""
        if len(kinds) == 1:
            return list(self._by_kind.get(kinds[0], []))
        return sorted((e for k in kinds for e in self._by_kind.get(k, [])), key=lambda e: e.seq)

    def for_account(self, account: str, *kinds: str) -> list[Event]:
        return [e for e in self.of(*kinds) if e.payload.get("account") == account]

    def authority_before(self, account: str, seq: int) -> float:
        """The discount authority the trainee held with ``account`` just before event ``seq``:
        the negotiation's opening authority, or the manager's latest grant (0 before talks)."""
        authority = 0.0
        for e in self.for_account(account, "negotiation_opened", "authority_granted"):
            if e.seq >= seq:
                break
            authority = float(e.payload["authority"])
        return authority

    def rounds(self) -> list[int]:
        """The rounds that started, in order."""
        return [e.round for e in self.of("round_started")]

    def phase_end(self, round_: int, phase: str) -> Event | None:
        """The ``phase_ended`` event of ``phase`` in ``round_`` (None if it never ended)."""
        for e in self.of("phase_ended"):
            if e.round == round_ and e.phase == phase:
                return e
        return None

    def phase_events(self, round_: int, phase: str, *kinds: str) -> list[Event]:
        return [e for e in self.of(*kinds) if e.round == round_ and e.phase == phase]

    def targets_at(self, seq: int) -> Event | None:
        """The last ``targets_selected`` at or before ``seq``."""
        last = None
        for e in self.of("targets_selected"):
            if e.seq > seq:
                break
            last = e
        return last

    def open_accounts(self, seq: int, accounts: Iterable[str]) -> list[str]:
        """The ``accounts`` still in play before event ``seq``: no negotiation with them has
        ended (an ended one was won or lost) and no rival has taken the business (an opportunity
        never pursued, a deal that lapsed or was declined), and none was ours from the start."""
        closed = {e.payload.get("account")
                  for e in self.of("negotiation_ended", "rival_won", "account_inherited")
                  if e.seq < seq}
        return [a for a in accounts if a not in closed]

    def contracts_begun(self) -> list[Event]:
        """Every contract that came into force: signed in the game, or inherited at its start."""
        return self.of("contract_signed", "account_inherited")

    def served_before(self, seq: int, current: bool = False) -> set[str]:
        """The accounts with a contract begun (signed or inherited) before event ``seq``; with
        ``current``, only those still customers then: not lost since to a rival (a contract
        not renewed) or to a default — a customer that left is nobody the rep can call on."""
        begun = {e.payload["account"]: e.seq for e in self.contracts_begun() if e.seq < seq}
        if current:
            for e in self.of("rival_won", "customer_defaulted"):
                account = e.payload["account"]
                if e.seq < seq and begun.get(account, seq) < e.seq:
                    del begun[account]
        return set(begun)

    def round_targets(self, round_: int) -> Event | None:
        """The targets a round works to: its last selection, else the one carried over."""
        own = [e for e in self.of("targets_selected") if e.round == round_]
        if own:
            return own[-1]
        earlier = [e for e in self.of("targets_selected") if e.round < round_]
        return earlier[-1] if earlier else None


def seqs(events: Iterable[Event | None]) -> list[int]:
    return [e.seq for e in events if e is not None]


def payload(event: Event, key: str, default: Any = None) -> Any:
    return event.payload.get(key, default)
