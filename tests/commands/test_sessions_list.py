"""``sessions`` lists one session a line, its columns lined up whatever the ids' lengths."""

from __future__ import annotations

from pathlib import Path

from game.cli import main
from game.text.linebreak import is_wide

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = str(ROOT / "scenarios" / "riverside-first-territory.yaml")


def columns(text: str) -> int:
    return sum(2 if is_wide(c) else 1 for c in text)


def test_long_and_chinese_trainee_ids_keep_the_columns_in_line(tmp_path, capsys):
    data = ["--data-dir", str(tmp_path / "records")]
    trainees = ["t-1", "a-trainee-id-longer-than-sixteen", "张伟-销售一部"]
    for n, trainee in enumerate(trainees):
        assert main(["autoplay", SCENARIO, "--bot", "random", "--seed", str(n), "--trainee", trainee,
                     "--json", *data]) == 0
    capsys.readouterr()
    for lang in ("en", "zh"):
        assert main(["sessions", "--lang", lang, *data]) == 0
        lines = [x for x in capsys.readouterr().out.splitlines() if x.strip()]
        assert len(lines) == len(trainees)
        # where the scenario id and the player start, in terminal columns, on every line
        starts = {(columns(x[:x.index("riverside")]), columns(x[:x.index("bot:random")]))
                  for x in lines}
        assert len(starts) == 1, lines
