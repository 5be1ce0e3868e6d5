#!/usr/bin/env python3
"""Draw the bundled customer portraits (and the app icon) as plain SVG.

Run ``python3 assets/portraits/draw.py`` to regenerate every file. Standard library only.

Each person is a small recipe (skin, hair, age, clothes, extras) in PEOPLE; each of the five
emotions is a small recipe (brows, eyes, mouth, cheeks, tint) in EXPRESSIONS. The SVG uses
only shapes, paths, solid fills, opacity and gradients, so Qt's SVG renderer draws it as-is:
no clip paths, filters, fonts, scripts or external references.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ICONS = HERE.parent / "icons"
EMOTIONS = ("angry", "upset", "neutral", "pleased", "delighted")

# Face geometry in the 200 x 200 view box.
HEAD_CX, HEAD_CY, HEAD_RX, HEAD_RY = 100, 92, 36, 45
EYE_Y, EYE_DX = 94, 15          # eyes at 100 -/+ EYE_DX
BROW_Y = 82
MOUTH_Y = 121


# ---------------------------------------------------------------- colour helpers

def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def shade(hex_colour: str, factor: float) -> str:
    """Darker (factor < 1) or lighter (factor > 1, mixed towards white) version of a colour."""
    r, g, b = _rgb(hex_colour)
    if factor <= 1:
        r, g, b = (int(c * factor) for c in (r, g, b))
    else:
        t = min(1.0, factor - 1)
        r, g, b = (int(c + (255 - c) * t) for c in (r, g, b))
    return f"#{r:02x}{g:02x}{b:02x}"


def mix(a: str, b: str, t: float) -> str:
    ra, ga, ba = _rgb(a)
    rb, gb, bb = _rgb(b)
    return "#{:02x}{:02x}{:02x}".format(*(int(x + (y - x) * t) for x, y in ((ra, rb), (ga, gb), (ba, bb))))


# ---------------------------------------------------------------- the people

PEOPLE = {
    # name: recipe. age: 0 young, 1 middle-aged, 2 older (lines), 3 old (more lines).
    "ines": dict(skin="#d9a77f", hair="#4a3428", streak="#9a9088", style="bob", age=1,
                 eyes="#5a3a22", lip="#b0605a", clothes="blouse", top="#2a8c8c", bg="#cfe3f2",
                 earrings="#e0b040", brows=2.6),
    "elena": dict(skin="#f2d3bd", hair="#7a3b22", style="long", age=1, eyes="#3f6a4a",
                  lip="#b86a66", clothes="sweater", top="#3b3f4a", bg="#ddd6ea", brows=2.4,
                  tired=True),
    "marcus": dict(skin="#8a5434", hair="#1d1411", style="fade", age=0, eyes="#2a1a10",
                   lip="#3a1810", clothes="shirt", top="#3d6fb0", bg="#f6dcc8", beard="short",
                   brows=3.2, male=True),
    "frank": dict(skin="#eab596", hair="#b5b0aa", style="balding", age=2, eyes="#4a5f7a",
                  lip="#a45a4a", clothes="jacket", top="#7a5a3a", bg="#f3e6b5",
                  moustache="#a8a39c", brows=3.6, ruddy=True, male=True, brow_colour="#8d877f"),
    "harold": dict(skin="#f0c9ae", hair="#e6e3dd", style="bald", age=3, eyes="#5a6e88",
                   lip="#b27a6e", clothes="cardigan", top="#5f7f4f", bg="#d4ead0",
                   glasses="#6b5a48", brows=3.4, male=True, brow_colour="#c8c4bc"),
    "rosa": dict(skin="#c98e68", hair="#e4e0da", style="bun", age=3, eyes="#3a2a1c",
                 lip="#9c4f52", clothes="blouse", top="#8a4a7a", bg="#f5d6de", pearls=True,
                 brows=2.6, brow_colour="#6f665e", earrings="#f4f0e8"),
    "viktor": dict(skin="#efc6a8", hair="#6d6a66", style="slick", age=2, eyes="#4a5a6a",
                   lip="#a86a5c", clothes="suit", top="#1f2c4c", bg="#d5dce6", tie="#a02830",
                   beard="stubble", beard_colour="#7d7a76", brows=3.4, male=True),
    "nadia": dict(skin="#c99570", hair="#2a1c16", style="hijab", scarf="#2f7d6a", age=0,
                  eyes="#3a2414", lip="#a4505a", clothes="blouse", top="#e0d2b0", bg="#d8efe4",
                  brows=2.8),
    "chloe": dict(skin="#f6d9c4", hair="#e8c46a", style="ponytail", age=0, eyes="#3a7ab0",
                  lip="#d87070", clothes="tank", top="#f07a5a", bg="#bfe6f5", sunglasses=True,
                  freckles=True, brows=2.2, brow_colour="#b08a4a"),
    "priya": dict(skin="#a86f4c", hair="#18110e", style="braid", age=1, eyes="#2a180e",
                  lip="#8a4040", clothes="blouse", top="#e0a030", bg="#fbe1c6", brows=2.8,
                  earrings="#e8c050", bindi=True),
    "leo": dict(skin="#f1c7a5", hair="#7a5232", style="messy", age=0, eyes="#4f7a3a",
                lip="#c07868", clothes="hoodie", top="#5a7d6a", bg="#cdebe6", freckles=True,
                brows=3.0, male=True),
    "martha": dict(skin="#f4d2bc", hair="#b9b6b2", style="curly", age=2, eyes="#5a7a9a",
                   lip="#b8707a", clothes="cardigan", top="#4a6aa8", bg="#e3dcf2",
                   glasses="#9a3a5a", brows=2.4, brow_colour="#9a948e"),
    "kwame": dict(skin="#6a4028", hair="#140e0c", style="crop", age=1, eyes="#1e120a",
                  lip="#2e1610", clothes="coat", top="#f4f6f8", bg="#cfe8f0", beard="goatee",
                  glasses="#c9a24a", brows=3.4, male=True, ink="#0e0806"),
    "sofia": dict(skin="#e2b48e", hair="#3a2418", style="long_band", band="#e05a8a", age=0,
                  eyes="#4a2c18", lip="#d07878", clothes="tshirt", top="#8a6ad0", bg="#e9f2c8",
                  brows=2.2, young=True, face=(35, 42)),
    # new-b
    "dominic": dict(skin="#e8bb98", hair="#2e2218", style="slick", age=1, eyes="#3a4a5a",
                    lip="#a8664e", clothes="suit", top="#2c2c34", bg="#e6dcc8", tie="#2a6a9a",
                    brows=3.2, male=True),
    "hana": dict(skin="#f0d2b4", hair="#161010", style="bob", age=0, eyes="#2a1a10",
                 lip="#c06a6a", clothes="tshirt", top="#4a9a6a", bg="#f2e4c4", brows=2.4),
    "tomasz": dict(skin="#edc3a4", hair="#8a6a4a", style="crop", age=1, eyes="#4a6a8a",
                   lip="#a8665a", clothes="jacket", top="#3a5a4a", bg="#d6e2ea", beard="stubble",
                   beard_colour="#8a6a4a", brows=3.2, male=True, tired=True),
    "samuel": dict(skin="#7a4a30", hair="#1a1210", style="bald", age=2, eyes="#24160c",
                   lip="#3a1c14", clothes="sweater", top="#7a2a3a", bg="#e8e0d4", beard="short",
                   beard_colour="#4a4440", brows=3.4, male=True),
    "mei": dict(skin="#f2d6bc", hair="#2a1a14", style="ponytail", age=1, eyes="#2a1a10",
                lip="#b8606a", clothes="blouse", top="#c8a070", bg="#dfe8f4", glasses="#3a3a3a",
                brows=2.4),
    "gordon": dict(skin="#e8b99a", hair="#6e6760", style="crop", age=2, eyes="#4a5a48",
                   lip="#a0604e", clothes="jacket", top="#3a4a5a", bg="#e6dccb", glasses="#2a2622",
                   brows=3.6, male=True, brow_colour="#5e5852", ruddy=True),
    "agnes": dict(skin="#f3d5c4", hair="#efece6", style="bob", age=3, eyes="#6a7a8e",
                  lip="#b47a80", clothes="blouse", top="#8a5a7a", bg="#9fb4cc", glasses="#8a6a5a",
                  earrings="#d8d4cc", brows=2.2, brow_colour="#b8b2aa"),
    "dean": dict(skin="#f0c4a4", hair="#b0603a", style="fade", age=0, eyes="#5a6a3a",
                 lip="#b06a5a", clothes="hoodie", top="#3a3a44", bg="#d9dde6", beard="short",
                 beard_colour="#a0502e", freckles=True, brows=3.2, male=True),
    "amara": dict(skin="#8a5a3c", hair="#1a1210", style="long", age=0, eyes="#2a1a10",
                  lip="#8a4444", clothes="tshirt", top="#2a9a8a", bg="#f4e2cc", earrings="#e8c050",
                  brows=2.6),
    "ruth": dict(skin="#7a4a30", hair="#2a1c18", style="bun", age=1, eyes="#24160e",
                 lip="#7a3a36", clothes="sweater", top="#c05a3a", bg="#dfe8d4", glasses="#3a2a5a",
                 brows=2.8, ink="#120a08"),
}


# ---------------------------------------------------------------- the expressions

# brows: (inner y, outer y, arch) offsets from BROW_Y; eyes: open / glare / sad / smile / closed
EXPRESSIONS = {
    "angry": dict(brows=(7, -3, 0), eyes="glare", mouth="shout", cheeks=0.0, tint=0.22),
    "upset": dict(brows=(-5, 3, -1), eyes="sad", mouth="frown", cheeks=0.0, tint=0.0),
    "neutral": dict(brows=(0, 0, -1.5), eyes="open", mouth="flat", cheeks=0.0, tint=0.0),
    "pleased": dict(brows=(-1.5, 0, -3.5), eyes="smile", mouth="smile", cheeks=0.35, tint=0.0),
    "delighted": dict(brows=(-6, -4, -5), eyes="closed", mouth="grin", cheeks=0.6, tint=0.0),
}


# ---------------------------------------------------------------- SVG building blocks

def path(d: str, fill: str = "none", stroke: str | None = None, width: float = 0,
         opacity: float | None = None, cap: str = "round") -> str:
    attrs = f'd="{d}" fill="{fill}"'
    if stroke:
        attrs += f' stroke="{stroke}" stroke-width="{width:g}" stroke-linecap="{cap}" stroke-linejoin="round"'
    if opacity is not None:
        attrs += f' opacity="{opacity:g}"'
    return f"<path {attrs}/>"


def ellipse(cx: float, cy: float, rx: float, ry: float, fill: str, opacity: float | None = None,
            stroke: str | None = None, width: float = 0) -> str:
    attrs = f'cx="{cx:g}" cy="{cy:g}" rx="{rx:g}" ry="{ry:g}" fill="{fill}"'
    if stroke:
        attrs += f' stroke="{stroke}" stroke-width="{width:g}"'
    if opacity is not None:
        attrs += f' opacity="{opacity:g}"'
    return f"<ellipse {attrs}/>"


def circle(cx: float, cy: float, r: float, fill: str, opacity: float | None = None) -> str:
    return ellipse(cx, cy, r, r, fill, opacity)


def glow(ident: str, colour: str, opacity: float) -> str:
    """A radial gradient from a colour in the middle to transparent at the edge (for blushes)."""
    return (f'<radialGradient id="{ident}" cx="50%" cy="50%" r="50%">'
            f'<stop offset="0" stop-color="{colour}" stop-opacity="{opacity:g}"/>'
            f'<stop offset="0.6" stop-color="{colour}" stop-opacity="{opacity * 0.7:g}"/>'
            f'<stop offset="1" stop-color="{colour}" stop-opacity="0"/></radialGradient>')


def background(colour: str, gradients: tuple[str, ...] = ()) -> list[str]:
    return [
        "<defs>",
        f'<radialGradient id="bg" cx="50%" cy="38%" r="65%">'
        f'<stop offset="0" stop-color="{shade(colour, 1.45)}"/>'
        f'<stop offset="1" stop-color="{colour}"/></radialGradient>',
        *gradients,
        "</defs>",
        '<rect x="0" y="0" width="200" height="200" rx="28" ry="28" fill="url(#bg)"/>',
    ]


LEFT_SHOULDER = "M36,200 C36,174 50,157 72,151"
RIGHT_SHOULDER = "M164,200 C164,174 150,157 128,151"
SHOULDERS = "M36,200 C36,174 50,157 72,151 L128,151 C150,157 164,174 164,200 Z"
# Everything but the background is drawn 10% larger, anchored at the bottom centre.
ZOOM = '<g transform="translate(100,200) scale(1.1) translate(-100,-200)">'


# ---------------------------------------------------------------- hair

def hair_back(p: dict) -> list[str]:
    """Hair that sits behind the head and shoulders."""
    c, style = p["hair"], p["style"]
    dark = shade(c, 0.8)
    if style == "bob":
        return [path("M58,96 C52,58 72,38 100,38 C128,38 148,58 142,96 C144,112 146,124 142,134 "
                     "C132,138 124,134 120,128 L80,128 C76,134 68,138 58,134 C54,124 56,112 58,96 Z", c)]
    if style in ("long", "long_band"):
        return [path("M58,96 C54,56 72,38 100,38 C128,38 146,56 142,96 C146,130 150,158 146,176 "
                     "C132,180 120,172 116,160 L84,160 C80,172 68,180 54,176 C50,158 54,130 58,96 Z", c),
                path("M66,130 C64,150 62,164 60,172", stroke=dark, width=2, opacity=0.5),
                path("M134,130 C136,150 138,164 140,172", stroke=dark, width=2, opacity=0.5)]
    if style == "braid":
        return [path("M60,96 C56,58 74,40 100,40 C126,40 144,58 140,96 C142,112 140,124 136,128 "
                     "L64,128 C60,124 58,112 60,96 Z", c)]
    if style == "ponytail":
        return [path("M62,92 C58,58 76,40 100,40 C124,40 142,58 138,92 L138,104 L62,104 Z", c),
                path("M126,50 C150,44 162,62 156,92 C152,116 160,132 150,146 C146,124 140,110 142,88 "
                     "C143,70 136,60 124,58 Z", c),
                path("M146,70 C150,90 146,110 150,130", stroke=dark, width=1.6, opacity=0.5)]
    if style == "bun":
        return [circle(100, 40, 17, c), path("M88,34 C96,28 106,28 114,36", stroke=shade(c, 0.85), width=2),
                path("M62,98 C58,60 76,44 100,44 C124,44 142,60 138,98 Z", c)]
    if style == "curly":
        out = [path("M60,100 C56,62 76,44 100,44 C124,44 144,62 140,100 Z", c)]
        for x, y, r in ((62, 96, 9), (60, 82, 10), (66, 66, 11), (78, 54, 11), (94, 48, 12), (110, 48, 12),
                        (124, 54, 11), (135, 66, 11), (140, 82, 10), (138, 96, 9)):
            out.append(circle(x, y, r, c))
        return out
    if style == "hijab":
        s = p["scarf"]
        return [path("M52,100 C48,56 72,34 100,34 C128,34 152,56 148,100 C150,130 160,150 168,170 "
                     "L32,170 C40,150 50,130 52,100 Z", s)]
    if style in ("balding", "bald"):
        top = 64 if style == "balding" else 70
        return [path(f"M68,{top} C61,78 58,92 61,104 L139,104 C142,92 139,78 132,{top} "
                     f"C128,80 72,80 68,{top} Z", c, stroke=shade(c, 0.85), width=1)]
    if style in ("short", "fade", "crop", "slick", "messy"):
        return [ellipse(100, 84, 38, 44, c)]
    return []


def hair_front(p: dict) -> list[str]:
    """Hair in front of the forehead, and other details drawn over the head."""
    c, style = p["hair"], p["style"]
    dark, light = shade(c, 0.78), shade(c, 1.25)
    if style == "bob":
        out = [path("M63,96 C60,58 80,42 102,42 C124,42 142,58 137,96 C134,80 130,70 122,64 "
                    "C110,72 88,70 78,62 C70,70 66,82 63,96 Z", c),
               path("M78,62 C92,72 112,72 122,64 C112,60 104,56 100,48", stroke=dark, width=1.5, opacity=0.6)]
        if p.get("streak"):
            out.append(path("M88,46 C96,50 104,58 112,68", stroke=p["streak"], width=4, opacity=0.9))
        return out
    if style in ("long", "long_band"):
        out = [path("M63,100 C60,60 78,42 100,42 C122,42 140,60 137,100 C134,82 128,68 118,60 "
                    "C110,56 104,52 100,48 C96,52 90,56 82,60 C72,68 66,82 63,100 Z", c),
               path("M100,48 L100,56", stroke=dark, width=1.5, opacity=0.6)]
        if style == "long_band":
            out.append(path("M66,66 C78,48 122,48 134,66", stroke=p["band"], width=5))
        return out
    if style == "braid":
        out = [path("M63,96 C60,58 80,42 100,42 C120,42 140,58 137,96 C135,80 130,70 122,64 "
                    "C112,60 104,56 100,50 C96,56 88,60 78,64 C70,70 65,80 63,96 Z", c)]
        # the braid over the right shoulder, in front of the clothes
        light = mix(c, "#8a6a5a", 0.6)
        for i, y in enumerate(range(126, 184, 9)):
            x = 134 + (i % 2) * 2
            out.append(ellipse(x, y, 7.5, 6.5, c, stroke=light, width=1))
            out.append(path(f"M{x - 5},{y - 2} Q{x},{y + 3} {x + 5},{y - 2}", stroke=light, width=1.3))
        out.append(ellipse(136, 186, 4.5, 3, "#e05050"))
        out.append(path("M133,188 L130,196 M136,189 L136,197 M139,188 L142,196", stroke=c, width=2))
        return out
    if style == "ponytail":
        return [path("M63,92 C60,58 80,42 100,42 C122,42 140,58 137,92 C134,78 128,66 116,60 "
                     "C104,64 86,66 74,60 C68,68 64,80 63,92 Z", c),
                path("M76,60 C88,66 104,64 116,58", stroke=dark, width=1.5, opacity=0.5),
                ellipse(132, 58, 5, 6, shade(c, 0.7))]
    if style == "bun":
        return [path("M63,96 C60,60 78,46 100,46 C122,46 140,60 137,96 C134,80 128,68 118,62 "
                     "C108,58 92,58 82,62 C72,68 66,80 63,96 Z", c),
                path("M80,62 C88,56 96,54 100,54 M120,62 C112,56 104,54 100,54", stroke=shade(c, 0.85), width=1.5)]
    if style == "curly":
        out = []
        for x, y, r in ((68, 70, 9), (78, 60, 10), (92, 56, 10), (108, 56, 10), (122, 60, 10), (132, 70, 9),
                        (64, 84, 7), (136, 84, 7)):
            out.append(circle(x, y, r, c))
            out.append(path(f"M{x - r * 0.5:g},{y + r * 0.1:g} Q{x:g},{y - r * 0.6:g} {x + r * 0.5:g},{y + r * 0.1:g}",
                            stroke=dark, width=1.2, opacity=0.5))
        return out
    if style == "hijab":
        s = p["scarf"]
        return [path("M60,100 C58,60 78,42 100,42 C122,42 142,60 140,100 C138,86 134,74 126,66 "
                     "C116,60 84,60 74,66 C66,74 62,86 60,100 Z", s),
                path("M62,98 C60,126 76,146 100,148 C124,146 140,126 138,98 C142,124 134,150 100,158 "
                     "C66,150 58,124 62,98 Z", s),
                path("M74,66 C88,58 112,58 126,66", stroke=shade(s, 0.8), width=1.5),
                path("M100,158 C120,156 140,146 150,160 C142,176 124,190 118,200 L82,200 C76,190 58,176 50,160 "
                     "C60,146 80,156 100,158 Z", s),
                path("M70,168 C84,176 96,178 100,200", stroke=shade(s, 0.8), width=1.5, opacity=0.7)]
    if style == "fade":
        return [path("M64,86 C62,58 78,46 100,46 C122,46 138,58 136,86 C134,74 130,68 124,64 "
                     "C112,60 88,60 76,64 C70,68 66,74 64,86 Z", c)]
    if style == "crop":
        return [path("M64,84 C62,58 78,47 100,47 C122,47 138,58 136,84 C134,72 130,66 124,62 "
                     "C112,59 88,59 76,62 C70,66 66,72 64,84 Z", c)]
    if style == "slick":
        return [path("M63,88 C60,56 78,40 102,40 C126,40 142,56 137,88 C135,74 132,66 126,60 "
                     "C116,56 100,58 88,58 C78,60 70,66 66,76 Z", c),
                path("M76,56 C92,46 112,46 128,54 M82,60 C96,52 112,52 126,58", stroke=light, width=1.5, opacity=0.6)]
    if style == "messy":   # tousled, spiky
        return [path("M62,90 C58,70 60,56 68,49 L66,41 L78,44 L82,34 L92,40 L100,31 L108,39 L119,34 L122,44 "
                     "L134,42 L132,51 C140,60 142,74 138,90 C136,80 132,72 127,67 L124,76 L116,65 L108,74 "
                     "L100,63 L92,73 L84,65 L78,76 C70,72 64,80 62,90 Z", c, stroke=c, width=2.5),
                path("M82,44 L90,54 M100,36 L102,50 M118,40 L114,52", stroke=light, width=1.6, opacity=0.6)]
    if style in ("balding", "bald"):
        top = 66 if style == "balding" else 72
        out = [path(f"M64.5,{top + 22} C64,{top + 10} 66,{top + 4} 69,{top} C70,{top + 8} 68,{top + 16} 68,{top + 24} Z", c),
               path(f"M135.5,{top + 22} C136,{top + 10} 134,{top + 4} 131,{top} C130,{top + 8} 132,{top + 16} 132,{top + 24} Z", c),
               ellipse(88, 58, 9, 5, "#ffffff", opacity=0.25)]
        if style == "balding":   # a few strands left on top
            out.append(path("M84,56 C92,50 108,50 116,56 M88,52 C96,47 106,47 112,51", stroke=c, width=1.6, opacity=0.8))
        return out
    return []


# ---------------------------------------------------------------- clothes

def clothes(p: dict) -> list[str]:
    top, kind = p["top"], p["clothes"]
    dark, light = shade(top, 0.78), shade(top, 1.2)
    skin = p["skin"]
    out = []
    if kind == "coat":   # doctor: blue scrubs under a white coat, stethoscope
        out.append(path(SHOULDERS, "#3a8aa8"))
        out.append(path("M86,151 L100,172 L114,151 Z", skin))
        out.append(path(LEFT_SHOULDER + " L84,151 L100,200 Z", top))
        out.append(path(RIGHT_SHOULDER + " L116,151 L100,200 Z", top))
        out.append(path("M84,151 L76,164 L88,168 L100,200 M116,151 L124,164 L112,168 L100,200", "none",
                        stroke="#c8d0d8", width=1.6))
        out.append(path("M88,152 C82,176 90,186 100,188 C110,186 118,176 112,152", stroke="#3a3a44", width=2.4))
        out.append(circle(100, 189, 4.2, "#9aa4ae"))
        out.append(circle(100, 189, 2.2, "#5a646e"))
        out.append(path("M150,178 L164,178", stroke="#3a6aa8", width=2.5))
        return out
    out.append(path(SHOULDERS, top))
    if kind == "suit":
        out.append(path("M80,151 L100,200 L120,151 Z", "#f4f4f2"))
        out.append(path("M94,160 L100,156 L106,160 L103,166 L97,166 Z", p["tie"]))
        out.append(path("M97,166 L103,166 L106,196 L100,200 L94,196 Z", p["tie"]))
        out.append(path("M80,151 L92,166 L86,170 L96,200 L70,200 L68,156 Z", dark))
        out.append(path("M120,151 L108,166 L114,170 L104,200 L130,200 L132,156 Z", dark))
        out.append(path("M86,151 L100,162 L114,151", stroke="#d8d8d4", width=2))
        out.append(path("M140,176 L154,174 L153,180 L141,181 Z", "#f4f4f2"))
        return out
    if kind == "shirt":
        out.append(path("M86,151 L100,170 L114,151 Z", skin))
        out.append(path("M84,149 L100,170 L92,176 L78,156 Z", light))
        out.append(path("M116,149 L100,170 L108,176 L122,156 Z", light))
        out.append(path("M100,170 L100,200", stroke=dark, width=1.2))
        out.append(circle(100, 182, 1.6, dark))
        out.append(circle(100, 194, 1.6, dark))
        return out
    if kind == "blouse":
        out.append(path("M84,151 L100,176 L116,151 Z", skin))
        out.append(path("M84,151 L100,176 L116,151", stroke=dark, width=2.2))
        if p.get("pearls"):
            for i in range(11):
                t = i / 10
                x = 86 + 28 * t
                y = 156 + 12 * (1 - (2 * t - 1) ** 2)
                out.append(circle(x, y, 2.6, "#f6f2ea"))
        return out
    if kind == "sweater":
        out.append(path("M84,151 C88,162 112,162 116,151", stroke=dark, width=5))
        out.append(path("M60,176 L60,200 M140,176 L140,200", stroke=dark, width=1.2, opacity=0.5))
        return out
    if kind == "jacket":
        out.append(path("M84,151 L100,174 L116,151 Z", "#d9c7a0"))
        out.append(path("M84,151 L92,164 L88,168 L100,200 L76,200 L74,156 Z", dark))
        out.append(path("M116,151 L108,164 L112,168 L100,200 L124,200 L126,156 Z", dark))
        out.append(path("M92,151 L100,162 L108,151", stroke="#b8a47c", width=2))
        return out
    if kind == "cardigan":
        out.append(path("M84,151 L100,200 L116,151 Z", "#f2ede2"))
        out.append(path("M84,151 C90,158 110,158 116,151", stroke="#d8d0c0", width=2))
        out.append(path("M84,151 L100,200 M116,151 L100,200", stroke=dark, width=3))
        out.append(circle(96, 184, 2, dark))
        return out
    if kind == "hoodie":
        out.append(path("M70,151 C70,170 130,170 130,151 C120,148 80,148 70,151 Z", dark))
        out.append(path("M84,151 C88,160 112,160 116,151", skin))
        out.append(path("M92,162 L90,186 M108,162 L110,186", stroke="#e8e8e0", width=2))
        out.append(path("M78,190 L122,190", stroke=dark, width=1.5, opacity=0.6))
        return out
    if kind == "tank":
        out.append(path("M72,151 C80,152 86,150 88,151 C90,168 110,168 112,151 C114,150 120,152 128,151 "
                        "L128,200 L72,200 Z", top))
        out.append(path(LEFT_SHOULDER + " L74,200 Z", skin))
        out.append(path(RIGHT_SHOULDER + " L126,200 Z", skin))
        out.append(path("M74,151 L76,200 M126,151 L124,200", stroke=dark, width=5))
        out.append(path("M88,151 C90,168 110,168 112,151", stroke=dark, width=2))
        for x, y in ((90, 182), (110, 178), (100, 192), (118, 194), (82, 196)):
            out.append(circle(x, y, 3, "#fff3c4", opacity=0.9))
        return out
    if kind == "tshirt":
        out.append(path("M86,151 C88,162 112,162 114,151", skin))
        out.append(path("M86,151 C88,162 112,162 114,151", stroke=dark, width=3.5))
        out.append(path("M92,180 L100,172 L108,180 L100,188 Z", "#fff3a0", opacity=0.9))
        return out
    return out


# ---------------------------------------------------------------- face

def head_and_neck(p: dict) -> list[str]:
    skin = p["skin"]
    shadow = shade(skin, 0.82)
    rx, ry = p.get("face", (HEAD_RX, HEAD_RY))
    return [
        path("M87,120 L87,154 C92,160 108,160 113,154 L113,120 Z", skin),
        path("M87,134 C94,142 106,142 113,134 L113,126 L87,126 Z", shadow, opacity=0.8),
        ellipse(HEAD_CX - HEAD_RX + 1, 96, 6, 9, skin),
        ellipse(HEAD_CX + HEAD_RX - 1, 96, 6, 9, skin),
        ellipse(HEAD_CX - HEAD_RX + 1, 96, 3, 5, shadow, opacity=0.7),
        ellipse(HEAD_CX + HEAD_RX - 1, 96, 3, 5, shadow, opacity=0.7),
        ellipse(HEAD_CX, HEAD_CY - HEAD_RY + ry, rx, ry, skin),   # a shorter face keeps its crown
    ]


def lines_of_age(p: dict) -> list[str]:
    age = p["age"]
    line = shade(p["skin"], 0.72)
    out = []
    if age >= 1:
        out.append(path("M89,110 C86,114 86,118 88,122", stroke=line, width=1.2, opacity=0.5))
        out.append(path("M111,110 C114,114 114,118 112,122", stroke=line, width=1.2, opacity=0.5))
    if age >= 2:
        out.append(path("M85,66 C94,63 106,63 115,66", stroke=line, width=1.3, opacity=0.6))
        out.append(path("M73,94 L68,91 M73,97 L68,98", stroke=line, width=1.1, opacity=0.7))
        out.append(path("M127,94 L132,91 M127,97 L132,98", stroke=line, width=1.1, opacity=0.7))
        out.append(path("M86,108 C82,114 82,122 86,128", stroke=line, width=1.4, opacity=0.6))
        out.append(path("M114,108 C118,114 118,122 114,128", stroke=line, width=1.4, opacity=0.6))
    if age >= 3:
        out.append(path("M88,71 C96,69 104,69 112,71", stroke=line, width=1.2, opacity=0.55))
        out.append(path("M80,102 C84,104 88,104 92,102 M108,102 C112,104 116,104 120,102",
                        stroke=line, width=1.1, opacity=0.55))
        out.append(path("M90,130 C92,133 96,134 100,134 C104,134 108,133 110,130",
                        stroke=line, width=1.1, opacity=0.4))
    if p.get("tired"):
        out.append(path("M79,101 C83,104 89,104 93,101 M107,101 C111,104 117,104 121,101",
                        stroke=line, width=1.2, opacity=0.55))
    return out


def eye(p: dict, ex: float, kind: str, side: int) -> list[str]:
    """side -1 for the viewer's left eye, +1 for the right; 'inner' is towards the nose."""
    skin, iris = p["skin"], p["eyes"]
    ink = p.get("ink", "#2a1c18")
    ey = EYE_Y
    big = 1.12 if p.get("young") else 1.0
    rx, ry = 6.6 * big, 4.6 * big
    if kind == "closed":
        return [path(f"M{ex - 7},{ey + 1.5} Q{ex},{ey - 6} {ex + 7},{ey + 1.5}", stroke=ink, width=3)]
    out = [ellipse(ex, ey, rx, ry, "#fbfaf6")]
    look_y = 1.0 if kind == "sad" else 0.0
    out.append(circle(ex, ey + look_y, 3.8 * big, iris))
    out.append(circle(ex, ey + look_y, 1.9 * big, "#120c0a"))
    out.append(circle(ex + 1.3, ey - 1.3 + look_y, 1.1, "#ffffff"))
    inner = -side  # direction of the nose in x
    if kind == "glare":   # upper lid slants down towards the nose
        xi, xo = ex + inner * 9, ex - inner * 9
        out.append(path(f"M{xo},{ey - 9} L{xi},{ey - 9} L{xi},{ey - 0.5} L{xo},{ey - 4.5} Z", skin))
        out.append(path(f"M{ex - inner * 7},{ey - 3.6} L{ex + inner * 7},{ey - 0.8}", stroke=ink, width=2.2))
    elif kind == "sad":   # upper lid droops at the outer corner
        xi, xo = ex + inner * 9, ex - inner * 9
        out.append(path(f"M{xo},{ey - 9} L{xi},{ey - 9} L{xi},{ey - 4.2} L{xo},{ey - 0.5} Z", skin))
        out.append(path(f"M{ex + inner * 7},{ey - 3.4} L{ex - inner * 7},{ey - 0.6}", stroke=ink, width=2))
    else:
        out.append(path(f"M{ex - 7},{ey - 0.5} Q{ex},{ey - 6.6 * big} {ex + 7},{ey - 0.5}", stroke=ink, width=2))
    if kind == "smile":   # lower lid pushed up by the cheeks
        out.append(path(f"M{ex - 9},{ey + 8} L{ex - 9},{ey + 2.5} Q{ex},{ey - 1.2} {ex + 9},{ey + 2.5} "
                        f"L{ex + 9},{ey + 8} Z", skin))
        out.append(path(f"M{ex - 6},{ey + 2} Q{ex},{ey - 0.6} {ex + 6},{ey + 2}", stroke=shade(skin, 0.7), width=1.2))
    return out


