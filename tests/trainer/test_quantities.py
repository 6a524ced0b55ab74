"""Quantities in texts: Chinese numerals, and restating a volume a variant changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.loader import load_scenario
from game.scenario.persona_text import account_texts
from game.trainer.quantities import chinese_number, restate
from game.trainer.variants import make_variant

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("n", "written"),
    [(10, "十"), (12, "十二"), (105, "一百零五"), (600, "六百"), (632, "六百三十二"),
     (1200, "一千二百"), (1315, "一千三百一十五"), (10500, "一万零五百"), (120000, "十二万")],
)
def test_chinese_numerals(n: int, written: str) -> None:
    assert chinese_number(n) == written


def test_a_changed_volume_is_restated_in_every_style_and_nothing_else() -> None:
    text = "需要六百台笔记本；600 notebooks, 6000 spare parts, 1,200 cables, 600.5 kg"
    assert restate(text, 600, 632) == (
        "需要六百三十二台笔记本；632 notebooks, 6000 spare parts, 1,200 cables, 600.5 kg"
    )
    assert restate("约一千二百台，1,200 units", 1200, 1315) == "约一千三百一十五台，1,315 units"
    assert restate("两百台", 200, 210) == "二百一十台"


def test_variants_keep_needs_text_and_volume_in_agreement() -> None:
    scenario, _ = load_scenario(ROOT / "scenarios" / "key-account-deals.yaml")
    changed = 0
    for trainee in ("T-0001", "T-0002", "T-0003"):
        variant = make_variant(scenario, trainee)
        for original, varied in zip(scenario.key_accounts, variant.key_accounts, strict=True):
            before = account_texts(scenario, original)[1]
            after = account_texts(variant, varied)[1]
            if f"{original.volume:,}" not in before.en:
                continue
            assert f"{varied.volume:,}" in after.en
            assert str(varied.volume) in after.zh
            if varied.volume != original.volume:
                changed += 1
                assert f"{original.volume:,} " not in after.en
    assert changed > 0
