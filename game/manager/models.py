"""The manager-track scenario format: a territory, a team of reps, the candidates the manager may
hire, and every coefficient of the team rules (pay, attrition, coaching, standards, systems) as
data. The reps play the rep game in the territory scenario named by ``territory``, one region
each."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from game.bots.synthetic import SKILLS
from game.scenario.errors import RuleBroken
from game.scenario.messages import msg
from game.scenario.models import ID_PATTERN, Id, ReferenceError_, Strict
from game.scenario.text import Text

Skills = dict[str, float]


def _field(default: Any, description: str, **bounds: Any) -> Any:
    """A field with a default, its bounds and a description, the default as its example."""
    return Field(default=default, description=description, examples=[default], **bounds)


class Region(Strict):
    """A part of the territory one rep covers (CW-71 team formation)."""

    id: Id = Field(pattern=ID_PATTERN, description="Region id 区域编号 — named when reps are assigned.",
                   examples=["north"])
    name: Text = Field(description="Region name 区域名称 — as the manager reads it.",
                       examples=[{"en": "North", "zh": "北区"}])
    share: float = Field(gt=0, le=1, description="Share 份额 — the region's share of the territory's customers (the shares add up to 1).",
                         examples=[0.4])


class StartingRep(Strict):
    """A rep on the team when the manager takes over, with skills the manager cannot see."""

    id: Id = Field(pattern=ID_PATTERN, description="Rep id 销售员编号 — how actions name the rep.",
                   examples=["wang"])
    name: Text = Field(description="Name 姓名 — as the manager reads it.",
                       examples=[{"en": "Wang Lei", "zh": "王磊"}])
    skills: Skills = Field(description="Skills 能力 — the rep's hidden skill in each competency of the rep rubric, 0..1 (the manager sees only noisy reviews and measured scores).",
                           examples=[{s: 0.5 for s in SKILLS}])
    region: Id = Field(description="Region 区域 — the region the rep covers at the start.",
                       examples=["north"])

    @model_validator(mode="after")
    def _skills(self) -> StartingRep:
        _check_skills(self.skills)
        return self


def _check_skills(skills: Skills) -> None:
    missing = [s for s in SKILLS if s not in skills]
    unknown = [s for s in skills if s not in SKILLS]
    if missing or unknown:
        raise RuleBroken(msg("manager.skills", missing=", ".join(missing) or "-",
                             unknown=", ".join(unknown) or "-", allowed=", ".join(SKILLS)))
    if any(not 0.0 <= v <= 1.0 for v in skills.values()):
        raise RuleBroken(msg("manager.skill_range"))


class Candidates(Strict):
    """The people who apply each round (CW-70 recruitment)."""

    per_round: int = _field(4, "Per round 每轮人数 — candidates who apply each round.", ge=1, le=12)
    skill_mean: float = _field(0.45, "Skill mean 能力均值 — the average skill of an applicant.", ge=0, le=1)
    skill_sd: float = _field(0.2, "Skill spread 能力离散度 — how much applicants differ (standard deviation).", ge=0, le=0.5)
    cv_noise: float = _field(0.25, "CV noise CV误差 — the standard deviation of what a CV (or a rep's last review) says about a skill.", gt=0, le=1)
    review_noise: float = _field(0.12, "Review noise 考评误差 — the standard deviation of last year's review of each skill of a rep already on the team.", gt=0, le=1)
    interview_noise: float = _field(0.1, "Interview noise 面试误差 — the standard deviation of one structured interview question's read of a skill.", gt=0, le=1)
    interview_hours: float = _field(1.0, "Interview hours 面试时长 — manager hours one structured interview question takes.", gt=0)


class Hiring(Strict):
    """What team changes cost."""

    hire_cost: float = _field(30000, "Hiring cost 招聘成本 — paid once per hire.", ge=0)
    severance: float = _field(40000, "Severance 遣散费 — paid when the manager lets a rep go.", ge=0)
    max_reps: int = _field(6, "Largest team 最大团队 — the most reps the manager may have.", ge=1, le=6)


class Pay(Strict):
    """Pay and what it does to people (CW-62, CW-72)."""

    target_pay: float = _field(60000, "Target pay 目标薪酬 — a rep's pay per round at 100 % of target.", gt=0)
    market_pay: float = _field(60000, "Market pay 市场薪酬 — what a rep could earn elsewhere per round; paid less, a rep is likelier to leave.", gt=0)
    cap: float = _field(2.5, "Cap 上限 — the most attainment the variable pay counts.", ge=1)
    leave_base: float = _field(-3.5, "Leaving, base 离职基准 — the log-odds a content rep leaves in a round.")
    leave_underpaid: float = _field(4.0, "Leaving, underpaid 低薪离职 — log-odds added per 100 % a rep's pay falls below market pay.", ge=0)
    leave_overload: float = _field(1.5, "Leaving, overload 超负荷离职 — log-odds added per key account above the fair load.", ge=0)
    leave_neglect: float = _field(1.0, "Leaving, neglect 被忽视离职 — log-odds added when a rep had no coaching for two rounds.", ge=0)
    fair_accounts: int = _field(2, "Fair load 合理负荷 — key accounts still to win (not yet won or lost) that one rep can work at once.", ge=0)
    full_pull_share: float = _field(0.4, "Full pull 满拉力浮动比例 — the variable share of pay from which an incentive plan pulls its reps as hard as it can; less variable pay pulls them in proportion.", gt=0, le=1)
    team_damping: float = _field(0.5, "Team damping 团队分成削弱 — the share of that pull a plan paid wholly on the team's results takes away (a rep's own deals matter less to its pay).", ge=0, le=1)
    margin_pull: float = _field(0.5, "Margin pull 利润导向拉力 — how hard a plan paid on margin pulls toward price, against a revenue plan's pull toward volume.", ge=0, le=1)


class Coaching(Strict):
    """How coaching grows a rep's skill (CW-70 training, CW-63 competence)."""

    hours_per_round: float = _field(12, "Manager hours 经理时间 — hours per round for coaching, interviews and reviews.", ge=0)
    gain: float = _field(0.5, "Gain 提升率 — the share of the room left in a skill that a full dose of coaching closes.", ge=0, le=1)
    dose_hours: float = _field(4, "Dose 剂量 — hours after which coaching on one skill in one round gives 63 % of its gain (diminishing returns).", gt=0)