def brows(p: dict, spec: tuple[float, float, float]) -> list[str]:
    inner_dy, outer_dy, arch = spec
    colour = p.get("brow_colour") or shade(p["hair"], 0.85)
    width = p.get("brows", 2.8)
    out = []
    for side in (-1, 1):
        xo, xi = 100 + side * 26, 100 + side * 7
        yo, yi = BROW_Y + outer_dy, BROW_Y + inner_dy
        cx = (xo + xi) / 2
        cy = (yo + yi) / 2 + arch
        out.append(path(f"M{xo},{yo} Q{cx},{cy} {xi},{yi}", stroke=colour, width=width))
    return out


def nose(p: dict) -> list[str]:
    line = shade(p["skin"], 0.7)
    return [path("M100,98 C99,104 96,108 95,110 C97,112 103,112 105,110", stroke=line, width=1.6, opacity=0.8)]


def mouth(p: dict, kind: str) -> list[str]:
    lip = p["lip"]
    y = MOUTH_Y
    inside, teeth, tongue = "#5a1c1e", "#ffffff", "#d8646e"
    if kind == "flat":
        return [path(f"M91,{y} L109,{y}", stroke=lip, width=2.8)]
    if kind == "smile":
        return [path(f"M87,{y - 2} Q100,{y + 9} 113,{y - 2}", stroke=lip, width=3)]
    if kind == "frown":
        return [path(f"M89,{y + 4} Q100,{y - 4} 111,{y + 4}", stroke=lip, width=3)]
    if kind == "shout":   # an open, downturned mouth with gritted teeth
        return [path(f"M86,{y + 6} Q86,{y - 5} 100,{y - 5} Q114,{y - 5} 114,{y + 6} Q100,{y + 1} 86,{y + 6} Z",
                     inside, stroke=lip, width=2),
                path(f"M89,{y - 1} Q100,{y - 4} 111,{y - 1} L110,{y + 1.5} Q100,{y - 1} 90,{y + 1.5} Z", teeth)]
    if kind == "grin":    # a big open smile with teeth and tongue
        return [path(f"M83,{y - 5} Q100,{y - 1} 117,{y - 5} Q116,{y + 14} 100,{y + 14} Q84,{y + 14} 83,{y - 5} Z",
                     inside, stroke=lip, width=2),
                path(f"M85,{y - 4} Q100,{y} 115,{y - 4} L114,{y + 1} Q100,{y + 4} 86,{y + 1} Z", teeth),
                path(f"M91,{y + 11} Q100,{y + 4} 109,{y + 11} Q100,{y + 14} 91,{y + 11} Z", tongue)]
    return []


