from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from simulator.cli import main
from tests.scenario_text import BASE, edit

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_validate_clean_file_exits_0(tmp_path, capsys):
    assert main(["validate", write(tmp_path, "ok.yaml", BASE)]) == 0
    assert "1 file checked: 0 errors, 0 warnings" in capsys.readouterr().out


def test_validate_reports_file_line_column_code_and_hint(tmp_path, capsys):
    path = write(tmp_path, "bad.yaml", edit(replace={16: "        feedbak: f1"}))
    assert main(["validate", path]) == 1
    out = capsys.readouterr().out
    assert f"{path}:16:9: error E011: unknown key 'feedbak' in reply 1 of node 'a'" in out
    assert "hint: did you mean 'feedback'?" in out
    assert "1 error" in out


def test_strict_makes_warnings_count(tmp_path, capsys):
    path = write(tmp_path, "warn.yaml", edit(replace={20: ""}))
    assert main(["validate", path]) == 0
    assert main(["validate", "--strict", path]) == 1
    assert "W105" in capsys.readouterr().out


def test_validate_folder_and_json(tmp_path, capsys):
    write(tmp_path, "ok.yaml", BASE)
    write(tmp_path, "bad.yml", "- not a scenario\n")
    (tmp_path / "notes.txt").write_text("ignored")
    assert main(["validate", "--format", "json", str(tmp_path)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["files"] == 2 and data["errors"] == 1 and data["ok"] is False
    assert data["diagnostics"][0]["code"] == "E008" and data["diagnostics"][0]["line"] == 1


def test_validate_empty_folder_says_so(tmp_path, capsys):
    assert main(["validate", str(tmp_path)]) == 1
    assert "no scenario files" in capsys.readouterr().err


def test_analyze_json(tmp_path, capsys):
    assert main(["analyze", "--format", "json", write(tmp_path, "ok.yaml", BASE)]) == 0
    data = next(iter(json.loads(capsys.readouterr().out).values()))
    assert data["reachable_levels"] == ["low", "standard", "wow"]
    assert (data["best_score"], data["worst_score"], data["path_count"]) == (100, 0, 3)
    assert data["canonical_paths"]["wow"]["choices"][0]["say"] == "Three"


def test_analyze_text_shows_playthroughs(capsys):
    assert main(["analyze", str(ROOT / "docs" / "examples" / "lost-luggage.yaml")]) == 0
    out = capsys.readouterr().out
    assert "WOW playthrough" in out and "Low playthrough" in out and "Standard playthrough" in out
    assert "reachable levels: Low, Standard, WOW" in out


def test_analyze_refuses_broken_file(tmp_path, capsys):
    assert main(["analyze", write(tmp_path, "bad.yaml", "format: 1\n")]) == 1
    assert "cannot be analysed" in capsys.readouterr().out


def test_python_dash_m_entry_point(tmp_path):
    done = subprocess.run([sys.executable, "-m", "simulator", "validate", write(tmp_path, "ok.yaml", BASE)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "0 errors" in done.stdout
