"""The application style sheet, built from the colours in theme.py (no font sizes here:
sizes come from fonts.py so that they follow the system font and the user's scale)."""

from __future__ import annotations

from ...core.assets import bundled_dir
from . import theme


def stylesheet() -> str:
    t = theme
    chevron = (bundled_dir("assets") / "icons" / "chevron-down.svg").as_posix()
    return f"""
QMainWindow, QWidget#screen {{ background: {t.BACKGROUND}; }}
QWidget {{ color: {t.TEXT}; }}
QFrame#panel {{ background: {t.CARD}; border: 1px solid {t.BORDER}; border-radius: 14px; }}
QFrame#panel QLabel {{ background: transparent; border: none; }}
QLineEdit, QComboBox {{
    background: {t.CARD}; border: 1px solid {t.BORDER}; border-radius: 8px; padding: 8px 12px; min-height: 1.4em;
}}
QComboBox::drop-down {{ border: none; width: 32px; }}
QComboBox::down-arrow {{ image: url("{chevron}"); width: 16px; height: 16px; margin-right: 12px; }}
QComboBox QAbstractItemView {{ background: {t.CARD}; border: 1px solid {t.BORDER}; selection-background-color: {t.ACCENT};
    selection-color: white; padding: 4px; }}
QLineEdit:focus, QComboBox:focus {{ border: 2px solid {t.ACCENT}; }}
QPushButton {{
    background: {t.CARD}; border: 1px solid {t.BORDER}; border-radius: 8px; padding: 8px 18px;
}}
QPushButton:hover {{ border-color: {t.ACCENT}; }}
QPushButton:focus {{ border: 2px solid {t.ACCENT}; }}
QPushButton:disabled {{ color: {t.MUTED}; background: {t.BACKGROUND}; }}
QPushButton#primary {{ background: {t.ACCENT}; color: white; border: 2px solid {t.ACCENT}; font-weight: 600; }}
QPushButton#primary:hover {{ background: #5A40A3; }}
QPushButton#primary:focus {{ border: 2px solid {t.TEXT}; }}
QRadioButton {{ spacing: 10px; }}
QScrollArea {{ background: transparent; border: none; }}
QListView#library {{ background: transparent; border: none; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
QProgressBar {{ background: {t.BORDER}; border: none; border-radius: 6px; max-height: 12px; }}
QProgressBar::chunk {{ background: {t.ACCENT}; border-radius: 6px; }}
QScrollBar:vertical {{ background: transparent; width: 12px; margin: 0; }}
QScrollBar::handle:vertical {{ background: {t.BORDER}; border-radius: 5px; min-height: 48px; margin: 1px; }}
QScrollBar::handle:vertical:hover {{ background: {t.MUTED}; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
QFrame#bottombar {{ background: {t.CARD}; border-top: 1px solid {t.BORDER}; }}
QStatusBar {{ color: {t.MUTED}; }}
QMenuBar {{ background: {t.CARD}; border-bottom: 1px solid {t.BORDER}; }}
"""