def facial_hair(p: dict) -> list[str]:
    out = []
    beard = p.get("beard")
    colour = p.get("beard_colour") or p["hair"]
    y = MOUTH_Y
    if beard == "short":   # a full short beard and moustache, leaving the lips clear
        out.append(path(f"M64,98 C64,120 74,136 100,139 C126,136 136,120 136,98 C134,110 128,117 121,{y} "
                        f"C116,{y + 6} 108,{y + 8} 100,{y + 8} C92,{y + 8} 84,{y + 6} 79,{y} "
                        f"C72,117 66,110 64,98 Z", colour))
        out.append(path(f"M83,{y - 1} C86,{y - 9} 95,{y - 10} 100,{y - 8} C105,{y - 10} 114,{y - 9} 117,{y - 1} "
                        f"C110,{y - 5} 90,{y - 5} 83,{y - 1} Z", colour))
    elif beard == "goatee":
        out.append(path(f"M88,{y - 7} C94,{y - 10} 106,{y - 10} 112,{y - 7} L112,{y - 4} C106,{y - 6} 94,{y - 6} 88,{y - 4} Z",
                        colour))
        out.append(path(f"M90,{y + 8} C94,{y + 18} 106,{y + 18} 110,{y + 8} C106,{y + 11} 94,{y + 11} 90,{y + 8} Z", colour))
    elif beard == "stubble":
        out.append(path(f"M66,104 C68,124 80,136 100,137 C120,136 132,124 134,104 C132,114 126,118 120,118 "
                        f"C114,112 108,{y - 8} 100,{y - 8} C92,{y - 8} 86,112 80,118 C74,118 68,114 66,104 Z",
                        colour, opacity=0.55))
    moustache = p.get("moustache")
    if moustache:
        out.append(path(f"M84,{y - 2} C86,{y - 10} 96,{y - 11} 100,{y - 8} C104,{y - 11} 114,{y - 10} 116,{y - 2} "
                        f"C110,{y - 5} 104,{y - 5} 100,{y - 4} C96,{y - 5} 90,{y - 5} 84,{y - 2} Z", moustache))
    return out


