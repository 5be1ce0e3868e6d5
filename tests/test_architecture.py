"""The core is plain Python: it imports and runs with PySide6 unavailable. The import contracts
in pyproject.toml ([tool.importlinter]) hold: the core never imports the GUI or Qt, and the GUI
is layered (docs/architecture.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "simulator" / "core"


def test_core_runs_with_qt_unavailable():
    script = f"""
import sys, importlib, pkgutil
class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'):
            raise ImportError('Qt is not available in the core')
sys.meta_path.insert(0, NoQt())
import simulator.core
for mod in pkgutil.walk_packages(simulator.core.__path__, 'simulator.core.'):
    importlib.import_module(mod.name)
from simulator.core.loader import ScenarioLoader
from simulator.cli import main
assert main(['validate', {str(ROOT / 'docs' / 'examples' / 'lost-luggage.yaml')!r}]) in (0, 1)
assert not any(m.startswith('PySide6') for m in sys.modules)
print('core ok')
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "core ok" in done.stdout


def test_no_core_module_imports_qt():
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
                if node.level and node.module and node.module.startswith("gui"):
                    names.append("PySide6")
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in ("PySide6", "shiboken6")
                          or n.startswith("simulator.gui")]
    assert offenders == []


def test_qt_code_lives_in_one_package():
    outside = []
    for path in (ROOT / "simulator").rglob("*.py"):
        if "gui" in path.relative_to(ROOT / "simulator").parts:
            continue
        if "PySide6" in path.read_text(encoding="utf-8"):
            outside.append(str(path.relative_to(ROOT)))
    assert outside == []


def _protocol_members(tree: ast.Module) -> dict[str, set[str]]:
    """Each Protocol class in a module: the names it lists (annotated attributes and methods)."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and any(getattr(b, "id", "") == "Protocol" for b in node.bases):
            found[node.name] = {s.target.id for s in node.body if isinstance(s, ast.AnnAssign)} | {
                s.name for s in node.body if isinstance(s, ast.FunctionDef)}
    return found


def _annotations(tree: ast.Module, protocol: str) -> dict[str, str]:
    """The protocol's attributes typed with another protocol of the same module (``library: TraineeLibrary``)."""
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == protocol)
    return {s.target.id: s.annotation.id for s in cls.body
            if isinstance(s, ast.AnnAssign) and isinstance(s.annotation, ast.Name)}


def test_each_controller_uses_only_what_its_host_protocol_lists():
    """The controllers reach the main window only through ``self.host``, and only for what the
    Protocol names, so the Protocol is the whole contract between them."""
    for path, host in ((ROOT / "simulator/gui/progress/controller.py", "ProgressHost"),
                       (ROOT / "simulator/gui/classroom/controller.py", "ClassroomHost")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        protocols = _protocol_members(tree)
        typed = {k: v for k, v in _annotations(tree, host).items() if v in protocols}
        unlisted = []
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)):
                continue
            inner = node.value
            if isinstance(inner.value, ast.Name) and inner.value.id == "self" and inner.attr == "host":
                if node.attr not in protocols[host]:
                    unlisted.append(f"host.{node.attr}")
            elif (isinstance(inner.value, ast.Attribute) and isinstance(inner.value.value, ast.Name)
                  and inner.value.value.id == "self" and inner.value.attr == "host" and inner.attr in typed):
                if node.attr not in protocols[typed[inner.attr]]:
                    unlisted.append(f"host.{inner.attr}.{node.attr}")
        assert host in protocols and unlisted == [], f"{path.name}: {unlisted}"


GUI = ROOT / "simulator" / "gui"
LINT = """
import sys
from importlinter.cli import lint_imports
sys.exit(lint_imports(config_filename="pyproject.toml", no_cache=True))
"""


def _contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c.get("id", c["name"]): c for c in config["tool"]["importlinter"]["contracts"]}


def test_the_import_contracts_are_kept():
    """import-linter checks every contract in pyproject.toml (an ignored import that no longer
    happens is reported too, so an exception cannot outlive its reason)."""
    done = subprocess.run([sys.executable, "-c", LINT], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    for contract in _contracts().values():
        assert f"{contract['name']} KEPT" in done.stdout


def test_the_gui_contracts_name_every_part_of_the_gui():
    """A new folder under gui/ has to take its place in the layers; the loose modules stay few."""
    contracts = _contracts()
    assert contracts["core-without-gui"]["forbidden_modules"] == ["simulator.gui", "PySide6", "shiboken6"]
    layered = {name.strip() for layer in contracts["gui-layers"]["layers"] for name in layer.split(":")}
    packages = {f"simulator.gui.{p.name}" for p in GUI.iterdir() if (p / "__init__.py").is_file()}
    assert packages <= layered
    features = set(contracts["gui-features-independent"]["modules"])
    assert features == packages - {"simulator.gui.base", "simulator.gui.widgets"}
    loose = sorted(p.name for p in GUI.glob("*.py"))
    assert len(loose) <= 8, loose
