"""Sales Dojo: a training game for the whole sales process of the courseware."""

ENGINE_VERSION = "5.1.0"
"""The rules' version: games saved by another major version are refused, never mis-replayed."""


def engine_compatible(version: str | None) -> bool:
    """Whether a game recorded by engine ``version`` replays under this engine's rules."""
    return str(version or "").split(".")[0] == ENGINE_VERSION.split(".")[0]
