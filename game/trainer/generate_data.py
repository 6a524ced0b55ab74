"""The scenario generator's word lists and templates (generator_words.yaml), validated."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from game.scenario.economics import Rating
from game.scenario.loader import load_file
from game.scenario.models import ID_PATTERN, RiskKind, StrategyKind

WORDS_FILE = Path(__file__).with_name("generator_words.yaml")

IssueId = Literal["price", "volume", "delivery_weeks", "payment_days", "service", "training"]
Span = tuple[float, float]
IntSpan = tuple[int, int]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bi(_Data):
    """A text in both languages; placeholders in braces are filled with ``fill``."""

    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def fill(self, **values: object) -> Bi:
        """This text with each ``{name}`` replaced; a value may be a Bi (per language) or plain."""
        out = {}
        for lang in ("en", "zh"):
            given = {k: getattr(v, lang) if isinstance(v, Bi) else v for k, v in values.items()}
            out[lang] = getattr(self, lang).format(**given)
        return Bi(**out)

    def plain(self) -> dict[str, str]:
        return {"en": self.en, "zh": self.zh}


class Named(_Data):
    id: str = Field(pattern=ID_PATTERN)
    name: Bi


class ProductSpec(_Data):
    """A product an industry's company may sell."""

    id: str = Field(pattern=ID_PATTERN)
    name: Bi
    noun: Bi  # plural noun for needs texts ("cases of infusion sets")
    topic: Bi | None = None  # plural noun for briefings, if not the noun ("infusion sets")
    measure: str = Field(min_length=1)  # Chinese measure word (台, 把, 套, 箱, 个)
    list_price: Span
    quality: Span
    main: bool = True  # may be the company's first (or only) product


class SegmentSpec(_Data):
    """A kind of small customer; numbers are the centre of the generated distributions."""

    id: str = Field(pattern=ID_PATTERN)
    name: Bi
    product: str
    size: Span  # lognormal [mu, sigma] of the purchase size
    clip: Span
    price_sensitivity: float = Field(gt=0)
    quality_weight: float = Field(gt=0)
    credit: Span  # beta [a, b]
    purchase_rate: Span
    satisfaction: float = Field(gt=0, lt=1)
    churn: float = Field(gt=0, lt=0.05)
    accounts: bool = True  # key accounts may belong to it


class AccountSpec(_Data):
    """A large customer: its name, what it buys for, and the segments it may belong to."""

    id: str = Field(pattern=ID_PATTERN)
    name: Bi
    purpose: Bi
    segments: list[str] = Field(min_length=1)


class RiskText(_Data):
    name: Bi
    warning: Bi | None = None


