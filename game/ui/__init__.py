"""The game window: pygame-ce + pygame_gui screens that draw the engine's view and emit actions.

This is the only package that imports pygame. It holds no game rules: every click becomes an
engine action applied with ``Game.apply``.
"""

import os

# pygame prints a greeting on import; the window's output is the game's, not the library's.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
