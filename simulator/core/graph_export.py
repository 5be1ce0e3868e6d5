"""The scenario map as Graphviz DOT or as SVG drawn from our own layout (no Graphviz needed)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from .graph_layout import ScenarioMap
from .levels import Level
from .model import Scenario

# The same hues as the app (colour-blind safe); the level's name is always written too.
LEVEL_HEX = {Level.LOW: "#B8411E", Level.STANDARD: "#2E6DA4", Level.WOW: "#1B7F5C"}
LEVEL_DASH = {Level.LOW: "6,4", Level.STANDARD: "", Level.WOW: ""}
MARGIN = 40.0
LEGEND_HEIGHT = 70.0
LEGEND_STEP, TIMEOUT_STEP = 190.0, 120.0  # the legend's entries, left to right
LEGEND_WIDTH = 3 * LEGEND_STEP + TIMEOUT_STEP + 40 + 170  # ... ending with "unreachable or loose end"


def to_dot(scenario: Scenario, smap: ScenarioMap) -> str:
    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    lines = [f"digraph {q(scenario.id)} {{", "  rankdir=LR;",
             '  node [shape=box, style="rounded,filled", fillcolor="#FFFFFF", fontname="Helvetica"];',
             '  edge [fontname="Helvetica", fontsize=10];', f"  label={q(scenario.title)};"]
    for node in smap.nodes.values():
        attrs = [f"label={q(_node_caption(node) + chr(10) + node.label)}"]
        if node.ending_level is not None:
            attrs.append(f'fillcolor="{LEVEL_HEX[node.ending_level]}", fontcolor="white"')
        if not node.reachable or node.loose_end:
            attrs.append('style="rounded,dashed"')
        if node.is_start:
            attrs.append("penwidth=2")
        lines.append(f"  {q(node.id)} [{', '.join(attrs)}];")
    for e in smap.edges:
        style = ', style="dashed"' if e.timeout else ""
        lines.append(f"  {q(e.source)} -> {q(e.target)} [color=\"{LEVEL_HEX[e.level]}\", "
                     f"label={q(e.level.label + ': ' + e.label)}{style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node_caption(node) -> str:
    return " ".join([node.id] + ([_node_tags(node)] if _node_tags(node) else []))


def _node_tags(node) -> str:
    parts = []
    if node.is_start:
        parts.append("(start)")
    if node.ending_level is not None:
        parts.append(f"[{node.ending_level.label} ending]")
    if node.loose_end:
        parts.append("[loose end]")
    if not node.reachable:
        parts.append("[unreachable]")
    return " ".join(parts)


def to_svg(scenario: Scenario, smap: ScenarioMap, highlight: list[str] | None = None) -> str:
    """A standalone SVG of the map; ``highlight`` is a path of node ids to draw in bold."""
    width = max(smap.width, LEGEND_WIDTH) + 2 * MARGIN  # a small map still shows the whole legend
    height = smap.height + 2 * MARGIN + LEGEND_HEIGHT
    on_path = set(zip(highlight, highlight[1:])) if highlight else set()
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="Helvetica, Arial, sans-serif">',
        f"<title>{escape(scenario.title)}</title>",
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#F6F8FA"/>',
        "<defs>" + "".join(
            f'<marker id="arrow-{lv.value}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{LEVEL_HEX[lv]}"/></marker>' for lv in Level) + "</defs>",
    ]
    nw, nh = smap.node_width, smap.node_height
    for e in smap.edges:
        s, t = smap.nodes[e.source], smap.nodes[e.target]
        x1, y1 = MARGIN + s.x + nw, MARGIN + s.y + nh / 2
        x2, y2 = MARGIN + t.x, MARGIN + t.y + nh / 2
        mid = (x1 + x2) / 2
        bold = (e.source, e.target) in on_path
        dash = ' stroke-dasharray="3,3"' if e.timeout else (
            f' stroke-dasharray="{LEVEL_DASH[e.level]}"' if LEVEL_DASH[e.level] else "")
        out.append(f'<path d="M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2:.1f},{y2:.1f}" '
                   f'fill="none" stroke="{LEVEL_HEX[e.level]}" stroke-width="{4 if bold else 1.6}"'
                   f' stroke-opacity="{1 if bold or not on_path else 0.45}"{dash} '
                   f'marker-end="url(#arrow-{e.level.value})"><title>{escape(e.level.label + ": " + e.label)}'
                   f"</title></path>")
    path_nodes = set(highlight or ())
    for node in smap.nodes.values():
        x, y = MARGIN + node.x, MARGIN + node.y
        fill, ink = ("#FFFFFF", "#1F2328") if node.ending_level is None else (LEVEL_HEX[node.ending_level], "#FFFFFF")
        stroke = "#6B4FBB" if node.id in path_nodes else ("#8C959F" if node.reachable else "#B8411E")
        dash = ' stroke-dasharray="5,4"' if (not node.reachable or node.loose_end) else ""
        width_ = 3.5 if node.id in path_nodes or node.is_start else 1.2
        out.append(f'<g id="node-{escape(node.id)}"><rect x="{x:.1f}" y="{y:.1f}" width="{nw:.0f}" height="{nh:.0f}" '
                   f'rx="10" fill="{fill}" stroke="{stroke}" stroke-width="{width_}"{dash}/>')
        tags = _node_tags(node)
        out.append(f'<text x="{x + 10:.1f}" y="{y + 19:.1f}" font-size="12" font-weight="bold" fill="{ink}">'
                   f"{escape(node.id)}</text>")
        lines = ([tags] if tags else []) + _wrap(node.label, 30)
        for i, line in enumerate(lines[:2]):
            style = ' font-style="italic"' if tags and i == 0 else ""
            out.append(f'<text x="{x + 10:.1f}" y="{y + 36 + i * 15:.1f}" font-size="11" fill="{ink}"{style}>'
                       f"{escape(line)}</text>")
        out.append("</g>")
    out.append(_legend(MARGIN, height - LEGEND_HEIGHT + 10))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _legend(x: float, y: float) -> str:
    parts = [f'<g id="legend"><text x="{x:.0f}" y="{y + 12:.0f}" font-size="12" font-weight="bold" '
             f'fill="#1F2328">Legend</text>']
    cx = x
    for level in Level:
        dash = f' stroke-dasharray="{LEVEL_DASH[level]}"' if LEVEL_DASH[level] else ""
        parts.append(f'<line x1="{cx:.0f}" y1="{y + 32:.0f}" x2="{cx + 34:.0f}" y2="{y + 32:.0f}" '
                     f'stroke="{LEVEL_HEX[level]}" stroke-width="3"{dash}/>')
        parts.append(f'<text x="{cx + 40:.0f}" y="{y + 36:.0f}" font-size="12" fill="#1F2328">'
                     f"{level.label} reply / ending</text>")
        cx += LEGEND_STEP
    parts.append(f'<line x1="{cx:.0f}" y1="{y + 32:.0f}" x2="{cx + 34:.0f}" y2="{y + 32:.0f}" stroke="#B8411E" '
                 f'stroke-width="3" stroke-dasharray="3,3"/><text x="{cx + 40:.0f}" y="{y + 36:.0f}" font-size="12" '
                 f'fill="#1F2328">timeout</text>')
    cx += TIMEOUT_STEP
    parts.append(f'<rect x="{cx:.0f}" y="{y + 22:.0f}" width="34" height="20" rx="5" fill="#FFFFFF" stroke="#B8411E" '
                 f'stroke-dasharray="5,4"/><text x="{cx + 40:.0f}" y="{y + 36:.0f}" font-size="12" fill="#1F2328">'
                 "unreachable or loose end</text></g>")
    return "".join(parts)


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return lines
