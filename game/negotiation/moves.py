"""What a rep's moves at the table are: the one definition of a trade across issues, of
concessions that shrink and of terms better than standard, shared by the metrics, the assessment's
indicators and the bots.

Everything here works on plain data a player also has: the issues' option lists (a mapping of
issue id -> options, or anything with such an ``options`` mapping, e.g. an ``OutcomeSpace``),
offers as mappings of issue id -> value, and per-issue value tables (how a customer values each
option, 0..1). The assessment passes the customer's true tables (hidden during play); a player
passes its own estimate (``estimated_values``). Nothing here reads the engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal, Protocol, overload

import numpy as np

from game.scenario.option_values import option_index, usual_option_values

Value = float | str
"""One option of an issue: a number (a discount, weeks, days, units) or a label."""

Options = Mapping[str, Sequence[Value]]
"""Each issue's options, in the order the scenario lists them."""

ValueTables = Mapping[str, Sequence[float] | np.ndarray]
"""Per issue: how the customer values each of its options (0..1), in option order."""

MoveKind = Literal["trade", "price_only", "unchanged", "concession"]

TOL = 1e-12  # a value difference smaller than this is no difference
STILL = 1e-9  # a concession smaller than this is no move
AUTHORITY_TOL = 1e-9
"""A discount this little above the authority held is still within it (float noise)."""


@overload
def within_authority(discount: float, authority: float) -> bool: ...
@overload
def within_authority(discount: np.ndarray, authority: float) -> np.ndarray: ...
def within_authority(discount: float | np.ndarray, authority: float) -> bool | np.ndarray:
    """CW-32: whether a rep holding ``authority`` may give ``discount`` (elementwise for an
    array of discounts). The one rule the table, the manager's approval and the bots apply."""
    return discount <= authority + AUTHORITY_TOL


def deepest_within(discounts: Sequence[Value], authority: float) -> float | None:
    """CW-32: the deepest of ``discounts`` a rep holding ``authority`` may give (None: none)."""
    allowed = [float(d) for d in discounts if within_authority(float(d), authority)]
    return max(allowed) if allowed else None


def used_own_room(offered: Sequence[float], discounts: Sequence[Value], authority: float) -> bool:
    """CW-32: whether a rep holding ``authority`` has offered the deepest discount it may give
    (``offered``: the discounts of its offers so far) -- its own room used before it asks the
    manager for more. A table whose discounts all lie beyond the authority leaves no room."""
    deepest = deepest_within(discounts, authority)
    return deepest is None or any(p >= deepest - AUTHORITY_TOL for p in offered)


class HasOptions(Protocol):
    """Anything that carries the issues' options (an ``OutcomeSpace`` does)."""

    @property
    def options(self) -> Mapping[str, Sequence[Value]]: ...


IssuesLike = Options | HasOptions


def options_of(issues: IssuesLike) -> Options:
    """The issue -> options mapping of ``issues`` (a mapping, or an object with ``options``)."""
    if isinstance(issues, Mapping):
        return issues
    return issues.options


# --------------------------------------------------------------------------- standard terms


