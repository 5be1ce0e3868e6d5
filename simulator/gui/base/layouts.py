"""Removing widgets that are rebuilt as a screen changes: gone at once, never left drawn, never
shown for a moment as a window of their own."""

from __future__ import annotations

from PySide6.QtWidgets import QLayout, QWidget


def discard(widget: QWidget) -> None:
    """Gone from the screen now (deleteLater alone leaves it drawn until the event loop runs)."""
    widget.hide()
    widget.setParent(None)
    widget.deleteLater()


def clear(layout: QLayout, keep: int = 0) -> None:
    """Empty a layout, nested layouts included; ``keep`` items at the end stay (a closing stretch)."""
    while layout.count() > keep:
        item = layout.takeAt(0)
        if item.widget() is not None:
            discard(item.widget())
        elif item.layout() is not None:
            clear(item.layout())
            item.layout().deleteLater()


def show_items(layout: QLayout) -> None:
    """Show the widgets a layout holds (nested layouts too, not their children's children).

    A widget added to a window that is already on screen stays hidden until the event loop
    runs, so the screen (and anything reading it) would briefly miss it.
    """
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is not None:
            item.widget().show()
        elif item.layout() is not None:
            show_items(item.layout())
