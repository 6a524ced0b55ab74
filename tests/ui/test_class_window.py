"""``play --class``: the window plays the class's case for a trainee of its roster, recorded, its
statements addressed to the class; anyone else is refused with a reason."""

from __future__ import annotations

import argparse

import pytest

from game.records.classes import new_class, write_class
from game.records.store import Store

KEY = "class-key-for-tests-0123456789ab"


@pytest.fixture
def class_app(monkeypatch, small_scenario, tmp_path):
    import game.ui.app as app_module

    monkeypatch.setenv("SALES_DOJO_HMAC_KEY", KEY)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    info = new_class(small_scenario[0], "", seed=12, roster=("t-11", "t-12"), name="7B", lrs=None,
                     created_at="2026-12-05T09:00:00Z")
    path = write_class(info, tmp_path / "class.json", KEY.encode())
    made = []

    def make(trainee: str | None, lang: str = "en"):
        args = argparse.Namespace(scenario=None, lang=lang, mode=None, trainee=trainee, seed=None,
                                  screenshot_dir=None, script=None, class_file=str(path),
                                  data_dir=str(tmp_path / "records"), resume=False, tour=False)
        app = app_module.App(args)
        made.append(app)
        return app

    yield info, make
    import pygame

    for app in made:
        app.close()
    pygame.quit()


def test_a_trainee_of_the_roster_plays_the_class_case_recorded(class_app, tmp_path) -> None:
    info, make = class_app
    app = make("t-11")
    assert app.play is not None and app.play.in_class
    assert app.play.game.seed == 12 and app.play.game.scenario.id == info.scenario_id
    assert app.status[1] == "good" and "7B" in app.status[0]
    app.close()
    with Store.open(tmp_path / "records", create=False) as store:
        (session,) = store.sessions("t-11")
        assert session.class_id == info.id
    again = make("t-11")  # the same trainee comes back: the same game, not a new one
    assert again.play.session_id == session.id


@pytest.mark.parametrize("trainee", [None, "t-99"])
def test_anyone_else_is_refused_with_a_reason(class_app, trainee) -> None:
    _, make = class_app
    app = make(trainee, lang="zh")
    assert app.play is None and app.status[1] == "bad"
    assert ("名单" in app.status[0]) if trainee else ("学员编号" in app.status[0])


@pytest.fixture
def class_file(monkeypatch, small_scenario, tmp_path):
    monkeypatch.setenv("SALES_DOJO_HMAC_KEY", KEY)
    info = new_class(small_scenario[0], "", seed=14, roster=("t-21",), name="8C", lrs=None,
                     created_at="2026-12-05T09:00:00Z")
    return info, write_class(info, tmp_path / "class-8c.json", KEY.encode())


def test_the_start_screen_joins_a_class_from_its_file(make_app, class_file) -> None:
    import pygame
    import pygame_gui

    from game.ui.script import Driver

    info, path = class_file
    d = Driver(make_app(lang="zh"))
    d.pump(2)
    d.click("#join_class")  # no trainee id yet: it says what is missing
    assert d.app.status[1] == "bad" and "学员编号" in d.app.status[0]
    d.click("#trainee_id")
    d.type("t-21")
    d.click("#join_class")
    dialog = d.app.screen.class_dialog
    assert dialog is not None and dialog.alive()
    # the trainee types the file's path into the dialog and presses OK
    dialog.file_path_text_line.set_text(str(path))
    pygame.event.post(pygame.event.Event(pygame_gui.UI_TEXT_ENTRY_FINISHED,
                                         {"ui_element": dialog.file_path_text_line, "text": str(path)}))
    d.pump(2)
    pygame.event.post(pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED,
                                         {"ui_element": dialog.ok_button, "ui_object_id": ""}))
    d.pump(4)
    d.settle()
    assert d.app.play is not None and d.app.play.in_class
    assert d.app.play.game.seed == 14 and d.app.play.trainee == "t-21"
    assert d.app.play.recorded.class_info.id == info.id


def test_a_changed_class_file_is_refused_in_the_trainees_language(class_app, tmp_path) -> None:
    import json

    _, make = class_app
    path = tmp_path / "class.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["class"]["seed"] = 13  # changed after the facilitator signed it
    path.write_text(json.dumps(doc), encoding="utf-8")
    app = make("t-11", lang="zh")
    assert app.play is None and app.status[1] == "bad"
    assert "班级文件校验未通过" in app.status[0]