class Standard(Strict):
    """A team standard the manager may set (CW-73 process, CW-74 standardisation)."""

    id: Id = Field(pattern=ID_PATTERN, description="Standard id 标准编号 — named by the action that adopts it.",
                   examples=["credit-checks"])
    name: Text = Field(description="Name 名称 — as the manager reads it.",
                       examples=[{"en": "Credit check every contract", "zh": "每份合同先做信用检查"}])
    kind: Literal["credit_checks", "discount_cap", "pipeline_review"] = Field(
        description="Kind 类型 — credit_checks: reps check every contract's credit; discount_cap: reps give at most `value` discount; pipeline_review: the manager reviews each rep's forecast each round (costs `hours` per rep).",
        examples=["credit_checks"])
    value: float = Field(default=0.0, ge=0, le=1, description="Value 数值 — the cap for discount_cap; the share of a rep's forecast lean a review removes for pipeline_review.",
                         examples=[0.15])
    cost_per_round: float = Field(default=0.0, ge=0, description="Cost per round 每轮成本 — money the standard costs each round.",
                                  examples=[5000])
    hours: float = Field(default=0.0, ge=0, description="Hours 时长 — manager hours it takes each round (per rep for pipeline_review).",
                         examples=[1.0])


class System(Strict):
    """An investment in sales systems (CW-75 information systems, CW-77 automation)."""

    id: Id = Field(pattern=ID_PATTERN, description="System id 系统编号 — named by the action that buys it.",
                   examples=["crm"])
    name: Text = Field(description="Name 名称 — as the manager reads it.",
                       examples=[{"en": "CRM", "zh": "客户关系管理系统"}])
    cost: float = Field(ge=0, description="Cost 成本 — paid once when bought.", examples=[120000])
    cost_per_round: float = Field(default=0.0, ge=0, description="Running cost 运行成本 — paid each round after.",
                                  examples=[10000])
    effort_gain: float = Field(ge=0, le=1, description="Effort freed 释放工作量 — the share of each rep's effort budget the system adds from the next round (routine work it removes).",
                               examples=[0.15])


class Knowledge(Strict):
    """Turning a deal into a shared playbook (CW-76 knowledge management)."""

    hours: float = _field(2, "Hours 时长 — manager hours to write up one deal as a playbook.", ge=0)
    gain: float = _field(0.15, "Gain 提升率 — the share of the room left in negotiation skill a playbook closes for each other rep.", ge=0, le=1)
    min_value_claimed: float = _field(0.3, "Worth sharing 值得分享 — the least value claimed (shown in the deal's result) that makes a deal teach something.", ge=0, le=1)