def extras(p: dict) -> list[str]:
    out = []
    if p.get("freckles"):
        for x, y in ((78, 106), (82, 109), (86, 106), (114, 106), (118, 109), (122, 106), (80, 112), (120, 112)):
            out.append(circle(x, y, 0.9, shade(p["skin"], 0.72), opacity=0.8))
    if p.get("bindi"):
        out.append(circle(100, 82, 1.8, "#b02a3a"))
    if p.get("earrings"):
        for x in (HEAD_CX - HEAD_RX + 1, HEAD_CX + HEAD_RX - 1):
            out.append(circle(x, 107, 2.6, p["earrings"]))
    if p.get("glasses"):
        g = p["glasses"]
        for ex in (100 - EYE_DX, 100 + EYE_DX):
            out.append(f'<rect x="{ex - 11}" y="{EYE_Y - 8}" width="22" height="16" rx="6" ry="6" '
                       f'fill="#ffffff" fill-opacity="0.18" stroke="{g}" stroke-width="2.2"/>')
        out.append(path(f"M96,{EYE_Y - 2} Q100,{EYE_Y - 5} 104,{EYE_Y - 2}", stroke=g, width=2))
        out.append(path(f"M74,{EYE_Y - 4} L65,{EYE_Y - 6} M126,{EYE_Y - 4} L135,{EYE_Y - 6}", stroke=g, width=2))
    if p.get("sunglasses"):   # pushed up on the head
        out.append(path("M74,52 C86,48 114,48 126,52", stroke="#2a2a2a", width=2.4))
        for cx in (88, 112):
            out.append(ellipse(cx, 54, 10, 6.5, "#2b3a4a", stroke="#1a1a1a", width=1.6))
            out.append(path(f"M{cx - 6},{52} L{cx - 1},{50}", stroke="#ffffff", width=1.4, opacity=0.6))
    return out


