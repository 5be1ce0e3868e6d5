"""What the standalone app leaves out of PySide6 (packaging/trim.py), and the smoke-test line its check reads."""

from __future__ import annotations

import importlib.util
from importlib.machinery import SourceFileLoader
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path, loader=SourceFileLoader(name, str(path)))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


trim = load("bundle_trim", ROOT / "packaging" / "trim.py")  # "packaging" is also a PyPI package's name


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6\\plugins\\platforms\\qwindows.dll",
    "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/plugins/imageformats/qjpeg.dll",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
    "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "PySide6/Qt/plugins/styles/libqmodernwindowsstyle.dll",  # a type without rules is kept whole
    "PySide6/Qt/plugins/platforms/darwin/libqmacsomething.dylib",  # so is a nested one
    "PySide6/Qt/lib/libQt6Core.so.6",  # not a plugin
    "libpython3.11.so.1.0",
])
def test_plugins_the_app_uses_are_kept(dest):
    assert trim.plugin_kept(dest)


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/plugins/platforms/qminimal.dll",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/imageformats/libqtiff.so",
    "PySide6/plugins/imageformats/qwebp.dll",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so",
    "PySide6/Qt/plugins/generic/libqevdevmouseplugin.so",
    "PySide6/Qt/plugins/wayland-graphics-integration-client/libvulkan-server.so",
])
def test_plugins_the_app_cannot_use_are_dropped(dest):
    assert not trim.plugin_kept(dest)


def test_plugin_names_are_read_the_same_on_every_system():
    assert {trim.plugin_name(n) for n in ("libqxcb.so", "qxcb.dll", "libqxcb.dylib")} == {"qxcb"}


def test_only_qt_translations_are_recognised():
    assert trim.is_translation("PySide6/Qt/translations/qtbase_de.qm")
    assert trim.is_translation("PySide6\\translations\\qt_fr.qm")
    assert not trim.is_translation("simulator/_bundled/scenarios/translations/x.qm")
    assert not trim.is_translation("PySide6/Qt/translations/README")


def entry(dest: str, kind: str = "BINARY") -> tuple[str, str, str]:
    return (dest, "/src/" + dest.rsplit("/", 1)[-1], kind)


VNC = entry("PySide6/Qt/plugins/platforms/libqvnc.so")
XCB = entry("PySide6/Qt/plugins/platforms/libqxcb.so")
NETWORK = entry("PySide6/Qt/lib/libQt6Network.so.6")
KRB5 = entry("libkrb5.so.3")
COM_ERR = entry("libcom_err.so.2")
CORE = entry("PySide6/Qt/lib/libQt6Core.so.6")
ICU = entry("PySide6/Qt/lib/libicudata.so.73")
XCB_QPA = entry("PySide6/Qt/lib/libQt6XcbQpa.so.6")
QTCORE_EXT = entry("PySide6/QtCore.abi3.so", "EXTENSION")
PYTHON = entry("libpython3.11.so.1.0")
LINKS = {
    VNC: [NETWORK, CORE, PYTHON], NETWORK: [CORE, KRB5], KRB5: [COM_ERR], COM_ERR: [KRB5],  # a cycle
    XCB: [XCB_QPA, CORE], XCB_QPA: [CORE], CORE: [ICU], QTCORE_EXT: [CORE],
}
ALL = [PYTHON, VNC, XCB, NETWORK, KRB5, COM_ERR, CORE, ICU, XCB_QPA, QTCORE_EXT]


def imports_of(source: str) -> list[str]:
    """Names as a platform reports them: some bare, some full paths."""
    for e, deps in LINKS.items():
        if e[1] == source:
            return [d[0].rsplit("/", 1)[-1] if i % 2 else "/usr/lib/" + d[0].rsplit("/", 1)[-1]
                    for i, d in enumerate(deps)]
    return []


def test_prune_removes_what_only_the_dropped_plugins_linked():
    kept = trim.prune(ALL, [VNC], imports_of, protected=lambda e: e is PYTHON)
    assert kept == [PYTHON, XCB, CORE, ICU, XCB_QPA, QTCORE_EXT]  # order kept; the cycle went too


def test_prune_keeps_a_library_a_kept_binary_still_links():
    links = dict(LINKS)
    links[XCB] = [XCB_QPA, CORE, NETWORK]
    kept = trim.prune(ALL, [VNC], lambda s: [d[0] for e, deps in links.items() if e[1] == s for d in deps])
    assert NETWORK in kept and KRB5 in kept and COM_ERR in kept and VNC not in kept


def test_prune_never_drops_python_extensions_or_protected_entries():
    dropped, other = entry("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so"), entry("libevdev.so.2")
    binaries = [dropped, QTCORE_EXT, PYTHON, other]
    links = {dropped[1]: [QTCORE_EXT[0], PYTHON[0], other[0]]}
    kept = trim.prune(binaries, [dropped], lambda s: links.get(s, []), protected=lambda e: e is PYTHON)
    assert kept == [QTCORE_EXT, PYTHON]


def test_links_to_removed_libraries_are_dropped():
    datas = [("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
             ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
             ("PySide6/Qt/lib/libQt6Network.so.6", "/src/x", "DATA"),
             ("PySide6/Qt/lib/QtNetwork.framework/QtNetwork", "Versions/Current/QtNetwork", "SYMLINK"),
             ("PySide6/Qt/lib/QtCore.framework/QtCore", "Versions/Current/QtCore", "SYMLINK")]
    removed = {"PySide6/Qt/lib/libQt6Network.so.6", "PySide6/Qt/lib/QtNetwork.framework/Versions/Current/QtNetwork"}
    assert trim.drop_links(datas, removed) == [datas[1], datas[2], datas[4]]


def test_the_app_uses_only_qt_modules_that_pyside6_essentials_ships():
    import PySide6

    used = trim.qt_modules_used(ROOT / "simulator")
    assert {"QtCore", "QtGui", "QtWidgets", "QtSvg"} <= used
    shipped = {p.name.split(".", 1)[0] for p in Path(PySide6.__file__).parent.iterdir() if p.name.startswith("Qt")}
    assert used <= shipped
    excluded = trim.unused_qt_modules(shipped, used)
    assert "PySide6.QtNetwork" in excluded and not {f"PySide6.{m}" for m in used} & set(excluded)


def test_the_check_reads_the_smoke_test_line():
    check = load("bundle_check", ROOT / "packaging" / "check")
    match = check.SMOKE_LINE.search("qt: a note\nsmoke test ok: 13 scenarios, 15 portraits\n")
    assert match and match.groups() == ("13", "15")
    assert not check.SMOKE_LINE.search("smoke test failed: 0 scenarios, 0 portraits")
