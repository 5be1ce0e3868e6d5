"""Customer portraits: the picture for a scenario's customer and an emotion, never a crash.

Lookup order for ``customer.portrait``:
1. a bundled name: ``assets/portraits/<name>/<emotion>.svg`` (or .png/.jpg);
2. a path relative to the scenario file: an image (used for every emotion) or a folder
   holding ``<emotion>.svg/.png/.jpg``;
3. the bundled ``placeholder`` portrait, for the emotion or else neutral;
4. a face drawn here, when even the placeholder is missing.
A missing emotion inside a portrait folder falls back to that folder's neutral image.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap

from ...core.assets import PORTRAIT_SUFFIXES, asset_name_problem, bundled_dir, image_in, is_file, resolve_scenario_asset
from ...core.levels import Emotion
from ...core.model import Scenario
from ..base import theme

log = logging.getLogger(__name__)
_cache: dict[tuple, QPixmap] = {}
_warned: set[str] = set()


def portrait_source(scenario: Scenario | None) -> Path | None:
    """The file or folder a scenario's portrait comes from, or None for the placeholder."""
    if scenario is None:
        return None
    name = scenario.customer.portrait.strip()
    if not name:
        return None
    bundled = bundled_dir("assets") / "portraits" / name
    if "/" not in name and "\\" not in name and asset_name_problem(name) is None and bundled.is_dir():
        return bundled
    target = resolve_scenario_asset(scenario.folder, name)
    if target is not None and (target.is_dir() or (is_file(target) and target.suffix.lower() in PORTRAIT_SUFFIXES)):
        return target
    if name not in _warned:
        _warned.add(name)
        log.warning("portrait '%s' of scenario '%s' not found; using the placeholder", name, scenario.id)
    return None


def _image_in(folder: Path, emotion: Emotion, within: str = "") -> Path | None:
    return image_in(folder, [emotion.value, Emotion.NEUTRAL.value], within)


def portrait_file(scenario: Scenario | None, emotion: Emotion) -> Path | None:
    """The image to show; from a scenario's own folder, never a file that a link takes outside it."""
    source = portrait_source(scenario)
    if source is not None:
        if source.is_file():
            return source
        bundled = source.parent == bundled_dir("assets") / "portraits"
        found = _image_in(source, emotion, "" if bundled else scenario.folder)
        if found is not None:
            return found
    placeholder = bundled_dir("assets") / "portraits" / "placeholder"
    return _image_in(placeholder, emotion) if placeholder.is_dir() else None


def portrait_pixmap(scenario: Scenario | None, emotion: Emotion, size: int, ratio: float = 1.0) -> QPixmap:
    """A square pixmap of ``size`` logical pixels; drawn when no image can be read."""
    file = portrait_file(scenario, emotion)
    key = (str(file), emotion, size, ratio)
    if key in _cache:
        return _cache[key]
    pixmap = _render(file, size, ratio) if file is not None else None
    if pixmap is None:
        pixmap = drawn_face(emotion, size, ratio)
    _cache[key] = pixmap
    return pixmap


def _render(file: Path, size: int, ratio: float) -> QPixmap | None:
    device = max(1, round(size * ratio))
    try:
        if file.suffix.lower() == ".svg":
            from PySide6.QtSvg import QSvgRenderer

            renderer = QSvgRenderer(str(file))
            if not renderer.isValid():
                raise ValueError("not a readable SVG")
            pixmap = QPixmap(device, device)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            view = renderer.defaultSize()
            w, h = (view.width(), view.height()) if not view.isEmpty() else (device, device)
            scale = min(device / w, device / h)
            target = QRectF((device - w * scale) / 2, (device - h * scale) / 2, w * scale, h * scale)
            renderer.render(painter, target)
            painter.end()
        else:
            image = QPixmap(str(file))
            if image.isNull():
                raise ValueError("not a readable image")
            pixmap = image.scaled(QSize(device, device), Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)
        pixmap.setDevicePixelRatio(ratio)
        return pixmap
    except Exception as exc:  # a broken image must never stop the play
        if str(file) not in _warned:
            _warned.add(str(file))
            log.warning("cannot show portrait %s: %s; using a drawn face", file, exc)
        return None


_MOUTH = {  # how far the corners of the mouth rise (fraction of the face), and the brows' slant
    Emotion.ANGRY: (-0.07, 0.06),
    Emotion.UPSET: (-0.045, -0.03),
    Emotion.NEUTRAL: (0.0, 0.0),
    Emotion.PLEASED: (0.045, 0.0),
    Emotion.DELIGHTED: (0.08, -0.01),
}


def drawn_face(emotion: Emotion, size: int, ratio: float = 1.0) -> QPixmap:
    """A simple, friendly neutral-coloured face whose expression still follows the emotion."""
    device = max(1, round(size * ratio))
    pixmap = QPixmap(device, device)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(device)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(theme.BORDER))
    p.drawEllipse(QRectF(0, 0, s, s))
    p.setBrush(QColor("#EDEFF2"))
    p.drawEllipse(QRectF(s * 0.2, s * 0.14, s * 0.6, s * 0.66))
    ink = QColor(theme.MUTED)
    p.setBrush(ink)
    eye = s * 0.045
    for x in (0.4, 0.6):
        p.drawEllipse(QPointF(s * x, s * 0.44), eye, eye)
    rise, slant = _MOUTH[emotion]
    pen = QPen(ink, max(1.5, s * 0.025), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    for x, sign in ((0.4, -1), (0.6, 1)):
        p.drawLine(QPointF(s * (x - 0.06), s * (0.36 + sign * slant)), QPointF(s * (x + 0.06), s * (0.36 - sign * slant)))
    mouth = QPainterPath(QPointF(s * 0.38, s * (0.62 - rise)))
    mouth.quadTo(QPointF(s * 0.5, s * (0.62 + rise * 2.2)), QPointF(s * 0.62, s * (0.62 - rise)))
    p.drawPath(mouth)
    p.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap
