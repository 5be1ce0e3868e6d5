"""The exported map, drawn by Qt's own SVG renderer: nothing falls outside the picture."""

from __future__ import annotations

from PySide6.QtSvg import QSvgRenderer

from simulator.core.analysis import analyze
from simulator.core.graph_export import to_svg
from simulator.core.graph_layout import layout_scenario
from simulator.core.loader import ScenarioLoader
from tests.scenario_text import BASE


def test_a_small_scenarios_map_shows_the_whole_legend(qapp, tmp_path):
    source = tmp_path / "s.yaml"
    source.write_text(BASE, encoding="utf-8")
    scenario = ScenarioLoader().load(source).scenario
    renderer = QSvgRenderer(to_svg(scenario, layout_scenario(scenario, analyze(scenario))).encode())
    assert renderer.isValid()
    legend, box = renderer.boundsOnElement("legend"), renderer.viewBoxF()
    assert legend.width() > 600  # every entry is drawn
    assert box.contains(legend), (legend, box)
