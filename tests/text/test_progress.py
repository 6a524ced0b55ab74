import io

from game.assessment import lab
from game.text.progress import Ticker, bar


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_draws_on_a_terminal_and_ends_its_line_when_done() -> None:
    out = Tty()
    draw = bar("seeds", out)
    assert draw is not None
    for k in range(1, 4):
        draw(k, 3)
    text = out.getvalue()
    assert text.count("\r") == 3 and text.endswith("3/3 seeds\n")
    assert "[" + "#" * 10 + "." * 20 + "] 1/3 seeds" in text


def test_no_bar_in_a_log_file_unless_asked() -> None:
    assert bar("games", io.StringIO()) is None
    assert bar("games", io.StringIO(), force=True) is not None


def test_the_lab_reports_each_seed_as_it_is_played(monkeypatch) -> None:
    monkeypatch.setattr(lab, "load_setup", lambda setup: (None, None, ""))
    monkeypatch.setattr(lab, "_play_seed", lambda loaded, seed, bots: [seed])
    heard: list[tuple[int, int]] = []
    jobs = [(lab.Setup("x.yaml"), seed, ("novice",)) for seed in (5, 6, 7)]
    out = lab.play_jobs(jobs, workers=1, progress=lambda d, t: heard.append((d, t)))
    assert out == [[5], [6], [7]] and heard == [(1, 3), (2, 3), (3, 3)]


def test_a_ticker_counts_on_one_line_and_ends_it() -> None:
    out = io.StringIO()
    ticker = Ticker("games", stream=out, force=True)
    for _ in range(3):
        ticker.tick()
    ticker.close()
    assert out.getvalue() == "\r... 1 games\r... 2 games\r... 3 games\n"


def test_a_ticker_is_silent_off_a_terminal() -> None:
    out = io.StringIO()
    ticker = Ticker("games", stream=out)
    ticker.tick()
    ticker.close()
    assert out.getvalue() == ""