# ---------------------------------------------------------------- assembling a portrait

def portrait(name: str, emotion: str) -> str:
    p = PEOPLE[name]
    e = EXPRESSIONS[emotion]
    gradients = [glow("cheek", "#f05a5a", e["cheeks"] * 0.75)] if e["cheeks"] else []
    if e["tint"]:
        gradients.append(glow("flush", "#e0281a", e["tint"]))
    if p.get("ruddy"):
        gradients.append(glow("ruddy", "#e06050", 0.35))
    parts = background(p["bg"], tuple(gradients))
    parts.append(ZOOM)
    parts += hair_back(p)
    parts += clothes(p)
    parts += head_and_neck(p)
    if p.get("ruddy"):
        parts.append(ellipse(100, 106, 30, 16, "url(#ruddy)"))
    parts += lines_of_age(p)
    if e["cheeks"]:
        parts.append(ellipse(79, 109, 10, 7, "url(#cheek)"))
        parts.append(ellipse(121, 109, 10, 7, "url(#cheek)"))
    for side in (-1, 1):
        parts += eye(p, 100 + side * EYE_DX, e["eyes"], side)
    if e["tint"]:
        parts.append(ellipse(HEAD_CX, HEAD_CY + 6, HEAD_RX + 3, HEAD_RY - 2, "url(#flush)"))
    if emotion == "angry":   # a crease between the brows
        crease = shade(p["skin"], 0.65)
        parts.append(path("M97,80 L98,87 M103,80 L102,87", stroke=crease, width=1.4, opacity=0.8))
    parts += nose(p)
    parts += facial_hair(p)
    parts += mouth(p, e["mouth"])
    parts += hair_front(p)
    parts += brows(p, e["brows"])
    parts += extras(p)
    parts.append("</g>")
    return svg(parts, f"{name.capitalize()}, {emotion}")