class IndustrySpec(_Data):
    """Everything that makes one industry's scenarios read like that industry."""

    id: str = Field(pattern=ID_PATTERN)
    name: Bi
    customer_noun: Bi
    customers: IntSpan
    partner_channels: list[Bi] = Field(min_length=1)
    companies: list[Bi] = Field(min_length=1)
    competitors: list[Named] = Field(min_length=4)
    products: list[ProductSpec] = Field(min_length=2)
    segments: list[SegmentSpec] = Field(min_length=3)
    accounts: list[AccountSpec] = Field(min_length=8)
    expert_roles: list[Bi] = Field(min_length=1)
    delivery_options: list[list[int]] = Field(min_length=1)
    issue_names: dict[IssueId, Bi] = Field(default_factory=dict)
    risk_texts: dict[RiskKind, list[RiskText]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _references(self) -> IndustrySpec:
        products = {p.id for p in self.products}
        segments = {s.id for s in self.segments}
        if len({c.id for c in self.competitors}) != len(self.competitors):
            raise ValueError(f"{self.id}: competitor ids must be unique")
        if not any(p.main for p in self.products):
            raise ValueError(f"{self.id}: at least one product needs main: true")
        for seg in self.segments:
            if seg.product not in products:
                raise ValueError(f"{self.id}: segment '{seg.id}' buys unknown product '{seg.product}'")
        for account in self.accounts:
            unknown = set(account.segments) - segments
            if unknown:
                raise ValueError(f"{self.id}: account '{account.id}' names unknown segments {unknown}")
        for product in self.products:
            own = [s for s in self.segments if s.product == product.id]
            if not own:
                raise ValueError(f"{self.id}: no segment buys the product '{product.id}'")
            if product.main and (len(own) < 2 or not any(s.accounts for s in own)):
                raise ValueError(
                    f"{self.id}: main product '{product.id}' needs two segments, one with accounts"
                )
        for options in self.delivery_options:
            if len(options) < 3 or sorted(set(options)) != options:
                raise ValueError(f"{self.id}: delivery options must be 3+ rising weeks")
        return self


class Clause(_Data):
    """A need of an archetype: the issue it weighs most, and its option values when they are not
    the usual order (the game words the need from them: game.scenario.persona_text)."""

    issue: IssueId
    values: list[float] | None = None  # the account's option values when not the usual order


class TacticChoice(_Data):
    kind: Literal["boulware", "linear", "conceder", "tit_for_tat"]
    beta: Span


class Archetype(_Data):
    """A kind of buyer: hidden weights, the needs it states, its tactic and its credit."""

    id: str = Field(pattern=ID_PATTERN)
    weights: dict[IssueId, float]
    needs: list[str] = Field(min_length=1)
    requires: list[IssueId] = Field(default_factory=list)  # any one of these must be on the table
    expert_role: bool = False  # its role comes from the industry's expert roles
    tactics: list[TacticChoice] = Field(min_length=1)
    ratings: list[Rating] = Field(min_length=1)
    roles: list[Bi] = Field(default_factory=list)
    traits: list[Bi] = Field(min_length=1)  # drawn per account; the persona's style is written from the tactic
    reservation: Span
    deadline: IntSpan
    trust: Span

    @model_validator(mode="after")
    def _named_issues_first(self) -> Archetype:
        if abs(sum(self.weights.values()) - 1) > 1e-9:
            raise ValueError(f"archetype '{self.id}': weights must add up to 1")
        return self


class Response(_Data):
    id: str = Field(pattern=ID_PATTERN)
    label: Bi
    effort: float = Field(0.0, ge=0)
    cost: float = Field(0.0, ge=0)  # share of the game's revenue target
    mitigation: Span


class RiskKindSpec(_Data):
    hazard: Span
    impact: Span
    duration: IntSpan
    warning_weeks: IntSpan
    texts: list[RiskText] = Field(default_factory=list)
    responses: list[Response] = Field(min_length=1)


class Joiners(_Data):
    comma: str
    last: str


class Options(_Data):
    """The options of the negotiation issues other than price and delivery."""

    volume: list[float] = Field(min_length=2)
    payment_days: list[list[int]] = Field(min_length=1)
    service: list[str] = Field(min_length=3, max_length=3)  # clause values assume three levels
    training: list[str] = Field(min_length=2)


class Templates(_Data):
    header: str  # the comment block at the top of a generated file (English, like the shipped)
    courseware: list[str] = Field(min_length=1)
    titles: list[Bi] = Field(min_length=1)
    opening: Bi
    market: Bi
    focus: list[Bi] = Field(min_length=1)
    joiners: dict[Literal["en", "zh"], Joiners]
    periods: dict[int, Bi]
    periods_of: dict[int, Bi]
    numbers: dict[int, Bi]
    channels: dict[str, Bi]


class GeneratorWords(_Data):
    """The whole word file."""

    territories: list[Bi] = Field(min_length=1)
    surnames: list[Bi] = Field(min_length=8)
    honorifics: list[Bi] = Field(min_length=1)
    issues: dict[IssueId, Bi]
    options: Options
    clauses: dict[str, Clause]
    archetypes: list[Archetype] = Field(min_length=4)
    risks: dict[RiskKind, RiskKindSpec]
    text: Templates
    industries: list[IndustrySpec] = Field(min_length=4)

    @model_validator(mode="after")
    def _complete(self) -> GeneratorWords:
        kinds = set(RiskKind.__args__)  # type: ignore[attr-defined]
        if set(self.risks) != kinds:
            raise ValueError(f"risks needs every kind: {sorted(kinds)}")
        if len({i.id for i in self.industries}) != len(self.industries):
            raise ValueError("industry ids must be unique")
        for archetype in self.archetypes:
            for clause in archetype.needs:
                if clause not in self.clauses:
                    raise ValueError(f"archetype '{archetype.id}' uses unknown clause '{clause}'")
            named = {self.clauses[c].issue for c in archetype.needs}
            low = min(archetype.weights.get(i, 0.0) for i in named)
            if any(w > low for i, w in archetype.weights.items() if i not in named):
                raise ValueError(
                    f"archetype '{archetype.id}': the issues its needs name must weigh most"
                )
            if not archetype.roles and not archetype.expert_role:
                raise ValueError(f"archetype '{archetype.id}' needs roles")
        for industry in self.industries:
            for kind, texts in industry.risk_texts.items():
                if not texts:
                    raise ValueError(f"{industry.id}: risk_texts.{kind} is empty")
            for kind, spec in self.risks.items():
                if not spec.texts and not industry.risk_texts.get(kind):
                    raise ValueError(f"{industry.id}: no texts for risk kind '{kind}'")
        return self

    def industry(self, industry_id: str) -> IndustrySpec:
        return next(i for i in self.industries if i.id == industry_id)


STRATEGIES: tuple[StrategyKind, ...] = ("price_leader", "premium", "follower", "poacher")


@cache
def words() -> GeneratorWords:
    """The validated word file (read once)."""
    return load_file(WORDS_FILE, GeneratorWords)[0]


def industry_ids() -> list[str]:
    return [i.id for i in words().industries]
