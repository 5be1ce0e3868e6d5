"""What the standalone app leaves out of PySide6, and the libraries only those parts needed.

PyInstaller's Qt hooks collect every plugin of every Qt module the app imports (VNC and
framebuffer platforms, network and TLS back-ends, a dozen image formats, 7 MB of
translations). The rules below keep what the app can use on a trainee's desktop and drop the
rest; ``prune`` then removes the libraries that only the dropped plugins linked, by walking
the link-time imports of what stays. Plain Python with no PyInstaller import, so the rules
are tested on their own (tests/packaging/).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Sequence

# A TOC entry of PyInstaller: (destination in the bundle, source path, type code).
Entry = tuple[str, str, str]

ALL = None  # keep every plugin of that type

# Plugin type -> the plugins kept (file name without "lib" and extension), or ALL.
# A type not listed is kept whole, so a Qt module added later still gets its plugins.
KEEP_PLUGINS: dict[str, frozenset[str] | None] = {
    # The desktop windowing systems, and off-screen for the smoke test and CI.
    "platforms": frozenset({"qxcb", "qwayland", "qoffscreen", "qwindows", "qdirect2d", "qcocoa"}),
    # GTK's theme plugin would tie the bundle to the system's GTK through bundled copies
    # of glib, cairo and pango; the portal one gives sandboxed desktops their file dialogs.
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    # Portraits and icons are SVG, PNG (built into Qt) or JPEG.
    "imageformats": frozenset({"qsvg", "qjpeg"}),
    "iconengines": frozenset({"qsvgicon"}),
    # Only the client's own EGL buffers; the *-server plugins serve compositors.
    "wayland-graphics-integration-client": frozenset({"qt-plugin-wayland-egl"}),
    # Embedded-device input and EGL device back-ends, and QtNetwork's plugins: unused.
    "egldeviceintegrations": frozenset(),
    "generic": frozenset(),
    "networkinformation": frozenset(),
    "tls": frozenset(),
    "networkaccess": frozenset(),
}

_QT_IMPORT = re.compile(r"\bPySide6\.(Qt\w+)")
_PLUGIN = re.compile(r"(?:^|/)plugins/(.+)/([^/]+)$")
_TRANSLATION = re.compile(r"(?:^|/)translations/[^/]+\.qm$")


def qt_modules_used(package: Path) -> set[str]:
    """The PySide6 modules the app's sources import (``QtCore``, ``QtSvg``...)."""
    used: set[str] = set()
    for source in package.rglob("*.py"):
        used.update(_QT_IMPORT.findall(source.read_text(encoding="utf-8")))
    return used


def unused_qt_modules(available: Iterable[str], used: set[str]) -> list[str]:
    """``PySide6.X`` for each available binding the app never imports: PyInstaller's excludes."""
    return sorted(f"PySide6.{name}" for name in set(available) - used)


def plugin_name(file_name: str) -> str:
    """``libqxcb.so`` / ``qwindows.dll`` / ``libqcocoa.dylib`` -> ``qxcb`` / ``qwindows`` / ``qcocoa``."""
    stem = file_name.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def plugin_kept(dest: str) -> bool:
    """False for a Qt plugin the rules drop; True for a kept plugin and anything that is not one."""
    match = _PLUGIN.search(PurePosixPath(dest.replace("\\", "/")).as_posix())
    if not match or "PySide6" not in dest:
        return True
    kind, file_name = match.groups()  # kind may be nested: "platforms/darwin" has no rules, so it stays
    keep = KEEP_PLUGINS.get(kind, ALL)
    return keep is ALL or plugin_name(file_name) in keep


def is_translation(dest: str) -> bool:
    """Qt's own translations: the app is in English and installs no translator."""
    dest = dest.replace("\\", "/")
    return "PySide6" in dest and bool(_TRANSLATION.search(dest))


def _key(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).name.lower()


def prune(binaries: Sequence[Entry], dropped: Sequence[Entry], imports_of: Callable[[str], Iterable[str]],
          protected: Callable[[Entry], bool] = lambda entry: False) -> list[Entry]:
    """``binaries`` less ``dropped`` and the libraries that nothing kept needs any more.

    ``imports_of(source)`` names the libraries a binary links (names or paths; matched by file
    name). A library goes only if it was reachable from a dropped entry and is reachable from
    no kept one; Python extensions and ``protected`` entries (the Python library) always stay.
    """
    by_name: dict[str, list[Entry]] = {}
    for entry in binaries:
        by_name.setdefault(_key(entry[0]), []).append(entry)
    cache: dict[str, list[Entry]] = {}

    def needs(entry: Entry) -> list[Entry]:
        if entry[1] not in cache:
            cache[entry[1]] = [dep for name in imports_of(entry[1]) for dep in by_name.get(_key(name), [])]
        return cache[entry[1]]

    gone = set(dropped)
    candidates: set[Entry] = set()
    frontier = list(gone)
    while frontier:
        for dep in needs(frontier.pop()):
            if dep not in gone and dep not in candidates and dep[2] == "BINARY" and not protected(dep):
                candidates.add(dep)
                frontier.append(dep)
    frontier = [e for e in binaries if e not in gone and e not in candidates]
    while frontier:
        for dep in needs(frontier.pop()):
            if dep in candidates:
                candidates.discard(dep)
                frontier.append(dep)
    gone |= candidates
    return [entry for entry in binaries if entry not in gone]


def drop_links(datas: Sequence[Entry], removed: set[str]) -> list[Entry]:
    """``datas`` less the SYMLINK entries that point at a removed binary (targets are relative to the link)."""
    removed = {posixpath.normpath(d.replace("\\", "/")) for d in removed}

    def target(e: Entry) -> str:
        link, to = e[0].replace("\\", "/"), e[1].replace("\\", "/")
        return posixpath.normpath(posixpath.join(posixpath.dirname(link), to))

    return [e for e in datas if not (e[2] == "SYMLINK" and target(e) in removed)]