class PlanDefaults(Strict):
    """The incentive plan in force when the manager takes over (CW-62)."""

    variable_share: float = _field(0.4, "Variable share 浮动比例 — the share of target pay that depends on results.", ge=0, le=0.8)
    basis: Literal["revenue", "margin"] = _field("revenue", "Basis 考核基础 — what the variable pay is earned on: revenue, or contribution margin.")
    accelerator: float = Field(default=1.0, ge=1, le=3, description="Accelerator 加速系数 — how much more each point above target pays.",
                               examples=[1.5])
    team_share: float = Field(default=0.0, ge=0, le=1, description="Team share 团队部分 — the share of the variable pay earned on the team's result.",
                              examples=[0.2])


class ManagerScenario(Strict):
    """A manager-track scenario: lead a team of simulated reps through a territory."""

    format: Literal[1] = Field(description="Format 格式版本 — always 1.", examples=[1])
    track: Literal["manager"] = Field(description="Track 模式 — manager: the trainee leads a team (the rep track has no such key).",
                                      examples=["manager"])
    id: Id = Field(pattern=ID_PATTERN, description="Scenario id 场景编号.", examples=["east-china-team"])
    title: Text = Field(description="Title 标题.", examples=[{"en": "East China team", "zh": "华东团队"}])
    briefing: Text = Field(description="Briefing 简报 — what the manager reads first.",
                           examples=[{"en": "You lead the East China team.", "zh": "你带领华东团队。"}])
    courseware: list[str] = Field(default_factory=lambda: ["CW-62", "CW-70", "CW-71", "CW-72", "CW-73", "CW-74", "CW-75", "CW-76", "CW-77"],
                                  description="Courseware 课件 — the CW sections it practises.", examples=[["CW-62", "CW-70"]])
    languages: list[Literal["zh", "en"]] = Field(default_factory=lambda: ["zh", "en"], description="Languages 语言 — the languages its texts are written in.",
                                                 examples=[["zh", "en"]])
    seed: int = Field(ge=0, description="Seed 随机种子 — the default seed.", examples=[20261204])
    rounds: int | None = Field(default=None, ge=2, le=12, description="Rounds 轮数 — rounds the manager leads the team (default: the territory's); the territory's key accounts still come in its own rounds.",
                               examples=[6])
    territory: str = Field(description="Territory 区域场景 — the rep scenario the team plays, as a path relative to this file.",
                           examples=["../east-china-territory.yaml"])
    regions: list[Region] = Field(min_length=1, max_length=6, description="Regions 区域 — the parts of the territory, one rep each.")
    team: list[StartingRep] = Field(min_length=1, max_length=6, description="Team 团队 — the reps at the start.")
    candidates: Candidates = Field(default_factory=Candidates, description="Candidates 候选人 — who applies.")
    hiring: Hiring = Field(default_factory=Hiring, description="Hiring 招聘 — what team changes cost.")
    pay: Pay = Field(default_factory=Pay, description="Pay 薪酬 — pay and attrition.")
    plan: PlanDefaults = Field(default_factory=PlanDefaults, description="Plan 激励方案 — the incentive plan in force at the start.")
    coaching: Coaching = Field(default_factory=Coaching, description="Coaching 辅导 — how coaching grows skill.")
    standards: list[Standard] = Field(default_factory=list, description="Standards 标准 — the team standards on offer.")
    systems: list[System] = Field(default_factory=list, description="Systems 系统 — the systems the manager may buy.")
    knowledge: Knowledge = Field(default_factory=Knowledge, description="Knowledge 知识管理 — playbooks from won deals.")

    @model_validator(mode="after")
    def _references(self) -> ManagerScenario:
        regions = [r.id for r in self.regions]
        total = sum(r.share for r in self.regions)
        if abs(total - 1.0) > 1e-6:
            raise ReferenceError_(("regions",), msg("manager.shares", total=f"{total:.3f}"))
        for i, rep in enumerate(self.team):
            if rep.region not in regions:
                raise ReferenceError_(("team", i, "region"),
                                      msg("manager.region", region=rep.region, allowed=", ".join(regions)))
        for label, ids in (("team", [r.id for r in self.team]), ("regions", regions),
                           ("standards", [s.id for s in self.standards]),
                           ("systems", [s.id for s in self.systems])):
            if len(set(ids)) != len(ids):
                raise ReferenceError_((label,), msg("manager.duplicate", where=label))
        if len({r.region for r in self.team}) != len(self.team):
            raise ReferenceError_(("team",), msg("manager.shared_region"))
        if len(self.team) > self.hiring.max_reps:
            raise ReferenceError_(("team",), msg("manager.too_many", n=len(self.team),
                                                 most=self.hiring.max_reps))
        return self
