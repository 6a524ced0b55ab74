"""What every lint rule shares: the codes, the context a rule reads, positioned problems."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from game.scenario.errors import Problem, Severity
from game.scenario.messages import Msg
from game.scenario.models import Scenario
from game.scenario.yaml_nodes import DataPath, YamlTree, mark_position

LINT_CODES: dict[str, str] = {
    # impossible or unreachable setups
    "E201": "no deal is possible with a key account: no outcome satisfies both sides",
    "E202": "the revenue target is above the most the whole market could ever pay",
    "E203": "the market-share target is above what vendor choice allows even at our best",
    "E204": "the customer target is above the number of customers there are",
    "E205": "the margin target is above the margin of the most profitable product",
    "E208": "a price-war risk without a target competitor: it strikes without effect",
    "E209": "purchase sizes above 2,147,483,647 units, which the game cannot hold",
    "W201": "a deal with a key account needs a discount beyond the manager's authority",
    "W202": "the revenue target is above what the whole market buys on average at list price",
    "W203": "the market-share target is above what we win when cheapest and best against the "
    "competitors' starting prices",
    "W204": "a risk is (almost) certain to strike, early in the game",
    "W205": "a key account wants a product its segment does not buy",
    "W206": "a key account's deadline is beyond the meeting limit, so it never applies",
    "W207": "an economics value outside the range the game's rules were built for",
    "W208": "a delivery option with no cost in company.delivery_cost: its cost is interpolated",
    "W209": "a courseware id that is not a section of the course",
    "W210": "a revenue target so small that any play beats it and forecast error means nothing",
    "W211": "a research method whose one use costs a large share of the whole market's revenue",
    "W212": "a key account's words name an option (or a number of delivery weeks or payment days) "
    "its own values rank well below its favourite, or a number of units other than its volume",
    "W213": "a conduct dilemma's consequence is due after the game's last week, so it never strikes",
    "W214": "a conduct dilemma moves so much money that one answer decides the game on its own",
    # YAML traps
    "W301": "yes/no/on/off without quotes is read as true/false",
    "W302": "a time-like value such as 12:30 is read as a number (750)",
    "W303": "an ASCII ': ' inside unquoted text turned the text into a mapping",
    "W304": "a number with a leading zero is read as octal (017 is 15)",
    "W305": "an unquoted ' #' cut the text short: the rest of the line is a comment",
    "W306": "a full-width comma '，' inside a [list] written on one line glued two items into one",
    # translations
    "W401": "a text is given in one language only",
    # unused or pointless definitions
    "W501": "a product that no segment or key account buys",
    "W502": "a channel that another channel beats on both fee and reach",
    "W503": "a negotiation issue that no key account cares about",
    "W504": "option values for an issue the key account gives no weight",
    "W505": "a risk warning that is never shown (warning_weeks is 0)",
    # manager scenarios
    "W601": "a rep's target pay is more than a third of what a region is set to earn in a round",
    "W602": "more key accounts than a full team can work at a fair load",
    "W603": "a key account comes up after the manager game's last round",
    "W604": "an interview question takes more hours than a round has",
}
"""Every lint code and what it means: E2xx are errors, W2xx..W6xx warnings (W6xx: manager
scenarios, ``game.manager.lint``)."""

LINT_CODES_ZH: dict[str, str] = {
    "E201": "与某个大客户不可能成交：没有任何结果能同时满足双方",
    "E202": "销售额目标高于整个市场最多可能支付的金额",
    "E203": "市场份额目标高于即使我方条件最优时客户选择所允许的份额",
    "E204": "客户数量目标高于现有客户总数",
    "E205": "毛利率目标高于利润最高的产品的毛利率",
    "E208": "价格战风险没有指定对手（target）：发生了也没有任何影响",
    "E209": "采购量超过 2,147,483,647 台，游戏无法存储",
    "W201": "与某个大客户成交需要超过经理审批权限的折扣",
    "W202": "销售额目标高于整个市场按标价平均能购买的金额",
    "W203": "市场份额目标高于我方在对手起始价格下最便宜且最好时能赢得的份额",
    "W204": "某个风险（几乎）必然在游戏早期发生",
    "W205": "大客户要采购的产品不是其所属细分市场购买的产品",
    "W206": "大客户的谈判期限超过谈判轮数上限，因此永远不起作用",
    "W207": "经营规则（economics）中的某个数值超出了游戏规则设计时考虑的范围",
    "W208": "某个交货期选项在 company.delivery_cost 中没有成本：其成本只能插值估算",
    "W209": "courseware 中的课程编号不是课程的章节",
    "W210": "销售额目标太小：任何玩法都能远超，预测误差也失去意义",
    "W211": "某种需求分析方法用一次的费用就占整个市场销售额的很大一部分",
    "W212": "大客户的描述要求的选项（或交货周数、付款天数）被它自己的选项价值排得远低于最爱的选项"
    "，或描述中的采购台数不是它的采购量",
    "W213": "职业道德情境的后续影响在游戏最后一周之后才到期，永远不会发生",
    "W214": "职业道德情境涉及的金额过大，一个回答就足以决定整局游戏",
    "W301": "未加引号的 yes/no/on/off 被读成 true/false",
    "W302": "类似 12:30 的时间被读成数字（750）",
    "W303": "未加引号的文字中的英文 ': ' 使文字变成了映射",
    "W304": "以 0 开头的数字被读成八进制（017 即 15）",
    "W305": "未加引号的 ' #' 截断了文字：这一行其余部分成了注释",
    "W306": "单行 [列表] 中的全角逗号“，”把两个条目连成了一个",
    "W401": "某段文字只有一种语言",
    "W501": "没有任何细分市场或大客户购买的产品",
    "W502": "费用和覆盖率都不如另一个渠道的渠道",
    "W503": "没有任何大客户在意的谈判议题",
    "W504": "为大客户不给权重的议题设置了选项价值",
    "W505": "永远不会显示的风险预警（warning_weeks 为 0）",
    "W601": "销售员目标薪酬超过某个大区每轮应得贡献利润的三分之一",
    "W602": "大客户多于满编团队在合理负荷下能跟进的数量",
    "W603": "某个大客户在经理游戏最后一轮之后才出现",
    "W604": "一个面试问题需要的时间超过一轮的总时数",
}
"""The same meanings in Chinese, for the Chinese authoring guide."""


@dataclass
class LintContext:
    """The scenario (None when it did not validate), its YAML tree and text, and its name."""

    tree: YamlTree
    text: str
    path: str
    scenario: Scenario | None = None

    def position(self, at: DataPath, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value (or key) at ``at``, else of its nearest ancestor."""
        current: tuple[Hashable, ...] = tuple(at)
        while current:
            if key and current in self.tree.key_nodes:
                return mark_position(self.tree.key_nodes[current].start_mark)
            if current in self.tree.nodes:
                return mark_position(self.tree.nodes[current].start_mark)
            current = current[:-1]
        node = self.tree.nodes.get(())
        return mark_position(node.start_mark) if node is not None else (1, 1)

    def problem(self, at: DataPath, code: str, text: Msg, hint: Msg, key: bool = False) -> Problem:
        line, column = self.position(at, key)
        return lint_problem(self.path, line, column, code, text, hint)


def lint_problem(path: str, line: int, column: int, code: str, text: Msg, hint: Msg) -> Problem:
    """A Problem with a lint code; its severity follows the code (E: error, W: warning)."""
    if code not in LINT_CODES:
        raise ValueError(f"unknown lint code {code!r}")
    severity: Severity = "error" if code.startswith("E") else "warning"
    return Problem(path, line, column, severity, code, text, hint)
