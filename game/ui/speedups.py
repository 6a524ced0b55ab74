"""A cache in front of pygame_gui's theming-id lookup.

pygame_gui 0.6.14 keys its own cache of combined theming ids with a string built by nested
``str.join`` calls whose length grows with the product of the id lists' lengths; for widgets a few
containers deep, building that key costs more than creating the widget. The ids themselves are
right; we only look them up by a cheap tuple key first. ``install`` is idempotent.
"""

from __future__ import annotations

from typing import Any

from pygame_gui.core.ui_appearance_theme import UIAppearanceTheme

_ORIGINAL = UIAppearanceTheme.build_all_combined_ids
_CACHE: dict[tuple[Any, ...], list[str]] = {}


def _key(ids: list[Any] | None) -> tuple[Any, ...] | None:
    return None if ids is None else tuple(ids)


def _cached(self: UIAppearanceTheme, element_base_ids: Any, element_ids: Any, class_ids: Any,
            object_ids: Any) -> list[str]:
    key = (id(self), _key(element_base_ids), _key(element_ids), _key(class_ids), _key(object_ids))
    found = _CACHE.get(key)
    if found is None:
        found = _ORIGINAL(self, element_base_ids, element_ids, class_ids, object_ids)
        _CACHE[key] = found
    return list(found)


def install() -> None:
    UIAppearanceTheme.build_all_combined_ids = _cached  # type: ignore[method-assign]