def placeholder() -> str:
    """A neutral grey silhouette for a scenario whose portrait is missing."""
    parts = background("#d4d6da")
    parts.append(ZOOM)
    parts.append(path(SHOULDERS, "#9ea3aa"))
    parts.append(path("M87,118 L87,154 C92,160 108,160 113,154 L113,118 Z", "#9ea3aa"))
    parts.append(ellipse(HEAD_CX, HEAD_CY, HEAD_RX, HEAD_RY, "#9ea3aa"))
    parts.append("</g>")
    return svg(parts, "No portrait")


def app_icon() -> str:
    """A speech bubble with a star."""
    parts = [
        "<defs>",
        '<linearGradient id="bubble" x1="0" y1="0" x2="0" y2="1">'
        '<stop offset="0" stop-color="#4a90e2"/><stop offset="1" stop-color="#2f6cc0"/></linearGradient>',
        "</defs>",
        '<rect x="20" y="30" width="160" height="116" rx="36" ry="36" fill="url(#bubble)"/>',
        path("M58,140 L46,176 L96,144 Z", "#2f6cc0"),
    ]
    cx, cy, ro, ri = 100, 88, 40, 17
    from math import cos, pi, sin
    points = []
    for i in range(10):
        r = ro if i % 2 == 0 else ri
        a = -pi / 2 + i * pi / 5
        points.append(f"{cx + r * cos(a):.1f},{cy + r * sin(a):.1f}")
    parts.append(f'<polygon points="{" ".join(points)}" fill="#ffd23f" stroke="#f2a900" '
                 f'stroke-width="4" stroke-linejoin="round"/>')
    return svg(parts, "Role-play simulator")


def svg(parts: list[str], title: str) -> str:
    body = "\n  ".join(parts)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="200" height="200" '
            'viewBox="0 0 200 200">\n'
            f"  <title>{title}</title>\n  {body}\n</svg>\n")


def main() -> None:
    for name in PEOPLE:
        folder = HERE / name
        folder.mkdir(exist_ok=True)
        for emotion in EMOTIONS:
            (folder / f"{emotion}.svg").write_text(portrait(name, emotion), encoding="utf-8")
    folder = HERE / "placeholder"
    folder.mkdir(exist_ok=True)
    for emotion in EMOTIONS:
        (folder / f"{emotion}.svg").write_text(placeholder(), encoding="utf-8")
    ICONS.mkdir(exist_ok=True)
    (ICONS / "app.svg").write_text(app_icon(), encoding="utf-8")


if __name__ == "__main__":
    main()
