"""One session is played by one process at a time; a process that dies lets go of it."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from game.records.autosave import RecordedGame
from game.records.store import Store
from tests.records.conftest import ROOT, run_main

TRAINEE = "t-lock"


def _open_session(folder: Path, small_loaded, player: str) -> str:
    scenario, sha = small_loaded
    with Store.open(folder) as store:
        recorded = RecordedGame.start(store, TRAINEE, scenario, scenario_sha256=sha,
                                      player=player, mode="practice")
        recorded.release()
        return recorded.session_id


def _holder(folder: Path, session_id: str) -> subprocess.Popen[str]:
    """Another process that resumes the session and keeps playing it."""
    code = textwrap.dedent(f"""
        import time
        from game.records.autosave import RecordedGame
        from game.records.store import Store
        store = Store.open({str(folder)!r})
        RecordedGame.resume(store, {session_id!r})
        print("playing", flush=True)
        time.sleep(120)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "playing"
    return proc


def test_a_session_in_play_elsewhere_is_refused_until_its_process_dies(tmp_path, small_file,
                                                                       small_loaded):
    session_id = _open_session(tmp_path, small_loaded, "bot:idle")
    holder = _holder(tmp_path, session_id)
    try:
        start = time.monotonic()
        busy = run_main("autoplay", str(small_file), "--bot", "idle", "--trainee", TRAINEE,
                        "--resume", "--data-dir", str(tmp_path), timeout=120)
        assert busy.returncode == 1
        assert f"session {session_id} is being played right now by process {holder.pid}" \
            in busy.stderr
        assert "Traceback" not in busy.stderr and time.monotonic() - start < 60
        with Store.open(tmp_path) as store:
            assert store.session(session_id).actions == 0  # nothing written by the refused one
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    after = run_main("autoplay", str(small_file), "--bot", "idle", "--trainee", TRAINEE,
                     "--resume", "--data-dir", str(tmp_path), timeout=300)
    assert after.returncode == 0, after.stderr
    assert f"resumed session {session_id}" in after.stderr


def test_a_second_window_driven_by_a_script_stops_at_once(tmp_path, small_file, small_loaded):
    session_id = _open_session(tmp_path, small_loaded, "human")  # a window's session
    holder = _holder(tmp_path, session_id)
    script = tmp_path / "steps.json"
    script.write_text(json.dumps([{"key": "return"}] * 20), encoding="utf-8")
    try:
        run = run_main("play", str(small_file), "--resume", "--trainee", TRAINEE, "--lang", "en",
                       "--script", str(script), "--data-dir", str(tmp_path),
                       env={"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}, timeout=120)
        assert "is being played right now" in run.stderr
        with Store.open(tmp_path) as store:
            assert store.session(session_id).actions == 0
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
