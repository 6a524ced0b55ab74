"""Screenshots of the facilitator's dashboard and the class debrief, in zh and en, taken with
headless Chromium (``apt-get install chromium``): six bots play one class through the records
path, the class view is built from their statements, and each page is drawn and shot.

    python bench/class_screens.py [--out shots/] [--trainees 6]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.classroom.aggregate import class_view  # noqa: E402
from game.classroom.page import dashboard_html, debrief_html  # noqa: E402
from game.commands.classroom import competency_names  # noqa: E402
from game.records.autoplay import autoplay  # noqa: E402
from game.records.classes import new_class  # noqa: E402
from game.records.store import Store  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402

BOTS = ("expert", "intermediate", "novice", "heuristic", "random", "expert")


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("no Chromium here: apt-get install chromium")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default="shots")
    ap.add_argument("--trainees", type=int, default=6)
    ap.add_argument("--scenario", default="scenarios/key-account-deals.yaml")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    scenario, sha = load_scenario(args.scenario)
    roster = tuple(f"t-{k:02d}" for k in range(1, args.trainees + 2))  # one never starts
    info = new_class(scenario, sha, seed=None, roster=roster, name="Spring 7B", lrs=None,
                     created_at="2026-12-05T09:00:00Z")
    statements = []
    with tempfile.TemporaryDirectory() as tmp:
        for k, trainee in enumerate(roster[:-1]):
            with Store.open(Path(tmp) / trainee) as store:
                autoplay(store, scenario, scenario_sha256=sha, bot=BOTS[k % len(BOTS)],
                         trainee=trainee, class_info=info)
                statements += store.statements(trainee)
        # the last trainee who started is still in round 2: drop its later statements
        late = roster[-2]
        mine = [s for s in statements if s["actor"]["account"]["name"] == late]
        keep = [s for s in mine if s["verb"]["id"].endswith("progressed")][:8]
        statements = [s for s in statements if s["actor"]["account"]["name"] != late] + keep
    view = class_view(info, statements, lrs="https://lrs.example.org/xAPI",
                      generated="2026-12-05T10:15:00Z", names=competency_names())
    browser = chromium()
    for lang in ("en", "zh"):
        for name, html in (("dashboard", dashboard_html(view, lang, refresh_seconds=None)),
                           ("debrief", debrief_html(view, lang))):
            page = out / f"class-{name}-{lang}.html"
            page.write_text(html, encoding="utf-8")
            shot = out / f"class-{name}-{lang}.png"
            subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                            "--hide-scrollbars", "--window-size=1280,5200",
                            f"--screenshot={shot.resolve()}", page.resolve().as_uri()],
                           check=True, capture_output=True, timeout=120)
            print(f"{shot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
