"""What a sales manager can do: one pydantic union, applied by ``ManagerGame.apply``."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter


class _Action(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class InterviewCandidate(_Action):
    """Ask a candidate a structured question on one competency (CW-70): a sharper read of it."""

    type: Literal["interview_candidate"] = "interview_candidate"
    candidate: str
    competency: str


class Hire(_Action):
    """Hire a candidate into a region without a rep."""

    type: Literal["hire"] = "hire"
    candidate: str
    region: str


class LetGo(_Action):
    """Let a rep go (severance); the region is vacant until someone is hired into it."""

    type: Literal["let_go"] = "let_go"
    rep: str


class AssignAccount(_Action):
    """Give a key account to a rep (CW-71); only before the first round is played."""

    type: Literal["assign_account"] = "assign_account"
    account: str
    rep: str


class SetPlan(_Action):
    """The incentive plan from this round on (CW-62, CW-72)."""

    type: Literal["set_plan"] = "set_plan"
    variable_share: float = Field(ge=0, le=0.8)
    basis: Literal["revenue", "margin"]
    accelerator: float = Field(ge=1, le=3)
    team_share: float = Field(ge=0, le=1)


class Coach(_Action):
    """Spend coaching hours with a rep on one competency this round."""

    type: Literal["coach"] = "coach"
    rep: str
    competency: str
    hours: float = Field(gt=0)


class AdoptStandard(_Action):
    """Put a team standard in force (CW-73, CW-74)."""

    type: Literal["adopt_standard"] = "adopt_standard"
    standard: str


class DropStandard(_Action):
    type: Literal["drop_standard"] = "drop_standard"
    standard: str


class BuySystem(_Action):
    """Buy a sales system (CW-75, CW-77)."""

    type: Literal["buy_system"] = "buy_system"
    system: str


class SharePlaybook(_Action):
    """Write up a rep's won deal as a playbook the team learns from (CW-76)."""

    type: Literal["share_playbook"] = "share_playbook"
    rep: str
    account: str


class EndRound(_Action):
    """Done deciding: the reps play the round."""

    type: Literal["end_round"] = "end_round"


ManagerAction = Annotated[
    InterviewCandidate | Hire | LetGo | AssignAccount | SetPlan | Coach | AdoptStandard
    | DropStandard | BuySystem | SharePlaybook | EndRound,
    Field(discriminator="type"),
]
ACTION_ADAPTER: TypeAdapter[ManagerAction] = TypeAdapter(ManagerAction)
