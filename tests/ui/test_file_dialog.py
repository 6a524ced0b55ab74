"""The window's file dialog lists what a person looks for, not hidden files and folders."""

from __future__ import annotations

import os

import pygame
import pygame_gui

from game.ui.file_dialog import FileDialog


def test_hidden_files_and_folders_are_not_listed(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    (tmp_path / ".cache").mkdir()
    (tmp_path / "classes").mkdir()
    (tmp_path / ".secret.json").write_text("{}", encoding="utf-8")
    (tmp_path / "class-7b.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    pygame.init()
    pygame.display.set_mode((800, 600))
    try:
        manager = pygame_gui.UIManager((800, 600))
        dialog = FileDialog(pygame.Rect(0, 0, 640, 480), manager, allowed_suffixes={".json"},
                            initial_file_path=str(tmp_path) + os.sep,
                            allow_existing_files_only=True)
        names = [e[0] if isinstance(e, tuple) else e for e in dialog.current_file_list]
        assert names == ["classes", "class-7b.json"]
        dialog.kill()
    finally:
        pygame.quit()
