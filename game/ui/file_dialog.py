"""The file dialog of the window: pygame_gui's, without the hidden files and folders a person
never looks in (names starting with a dot)."""

from __future__ import annotations

from pygame_gui.windows import UIFileDialog


def _shown(entry: str | tuple[str, str]) -> bool:
    name = entry[0] if isinstance(entry, tuple) else entry
    return not name.startswith(".")


class FileDialog(UIFileDialog):
    """``UIFileDialog`` listing only what is not hidden."""

    def _create_list_of_directories_and_files_on_current_path(self) -> None:
        super()._create_list_of_directories_and_files_on_current_path()
        self.current_file_list = [e for e in self.current_file_list if _shown(e)]