def standard_option(issues: IssuesLike, issue: str, authority: float | None = None) -> int:
    """The option of ``issue`` that standard terms give: the middle one — for the discount
    (``price``), the middle of those the rep may give on its own authority (``authority``; all
    when None), so that meeting a customer on price never needs the manager before the first
    offer."""
    options = options_of(issues)[issue]
    if issue == "price" and authority is not None:
        within = [i for i, v in enumerate(options) if within_authority(float(v), authority)]
        if within:
            return within[(len(within) - 1) // 2]
    return (len(options) - 1) // 2


def standard_offer(issues: IssuesLike, authority: float | None = None) -> dict[str, Value]:
    """The company's standard terms: the ``standard_option`` of every issue."""
    opts = options_of(issues)
    return {issue: opts[issue][standard_option(opts, issue, authority)] for issue in opts}


def usual_values(issues: IssuesLike, issue: str) -> np.ndarray:
    """What a customer usually thinks of each option of ``issue``, 0..1: a bigger discount, more
    volume, faster delivery and longer payment terms are better, linearly in the value; an issue
    of labels (service, training) is better the later the option is listed
    (``game.scenario.option_values``, shared with the persona's stated needs)."""
    return usual_option_values(issue, options_of(issues)[issue])


def estimated_values(
    issues: IssuesLike, ideal: Mapping[str, Value] | None = None
) -> dict[str, np.ndarray]:
    """A player's estimate of how the customer values each option of each issue: by closeness
    to the ideal option it named (1 at the ideal, falling linearly with the distance in options),
    else in the usual direction (``usual_values``)."""
    opts = options_of(issues)
    ideal = ideal or {}
    tables: dict[str, np.ndarray] = {}
    for issue, options in opts.items():
        n = len(options)
        if issue in ideal:
            best = option_index(options, ideal[issue])
            tables[issue] = 1.0 - np.abs(np.arange(n) - best) / max(1, n - 1)
        else:
            tables[issue] = usual_values(opts, issue)
    return tables


def better_than_standard(
    issues: IssuesLike,
    offer: Mapping[str, object],
    issue: str,
    ideal: Mapping[str, Value] | None = None,
    authority: float | None = None,
) -> bool:
    """Whether ``offer`` gives the customer more on ``issue`` than standard terms
    (``standard_option``) would: strictly closer to the ideal option the customer named, or,
    without a named ideal, better in the usual direction. An issue whose ideal is the standard
    option cannot be bettered."""
    opts = options_of(issues)
    if issue not in opts or issue not in offer:
        return False
    table = estimated_values({issue: opts[issue]}, ideal if ideal and issue in ideal else None)[
        issue
    ]
    got = option_index(opts[issue], offer[issue])
    mid = standard_option(opts, issue, authority)
    return bool(table[got] > table[mid] + TOL)


# --------------------------------------------------------------------------- trades


def move_kind(
    issues: IssuesLike,
    values: ValueTables,
    before: Mapping[str, object],
    after: Mapping[str, object],
) -> MoveKind:
    """What moving from offer ``before`` to offer ``after`` is, valued with ``values`` (how the
    customer values each option):

    - ``"trade"``: it gives the customer something on one issue and takes something on another
      in return ("if you want faster delivery, then the list price");
    - ``"price_only"``: only the price moved;
    - ``"unchanged"``: nothing moved;
    - ``"concession"``: anything else: giving without taking anything back (on price, on other
      terms, or on several at once), or only taking."""
    opts = options_of(issues)
    changed = [k for k in opts if _index(opts, k, before) != _index(opts, k, after)]
    if not changed:
        return "unchanged"
    if changed == ["price"]:
        return "price_only"
    deltas = {
        k: float(values[k][_index(opts, k, after)]) - float(values[k][_index(opts, k, before)])
        for k in changed
    }
    gives = any(d > TOL for d in deltas.values())
    takes = any(d < -TOL for d in deltas.values())
    if gives and takes:
        return "trade"
    return "concession"


def is_trade(
    issues: IssuesLike,
    values: ValueTables,
    before: Mapping[str, object],
    after: Mapping[str, object],
) -> bool:
    """Whether the move from ``before`` to ``after`` is a trade across issues (``move_kind``)."""
    return move_kind(issues, values, before, after) == "trade"


def trades_to(
    issues: IssuesLike,
    values: ValueTables,
    before: Mapping[str, object],
    rows: np.ndarray,
) -> np.ndarray:
    """``is_trade`` from ``before`` to many offers at once. ``rows[i, j]`` is the option index of
    the ``j``-th issue (in the order of ``issues``) of the ``i``-th offer — the layout of an
    ``OutcomeSpace``'s grid."""
    opts = options_of(issues)
    names = list(opts)
    rows = np.asarray(rows, dtype=np.int64).reshape(-1, len(names))
    start = np.array([_index(opts, k, before) for k in names], dtype=np.int64)
    tables = [np.asarray(values[k], dtype=float) for k in names]
    deltas = np.column_stack(
        [tables[j][rows[:, j]] - tables[j][start[j]] for j in range(len(names))]
    )
    changed = rows != start
    gives = ((deltas > TOL) & changed).any(axis=1)
    takes = ((deltas < -TOL) & changed).any(axis=1)
    return gives & takes


def changes_other_terms(issues: IssuesLike, before: Mapping[str, object],
                        after: Mapping[str, object]) -> bool:
    """Whether moving from ``before`` to ``after`` changed a term other than price: the rep tried
    another package, not only another price."""
    opts = options_of(issues)
    return any(_index(opts, k, before) != _index(opts, k, after) for k in opts if k != "price")


def went_back(earlier: Sequence[Mapping[str, object]], offer: Mapping[str, object]) -> bool:
    """Whether ``offer`` goes back to terms the rep already offered in this negotiation, other
    than its offer just before (``earlier[-1]``: offering that again is holding it). Terms the
    customer has already heard and not taken, offered again, answer nothing and trade nothing:
    a rep that swings between two packages gives on one term and takes it back on the next."""
    return bool(earlier) and offer != earlier[-1] and any(offer == o for o in earlier[:-1])


def trade_share(
    issues: IssuesLike, values: ValueTables, offers: Sequence[Mapping[str, object]]
) -> float | None:
    """Share of the moves between consecutive ``offers`` that are trades (None: no move)."""
    kinds = [move_kind(issues, values, a, b) for a, b in zip(offers, offers[1:], strict=False)]
    if not kinds:
        return None
    return sum(k == "trade" for k in kinds) / len(kinds)


def _index(opts: Options, issue: str, offer: Mapping[str, object]) -> int:
    return option_index(opts[issue], offer[issue])


# --------------------------------------------------------------------------- concessions


def concession_positions(positions: Sequence[tuple[Mapping[str, object], float, bool]],
                         gains_hold: bool) -> list[int]:
    """Which of a rep's positions in one negotiation are steps of its concessions, by index: the
    first, then each that moved. ``positions`` are (terms, the rep's own utility of them,
    whether it took them from the customer), in order. The same terms at the same worth as the
    position before are held, not a step (a stall, judged once under good faith); with
    ``gains_hold`` so are the customer's terms taken when worth at least the position before to
    the rep: taking them concedes nothing."""
    kept: list[int] = []
    for k, (terms, worth, taken) in enumerate(positions):
        if k:
            before, before_worth, _ = positions[k - 1]
            if terms == before and worth == before_worth:
                continue
            if gains_hold and taken and before_worth - worth <= STILL:
                continue
        kept.append(k)
    return kept


def concessions(utilities: Sequence[float]) -> list[float]:
    """The drop in the rep's own utility from each offer to the next (negative: a step back)."""
    return [float(a) - float(b) for a, b in zip(utilities, utilities[1:], strict=False)]


def shrink_score(utilities: Sequence[float]) -> float | None:
    """How the rep's concessions (``concessions`` of its own utilities, offer by offer) changed
    over a negotiation: 0.5 for even steps, towards 1 as the later half gets smaller than the
    earlier half, towards 0 as it grows; 0 when the offer never moved. None with fewer than two
    concessions (three offers): nothing could shrink."""
    drops = concessions(utilities)
    if len(drops) < 2:
        return None
    if all(abs(d) < STILL for d in drops):
        return 0.0
    half = len(drops) // 2
    early = sum(drops[:half]) / half
    late = sum(drops[-half:]) / half
    scale = abs(early) + abs(late)
    if scale < STILL:
        return 0.5
    return min(1.0, max(0.0, 0.5 + (early - late) / (2.0 * scale)))


def shrank(score: float | None) -> bool | None:
    """Whether a ``shrink_score`` says the concessions shrank: above 0.5, even steps' score
    (None: nothing was judged)."""
    return None if score is None else score > 0.5


def concessions_shrank(utilities: Sequence[float]) -> bool | None:
    """Whether the later concessions were smaller than the earlier ones (``shrank``); None with
    fewer than three offers."""
    return shrank(shrink_score(utilities))


def never_moved(utilities: Sequence[float]) -> bool:
    """Whether the rep's offers never changed its own utility."""
    return all(abs(d) < STILL for d in concessions(utilities))
