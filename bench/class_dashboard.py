"""How fast the facilitator's dashboard answers with a whole class in the LRS: 30 trainees play
one class (bots, each on its own records), their statements go to a real Ralph LRS, then the
dashboard reads them and its pages are asked for again and again.

    python bench/class_dashboard.py [--trainees 30] [--requests 50]

Prints the median and 95th percentile of a page request (the target: the dashboard page in
200 ms or less) and how long one full read of the LRS takes (done in the background, not while
a page is asked for).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.classroom.server import ClassFeed, serve  # noqa: E402
from game.commands.classroom import competency_names  # noqa: E402
from game.records.autoplay import autoplay  # noqa: E402
from game.records.classes import LrsAccess, new_class  # noqa: E402
from game.records.store import Store  # noqa: E402
from game.records.sync import LrsClient, sync  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402
from tests.records.lrs_server import PASSWORD, USER, Lrs  # noqa: E402

BOTS = ("expert", "intermediate", "novice", "heuristic", "random")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--trainees", type=int, default=30)
    ap.add_argument("--requests", type=int, default=50)
    ap.add_argument("--scenario", default="scenarios/riverside-first-territory.yaml")
    args = ap.parse_args()
    scenario, sha = load_scenario(args.scenario)
    with tempfile.TemporaryDirectory() as tmp:
        lrs = Lrs(Path(tmp) / "lrs")
        lrs.start()
        try:
            roster = tuple(f"t-{k:02d}" for k in range(1, args.trainees + 1))
            info = new_class(scenario, sha, seed=None, roster=roster, name="bench",
                             lrs=LrsAccess(lrs.url, USER, PASSWORD), created_at="2026-12-05T00:00:00Z")
            offline = type(info)(**{**vars(info), "lrs": None})
            client = LrsClient(lrs.url, USER, PASSWORD)
            start = time.perf_counter()
            for k, trainee in enumerate(roster):
                with Store.open(Path(tmp) / trainee) as store:
                    autoplay(store, scenario, scenario_sha256=sha, bot=BOTS[k % len(BOTS)],
                             trainee=trainee, class_info=offline)
                    sync(store, client)
            print(f"{args.trainees} trainees played and sent in {time.perf_counter() - start:.0f} s")
            feed = ClassFeed(info, client, competency_names(), poll=3600)
            reads = []
            for _ in range(3):
                feed.statements.clear()
                feed.since = None
                t0 = time.perf_counter()
                feed.refresh()
                reads.append(time.perf_counter() - t0)
            print(f"one full read of the LRS: {feed.view.statements} statements, median "
                  f"{statistics.median(reads) * 1000:.0f} ms (in the background)")
            server = serve(feed, 0)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            host, port = server.server_address[:2]
            for path in ("/", "/debrief.html", "/class.csv"):
                times = []
                for _ in range(args.requests):
                    t0 = time.perf_counter()
                    with urllib.request.urlopen(f"http://{host}:{port}{path}", timeout=30) as r:
                        r.read()
                    times.append(time.perf_counter() - t0)
                times.sort()
                p95 = times[int(0.95 * (len(times) - 1))]
                print(f"GET {path:14s} median {statistics.median(times) * 1000:6.1f} ms  "
                      f"p95 {p95 * 1000:6.1f} ms  ({args.requests} requests)")
            server.shutdown()
            server.server_close()
        finally:
            lrs.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
