"""Lokal erzeugte Illustrationen für die Demo-Redaktion.

Flat, calm editorial illustrations for lead and inline images, drawn with
Pillow only (no network, no external assets, no fonts besides Pillow's
built-in default font).

    >>> from redaktion.demo import illustrations
    >>> img = illustrations.draw("parliament", seed=7)
    >>> avatar = illustrations.portrait("Katharina Weiß", seed=1)

Every scene is designed on a virtual 1600 x 900 stage, rendered at twice the
requested resolution and downsampled with LANCZOS.  The same motif and seed
always give identical pixels; different seeds vary palette and composition.
"""

from __future__ import annotations

import colorsys
import itertools
import math
import random
import unicodedata
from collections.abc import Callable, Sequence

from PIL import Image, ImageDraw, ImageFont

__all__ = ["MOTIFS", "draw", "portrait"]

_SS = 2  # supersampling factor
_VW = 1600.0  # virtual stage width
_VH = 900.0  # virtual stage height

RGB = tuple[int, int, int]
Point = tuple[float, float]

# ---------------------------------------------------------------------------
# colours and palettes
# ---------------------------------------------------------------------------


def _hex(value: str) -> RGB:
    v = value.lstrip("#")
    return (int(v[0:2], 16), int(v[2:4], 16), int(v[4:6], 16))


def _mix(a: Sequence[int], b: Sequence[int], t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _rgba(color: Sequence[int], alpha: float) -> tuple[int, int, int, int]:
    return (color[0], color[1], color[2], max(0, min(255, round(alpha * 255))))


def _shift(color: RGB, dh: float = 0.0, sat: float = 1.0, light: float = 0.0) -> RGB:
    h, lum, s = colorsys.rgb_to_hls(color[0] / 255, color[1] / 255, color[2] / 255)
    h = (h + dh) % 1.0
    s = max(0.0, min(1.0, s * sat))
    lum = max(0.0, min(1.0, lum + light))
    r, g, b = colorsys.hls_to_rgb(h, lum, s)
    return (round(r * 255), round(g * 255), round(b * 255))


# fmt: off
_KEYS = (
    "sky", "horizon", "far", "mid", "near", "ground",
    "accent", "accent2", "ink", "paper", "wall", "leaf", "leaf_dk",
)

# Curated, harmonious schemes (muted, newspaper-like).  accent2 is always a
# warm yellow/ochre (sun, cranes, lamps), accent a contrasting colour.
_SCHEMES: tuple[dict[str, str], ...] = (
    {  # teal and coral
        "sky": "#bcdcdf", "horizon": "#f3ecdc", "far": "#a7c9c6", "mid": "#6fa39c",
        "near": "#3f7770", "ground": "#d9ccb0", "accent": "#e07a5f", "accent2": "#f2c14e",
        "ink": "#1f3a4a", "paper": "#fbf7ef", "wall": "#ece4d4",
        "leaf": "#79a987", "leaf_dk": "#4a7f62",
    },
    {  # dusk rose and plum
        "sky": "#e6c1b9", "horizon": "#f9e6d6", "far": "#d2a9a4", "mid": "#a67b84",
        "near": "#634a66", "ground": "#e3cbb5", "accent": "#2f6f8f", "accent2": "#f0b443",
        "ink": "#2a2238", "paper": "#fff7ef", "wall": "#f1e0d2",
        "leaf": "#93a77f", "leaf_dk": "#5f7a5a",
    },
    {  # navy and ochre
        "sky": "#c4d7e8", "horizon": "#f2eee5", "far": "#aebfd1", "mid": "#7890ab",
        "near": "#3d5878", "ground": "#d8cfbf", "accent": "#c8553d", "accent2": "#e3a83b",
        "ink": "#1a2a40", "paper": "#fbf8f2", "wall": "#e8e4dc",
        "leaf": "#84a583", "leaf_dk": "#4f7657",
    },
    {  # sage and terracotta
        "sky": "#d2e1cb", "horizon": "#f6f0df", "far": "#bccdb0", "mid": "#88a67e",
        "near": "#557a55", "ground": "#dfd2b6", "accent": "#cf6f4f", "accent2": "#eab54a",
        "ink": "#27372c", "paper": "#fcf8ee", "wall": "#ece6d5",
        "leaf": "#88a67e", "leaf_dk": "#557a55",
    },
    {  # lavender and orange
        "sky": "#d0cbe9", "horizon": "#f7ede6", "far": "#b9b3d9", "mid": "#8a83bb",
        "near": "#55508c", "ground": "#e2d6cc", "accent": "#ee8659", "accent2": "#f4c35a",
        "ink": "#25213f", "paper": "#fdf9f4", "wall": "#ebe5ea",
        "leaf": "#8fae8c", "leaf_dk": "#5b7f66",
    },
    {  # clear blue and red
        "sky": "#a9d0ec", "horizon": "#eaf3f5", "far": "#96bdd8", "mid": "#5d93bd",
        "near": "#2e628c", "ground": "#d6d6c8", "accent": "#d64545", "accent2": "#f2b134",
        "ink": "#142438", "paper": "#ffffff", "wall": "#e6ebee",
        "leaf": "#7eae7a", "leaf_dk": "#4d7f55",
    },
)

_HOT: tuple[dict[str, str], ...] = (
    {
        "sky": "#ee9d5c", "horizon": "#fbe2a6", "far": "#e6b07c", "mid": "#d39a5b",
        "near": "#b0743e", "ground": "#e0b56d", "accent": "#c8553d", "accent2": "#fff1b8",
        "ink": "#5a3420", "paper": "#fff8e8", "wall": "#f3d9a8",
        "leaf": "#b0a060", "leaf_dk": "#7d6f3a",
    },
    {
        "sky": "#e5825a", "horizon": "#f9d48e", "far": "#de9e6e", "mid": "#c9864f",
        "near": "#9c5f35", "ground": "#d9a75c", "accent": "#b5452f", "accent2": "#fff0a8",
        "ink": "#4e2c1c", "paper": "#fff6e2", "wall": "#f0cf9c",
        "leaf": "#b0a060", "leaf_dk": "#7d6f3a",
    },
)

_STORM: tuple[dict[str, str], ...] = (
    {
        "sky": "#5f6f80", "horizon": "#a6b1bb", "far": "#7f8c99", "mid": "#5b6878",
        "near": "#3c4756", "ground": "#4a5562", "accent": "#e0734f", "accent2": "#f2c14e",
        "ink": "#1d2530", "paper": "#e9edf0", "wall": "#8d98a4",
        "leaf": "#5f7468", "leaf_dk": "#3f5247",
    },
    {
        "sky": "#56667a", "horizon": "#9fadb9", "far": "#75859a", "mid": "#556579",
        "near": "#36455a", "ground": "#435062", "accent": "#d9644a", "accent2": "#f4c460",
        "ink": "#1a2230", "paper": "#e5ebf0", "wall": "#8796a6",
        "leaf": "#5f7468", "leaf_dk": "#3f5247",
    },
)


# fmt: on


class _Palette:
    sky: RGB
    horizon: RGB
    far: RGB
    mid: RGB
    near: RGB
    ground: RGB
    accent: RGB
    accent2: RGB
    ink: RGB
    paper: RGB
    wall: RGB
    leaf: RGB
    leaf_dk: RGB

    def __init__(self, scheme: dict[str, str], rng: random.Random) -> None:
        dh = rng.uniform(-0.025, 0.025)
        sat = rng.uniform(0.9, 1.08)
        for key in _KEYS:
            setattr(self, key, _shift(_hex(scheme[key]), dh, sat))


def _interp(stops: Sequence[tuple[float, Sequence[int]]], v: float) -> RGB:
    if v <= stops[0][0]:
        return tuple(stops[0][1][:3])  # type: ignore[return-value]
    for (v0, c0), (v1, c1) in itertools.pairwise(stops):
        if v <= v1:
            t = 0.0 if v1 == v0 else (v - v0) / (v1 - v0)
            return _mix(c0, c1, t)
    return tuple(stops[-1][1][:3])  # type: ignore[return-value]


# ---------------------------------------------------------------------------
# canvas: virtual 1600 x 900 coordinates, supersampled
# ---------------------------------------------------------------------------

_RADIAL: list[Image.Image] = []


def _radial() -> Image.Image:
    if not _RADIAL:
        _RADIAL.append(Image.radial_gradient("L"))
    return _RADIAL[0]


class _Canvas:
    def __init__(self, size: tuple[int, int], background: RGB) -> None:
        self.W = size[0] * _SS
        self.H = size[1] * _SS
        # fit the stage; for narrower formats allow trimming 5 % on either side
        self.k = min(self.W / (_VW * 0.9), self.H / _VH)
        self.ox = (self.W - _VW * self.k) / 2
        self.oy = (self.H - _VH * self.k) / 2
        # visible virtual extent (wider/taller than the stage for other ratios)
        self.x0 = -self.ox / self.k
        self.x1 = _VW + self.ox / self.k
        self.y0 = -self.oy / self.k
        self.y1 = _VH + self.oy / self.k
        self.img = Image.new("RGB", (self.W, self.H), background)
        self.d = ImageDraw.Draw(self.img, "RGBA")
        self.keep_clear: list[tuple[float, float, float]] = []  # e.g. the sun

    # coordinate helpers -------------------------------------------------
    def P(self, x: float, y: float) -> Point:
        return (self.ox + x * self.k, self.oy + y * self.k)

    def pts(self, seq: Sequence[Point]) -> list[Point]:
        k, ox, oy = self.k, self.ox, self.oy
        return [(ox + x * k, oy + y * k) for x, y in seq]

    def vy(self, py: float) -> float:
        return (py - self.oy) / self.k

    # primitives ---------------------------------------------------------
    def poly(self, seq: Sequence[Point], fill) -> None:
        if len(seq) >= 3:
            self.d.polygon(self.pts(seq), fill=fill)

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill, r: float = 0.0) -> None:
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        a = self.P(x0, y0)
        b = self.P(x1, y1)
        r = min(r, (x1 - x0) / 2, (y1 - y0) / 2)
        if r * self.k >= 1:
            self.d.rounded_rectangle((a, b), radius=r * self.k, fill=fill)
        else:
            self.d.rectangle((a, b), fill=fill)

    def ell(
        self, cx: float, cy: float, rx: float, ry: float, fill=None, outline=None, width: float = 0
    ) -> None:
        rx, ry = abs(rx), abs(ry)
        a = self.P(cx - rx, cy - ry)
        b = self.P(cx + rx, cy + ry)
        if b[0] - a[0] < 1 or b[1] - a[1] < 1:
            return
        w = max(1, round(width * self.k)) if outline is not None else 0
        self.d.ellipse((a, b), fill=fill, outline=outline, width=w)

    def circ(
        self, cx: float, cy: float, r: float, fill=None, outline=None, width: float = 0
    ) -> None:
        self.ell(cx, cy, r, r, fill, outline, width)

    def pie(self, cx: float, cy: float, rx: float, ry: float, a0: float, a1: float, fill) -> None:
        a = self.P(cx - rx, cy - ry)
        b = self.P(cx + rx, cy + ry)
        if b[0] - a[0] >= 1 and b[1] - a[1] >= 1:
            self.d.pieslice((a, b), a0, a1, fill=fill)

    def chord(
        self, cx: float, cy: float, rx: float, ry: float, a0: float, a1: float, fill
    ) -> None:
        a = self.P(cx - rx, cy - ry)
        b = self.P(cx + rx, cy + ry)
        if b[0] - a[0] >= 1 and b[1] - a[1] >= 1:
            self.d.chord((a, b), a0, a1, fill=fill)

    def arc(
        self, cx: float, cy: float, rx: float, ry: float, a0: float, a1: float, fill, width: float
    ) -> None:
        a = self.P(cx - rx, cy - ry)
        b = self.P(cx + rx, cy + ry)
        if b[0] - a[0] >= 1 and b[1] - a[1] >= 1:
            self.d.arc((a, b), a0, a1, fill=fill, width=max(1, round(width * self.k)))

    def line(self, seq: Sequence[Point], fill, width: float = 2.0, curve: bool = True) -> None:
        w = max(1, round(width * self.k))
        if len(fill) == 4 and fill[3] < 255:
            curve = False  # joints would double-blend translucent strokes
        self.d.line(
            self.pts(seq), fill=fill, width=w, joint="curve" if curve and len(seq) > 2 else None
        )

    # gradients and glows -------------------------------------------------
    def _box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        a = self.P(x0, y0)
        b = self.P(x1, y1)
        return (
            max(0, math.floor(a[0])),
            max(0, math.floor(a[1])),
            min(self.W, math.ceil(b[0])),
            min(self.H, math.ceil(b[1])),
        )

    def _gradient(
        self, w: int, h: int, top: int, stops: Sequence[tuple[float, Sequence[int]]]
    ) -> Image.Image:
        column = Image.new("RGB", (1, h))
        column.putdata([_interp(stops, self.vy(top + i + 0.5)) for i in range(h)])
        return column.resize((w, h), Image.Resampling.NEAREST)

    def vgrad(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        stops: Sequence[tuple[float, Sequence[int]]],
    ) -> None:
        """Fill a box with a vertical gradient; stops are (virtual y, colour)."""
        bx0, by0, bx1, by1 = self._box(x0, y0, x1, y1)
        if bx1 > bx0 and by1 > by0:
            self.img.paste(self._gradient(bx1 - bx0, by1 - by0, by0, stops), (bx0, by0))

    def gpoly(self, seq: Sequence[Point], stops: Sequence[tuple[float, Sequence[int]]]) -> None:
        """Polygon filled with a vertical gradient."""
        pts = self.pts(seq)
        bx0 = max(0, math.floor(min(p[0] for p in pts)))
        by0 = max(0, math.floor(min(p[1] for p in pts)))
        bx1 = min(self.W, math.ceil(max(p[0] for p in pts)) + 1)
        by1 = min(self.H, math.ceil(max(p[1] for p in pts)) + 1)
        if bx1 <= bx0 or by1 <= by0:
            return
        mask = Image.new("L", (bx1 - bx0, by1 - by0), 0)
        ImageDraw.Draw(mask).polygon([(x - bx0, y - by0) for x, y in pts], fill=255)
        self.img.paste(self._gradient(bx1 - bx0, by1 - by0, by0, stops), (bx0, by0), mask)

    def glow(
        self,
        cx: float,
        cy: float,
        r: float,
        color: Sequence[int],
        alpha: float,
        power: float = 2.0,
    ) -> None:
        R = max(2, round(r * self.k))
        lut = [round(255 * alpha * max(0.0, 1.0 - v / 181.0) ** power) for v in range(256)]
        mask = _radial().point(lut).resize((2 * R, 2 * R), Image.Resampling.BILINEAR)
        px, py = self.P(cx, cy)
        self.img.paste(tuple(color[:3]), (round(px) - R, round(py) - R), mask)

    def finish(self, size: tuple[int, int]) -> Image.Image:
        return self.img.resize(size, Image.Resampling.LANCZOS)


# ---------------------------------------------------------------------------
# geometry helpers
# ---------------------------------------------------------------------------


def _frange(a: float, b: float, step: float) -> list[float]:
    n = max(1, math.ceil((b - a) / step))
    return [a + (b - a) * i / n for i in range(n + 1)]


def _bez(p0: Point, p1: Point, p2: Point, p3: Point | None = None, n: int = 16) -> list[Point]:
    out = []
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        if p3 is None:
            out.append(
                (
                    u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0],
                    u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1],
                )
            )
        else:
            out.append(
                (
                    u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                )
            )
    return out


def _rot(cx: float, cy: float, deg: float) -> Callable[[float, float], Point]:
    a = math.radians(deg)
    ca, sa = math.cos(a), math.sin(a)

    def transform(x: float, y: float) -> Point:
        return (cx + x * ca - y * sa, cy + x * sa + y * ca)

    return transform


def _tpoly(c: _Canvas, T: Callable[[float, float], Point], seq: Sequence[Point], fill) -> None:
    c.poly([T(x, y) for x, y in seq], fill)


def _trect(
    c: _Canvas,
    T: Callable[[float, float], Point],
    x0: float,
    y0: float,
    x1: float,
    y1: float,
    fill,
) -> None:
    c.poly([T(x0, y0), T(x1, y0), T(x1, y1), T(x0, y1)], fill)


def _ridge(
    rng: random.Random, base: float, amp: float, wave: tuple[float, float] = (380.0, 1400.0)
) -> Callable[[float], float]:
    comps = []
    for i in range(3):
        lam = rng.uniform(*wave) / (1 + i * 0.8)
        comps.append((1.0 / (1 + i), 2 * math.pi / lam, rng.uniform(0, 2 * math.pi)))
    total = sum(w for w, _, _ in comps)

    def height(x: float) -> float:
        s = sum(w * math.sin(f * x + p) for w, f, p in comps) / total
        return base - amp * (s + 1) / 2

    return height


def _hill(c: _Canvas, f: Callable[[float], float], fill, step: float = 10.0) -> None:
    pts = [(x, f(x)) for x in _frange(c.x0 - 20, c.x1 + 20, step)]
    pts += [(c.x1 + 20, c.y1 + 10), (c.x0 - 20, c.y1 + 10)]
    c.poly(pts, fill)


# ---------------------------------------------------------------------------
# scenery building blocks
# ---------------------------------------------------------------------------


def _sky(
    c: _Canvas, pal: _Palette, horizon: float, top: RGB | None = None, bottom: RGB | None = None
) -> None:
    c.vgrad(
        c.x0, c.y0, c.x1, horizon + 4, [(0.0, top or pal.sky), (horizon, bottom or pal.horizon)]
    )


def _sun(c: _Canvas, pal: _Palette, x: float, y: float, r: float, glow: float = 0.45) -> None:
    c.glow(x, y, r * 4.5, _mix(pal.accent2, pal.paper, 0.45), glow)
    c.circ(x, y, r, _mix(pal.accent2, pal.paper, 0.3))
    c.keep_clear.append((x, y, r * 1.3))


def _cloud(c: _Canvas, x: float, y: float, w: float, color, shade=None) -> None:
    h = w * 0.26
    if shade is not None:
        c.rect(
            x - w / 2 + h * 0.2, y - h * 0.1, x + w / 2 + h * 0.2, y + h * 0.62, shade, r=h * 0.45
        )
    c.rect(x - w / 2, y - h * 0.5, x + w / 2, y + h * 0.5, color, r=h * 0.5)
    c.circ(x - w * 0.17, y - h * 0.42, h * 0.72, color)
    c.circ(x + w * 0.1, y - h * 0.58, h * 0.95, color)


def _clouds(
    c: _Canvas,
    rng: random.Random,
    pal: _Palette,
    n: int,
    y0: float,
    y1: float,
    color: RGB | None = None,
) -> None:
    col = color or _mix(pal.paper, pal.horizon, 0.25)
    span = (c.x1 - c.x0 - 300) / max(1, n)
    for i in range(n):
        w = rng.uniform(170, 300)
        for _try in range(12):
            x = c.x0 + 150 + span * (i + rng.uniform(0.15, 0.85))
            y = rng.uniform(y0, y1)
            if all(
                abs(x - kx) > w * 0.55 + kr or abs(y - ky) > w * 0.3 + kr
                for kx, ky, kr in c.keep_clear
            ):
                break
        else:
            continue
        _cloud(c, x, y, w, col)


def _tree(
    c: _Canvas,
    x: float,
    y: float,
    h: float,
    crown: RGB,
    shade: RGB,
    trunk: RGB,
    kind: str = "round",
) -> None:
    if kind == "poplar":
        c.rect(x - h * 0.025, y - h * 0.25, x + h * 0.025, y, trunk)
        c.ell(x, y - h * 0.58, h * 0.15, h * 0.42, shade)
        c.ell(x - h * 0.025, y - h * 0.6, h * 0.12, h * 0.38, crown)
    elif kind == "conifer":
        c.rect(x - h * 0.03, y - h * 0.2, x + h * 0.03, y, trunk)
        for i in range(3):
            top = y - h + i * h * 0.22
            bot = y - h * 0.45 + i * h * 0.2
            hw = h * (0.16 + i * 0.06)
            c.poly([(x, top), (x + hw, bot), (x - hw, bot)], crown)
            c.poly([(x, top), (x + hw, bot), (x, bot)], shade)
    else:
        c.rect(x - h * 0.035, y - h * 0.45, x + h * 0.035, y, trunk)
        c.circ(x, y - h * 0.64, h * 0.33, shade)
        c.circ(x - h * 0.045, y - h * 0.68, h * 0.28, crown)


def _treeline(
    c: _Canvas,
    rng: random.Random,
    y: float,
    hmin: float,
    hmax: float,
    color: RGB,
    density: float = 1.0,
) -> None:
    x = c.x0 - 40
    while x < c.x1 + 40:
        h = rng.uniform(hmin, hmax)
        if rng.random() < 0.3:
            c.ell(x, y - h * 0.55, h * 0.16, h * 0.55, color)
        else:
            c.circ(x, y - h * 0.45, h * 0.45, color)
        x += rng.uniform(0.35, 0.8) * h / density
    c.rect(c.x0 - 40, y - 6, c.x1 + 40, y + 4, color)


def _person(
    c: _Canvas,
    x: float,
    y: float,
    h: float,
    body: RGB,
    head: RGB | None = None,
    legs: RGB | None = None,
) -> None:
    legs = legs or _mix(body, (0, 0, 0), 0.35)
    c.rect(x - h * 0.09, y - h * 0.45, x - h * 0.01, y, legs, r=h * 0.03)
    c.rect(x + h * 0.01, y - h * 0.45, x + h * 0.09, y, legs, r=h * 0.03)
    c.rect(x - h * 0.14, y - h * 0.8, x + h * 0.14, y - h * 0.38, body, r=h * 0.1)
    c.circ(x, y - h * 0.9, h * 0.1, head or body)


def _car(
    c: _Canvas, x: float, y: float, w: float, body: RGB, glass: RGB, dark: RGB, facing: int = 1
) -> None:
    h = w * 0.3
    cab0 = x + w * (0.22 if facing > 0 else 0.3)
    cab1 = x + w * (0.7 if facing > 0 else 0.78)
    c.poly(
        [
            (cab0, y - h * 0.55),
            (cab0 + w * 0.1, y - h),
            (cab1 - w * 0.08, y - h),
            (cab1 + w * 0.05, y - h * 0.55),
        ],
        body,
    )
    c.poly(
        [
            (cab0 + w * 0.05, y - h * 0.58),
            (cab0 + w * 0.12, y - h * 0.9),
            (cab1 - w * 0.09, y - h * 0.9),
            (cab1 - 0.0 * w, y - h * 0.58),
        ],
        glass,
    )
    c.rect(x, y - h * 0.6, x + w, y - h * 0.12, body, r=h * 0.18)
    for wx in (x + w * 0.22, x + w * 0.78):
        c.circ(wx, y - h * 0.12, h * 0.2, dark)
        c.circ(wx, y - h * 0.12, h * 0.08, _mix(dark, (255, 255, 255), 0.4))


def _ground_shadow(
    c: _Canvas, x: float, y: float, rx: float, ry: float, pal: _Palette, alpha: float = 0.16
) -> None:
    c.ell(x, y, rx, ry, _rgba(pal.ink, alpha))


# ---------------------------------------------------------------------------
# motifs
# ---------------------------------------------------------------------------


def _m_parliament(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    hz = 655.0
    _sky(c, pal, hz)
    _sun(
        c,
        pal,
        rng.choice((rng.uniform(180, 420), rng.uniform(1180, 1420))),
        rng.uniform(150, 230),
        48,
    )
    _clouds(c, rng, pal, rng.randint(2, 3), 90, 230)
    _treeline(c, rng, hz - 20, 60, 120, _mix(_mix(pal.far, pal.leaf, 0.35), pal.horizon, 0.2))
    c.vgrad(c.x0, hz - 22, c.x1, c.y1, [(hz, _mix(pal.ground, pal.far, 0.2)), (900.0, pal.ground)])
    cx = 800 + rng.uniform(-30, 30)
    stone = pal.paper
    stone_sh = _mix(pal.paper, pal.far, 0.5)
    stone_dk = _mix(pal.paper, pal.near, 0.55)
    glass = _mix(pal.near, pal.ink, 0.35)
    dome = _mix(pal.mid, pal.paper, 0.2)
    dome_sh = _mix(pal.mid, pal.near, 0.45)

    # roof block, drum and dome
    c.rect(cx - 215, 335, cx + 215, 420, stone_sh)
    c.rect(cx - 118, 262, cx + 118, 345, stone)
    c.rect(cx + 60, 262, cx + 118, 345, stone_sh)
    for i in range(-3, 4):
        x = cx + i * 30
        c.rect(x - 8, 282, x + 8, 330, glass, r=8)
    c.rect(cx - 128, 254, cx + 128, 268, stone_sh)
    c.pie(cx, 256, 112, 118, 180, 360, dome)
    c.pie(cx, 256, 112, 118, 270, 360, dome_sh)
    for f in (0.3, 0.62):
        c.arc(cx, 256, 112 * f, 118, 180, 360, _rgba(pal.ink, 0.22), 3)
    c.rect(cx - 16, 104, cx + 16, 142, stone)
    c.rect(cx + 4, 104, cx + 16, 142, stone_sh)
    c.pie(cx, 106, 20, 16, 180, 360, dome)
    c.line([(cx, 92), (cx, 30)], pal.ink, 3)
    wave = rng.uniform(0, 6.28)
    for j, col in enumerate((_hex("#2b2b2b"), _hex("#c8383b"), _hex("#f1c232"))):
        band = []
        for x in _frange(0, 86, 6):
            band.append((cx + 2 + x, 32 + j * 11 + 4 * math.sin(x / 18 + wave) * x / 86))
        for x in _frange(86, 0, 6):
            band.append((cx + 2 + x, 43 + j * 11 + 4 * math.sin(x / 18 + wave) * x / 86))
        c.poly(band, _mix(col, pal.paper, 0.12))

    # wings
    for side in (-1, 1):
        xa, xb = sorted((cx + side * 232, cx + side * 545))
        c.rect(xa, 455, xb, hz, stone)
        c.rect(xa - 8, 440, xb + 8, 458, stone_sh)
        c.rect(xa, 566, xb, 574, stone_sh)
        for i in range(5):
            x = xa + 34 + i * (xb - xa - 68) / 4
            c.rect(x - 16, 480, x + 16, 548, glass, r=16)
            c.rect(x - 21, 548, x + 21, 555, stone_sh)
            c.rect(x - 15, 592, x + 15, 640, glass)
            c.rect(x - 20, 584, x + 20, 592, stone_sh)
        edge = xb if side < 0 else xa
        c.rect(edge - 6, 455, edge + 6, hz, stone_sh)

    # portico
    c.rect(cx - 240, 440, cx + 240, hz, stone_dk)
    c.rect(cx - 30, 530, cx + 30, 628, _mix(glass, pal.ink, 0.3), r=30)
    for i in range(6):
        x = cx - 200 + i * 80
        c.rect(x - 17, 452, x + 17, 624, stone)
        c.rect(x + 6, 452, x + 17, 624, stone_sh)
        c.rect(x - 25, 444, x + 25, 458, stone)
        c.rect(x - 23, 618, x + 23, 632, stone)
    c.rect(cx - 258, 408, cx + 258, 446, stone)
    c.rect(cx - 258, 438, cx + 258, 446, stone_sh)
    c.poly([(cx - 272, 412), (cx + 272, 412), (cx, 322)], stone)
    c.poly([(cx - 222, 402), (cx + 222, 402), (cx, 350)], stone_sh)
    for i in range(4):
        hw = 262 + i * 22
        c.rect(cx - hw, 630 + i * 8, cx + hw, 638 + i * 8, stone if i % 2 == 0 else stone_sh)

    # foreground: lawn, trees, people
    c.poly(
        [(cx - 300, 662), (cx + 300, 662), (cx + 520, 900), (cx - 520, 900)],
        _mix(pal.ground, pal.paper, 0.35),
    )
    trunk = _mix(pal.near, pal.ink, 0.4)
    for side in (-1, 1):
        for j, dx in enumerate((640, 760)):
            x = cx + side * (dx + rng.uniform(-20, 20))
            h = rng.uniform(190, 240) + j * 30
            _ground_shadow(c, x + 30, hz + 30 + j * 40, h * 0.35, 14, pal)
            _tree(c, x, hz + 30 + j * 40, h, pal.leaf, pal.leaf_dk, trunk)
    for _ in range(rng.randint(3, 5)):
        x = cx + rng.uniform(-380, 380)
        y = rng.uniform(700, 800)
        h = 40 + (y - 700) * 0.3
        _person(
            c,
            x,
            y,
            h,
            rng.choice((pal.near, pal.accent, pal.ink, pal.mid)),
            _mix(pal.ink, pal.ground, 0.3),
        )


def _m_ballot(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    floor_y = 700.0
    wall = pal.wall
    c.vgrad(c.x0, c.y0, c.x1, floor_y, [(0.0, _mix(wall, pal.far, 0.15)), (floor_y, wall)])
    cx = 800 + rng.uniform(-40, 40)
    c.circ(cx + rng.uniform(-120, 120), 400, 330, _mix(wall, pal.far, 0.45))
    c.rect(c.x0, 560, c.x1, floor_y, _mix(wall, pal.far, 0.22))
    c.rect(c.x0, 552, c.x1, 562, _mix(wall, pal.paper, 0.5))
    c.vgrad(
        c.x0,
        floor_y,
        c.x1,
        c.y1,
        [(floor_y, _mix(pal.ground, pal.mid, 0.25)), (900.0, _mix(pal.ground, pal.near, 0.35))],
    )
    # table
    wood = _mix(_hex("#a8774f"), pal.near, 0.2)
    wood_dk = _mix(wood, pal.ink, 0.35)
    c.rect(cx - 450, 662, cx - 420, 860, wood_dk)
    c.rect(cx + 420, 662, cx + 450, 860, wood_dk)
    c.rect(cx - 480, 638, cx + 480, 664, wood, r=4)
    c.rect(cx - 480, 656, cx + 480, 664, wood_dk)
    _ground_shadow(c, cx, 870, 460, 18, pal, 0.12)
    # box
    x0, x1, y0, y1 = cx - 210, cx + 190, 400.0, 638.0
    dx, dy = 70.0, -55.0
    box = _mix(pal.paper, pal.far, 0.2)
    c.ell(cx + 40, 640, 260, 14, _rgba(pal.ink, 0.2))
    c.poly([(x0, y0), (x1, y0), (x1 + dx, y0 + dy), (x0 + dx, y0 + dy)], _mix(pal.paper, box, 0.3))
    c.poly([(x1, y0), (x1 + dx, y0 + dy), (x1 + dx, y1 + dy), (x1, y1)], _mix(box, pal.near, 0.35))
    c.rect(x0, y0, x1, y1, box)
    band = pal.accent
    c.rect(x0, 445, x1, 490, band)
    c.poly(
        [(x1, 445), (x1 + dx, 445 + dy), (x1 + dx, 490 + dy), (x1, 490)], _mix(band, pal.ink, 0.3)
    )
    ex, ey = (x0 + x1) / 2, 565
    c.circ(ex, ey, 42, None, pal.accent, 7)
    c.line([(ex - 20, ey - 20), (ex + 20, ey + 20)], pal.accent, 8, curve=False)
    c.line([(ex + 20, ey - 20), (ex - 20, ey + 20)], pal.accent, 8, curve=False)
    # slot
    sx, sy = (x0 + x1) / 2 + dx / 2, y0 + dy / 2
    c.poly(
        [
            (sx - 95 - 7, sy + 6),
            (sx + 95 - 7, sy + 6),
            (sx + 95 + 7, sy - 6),
            (sx - 95 + 7, sy - 6),
        ],
        pal.ink,
    )
    # ballot paper sliding in
    T = _rot(sx, sy, rng.uniform(-9, -3))
    paper = pal.paper
    _trect(c, T, -85, -250, 85, 0, _mix(paper, pal.far, 0.18))
    _trect(c, T, -85, -250, 85, -6, paper)
    line_col = _mix(paper, pal.ink, 0.28)
    for i in range(3):
        y = -215 + i * 62
        c.circ(*T(-48, y + 8), 17, None, line_col, 4)
        _trect(c, T, -18, y, 60, y + 7, line_col)
        _trect(c, T, -18, y + 16, 38, y + 21, _mix(paper, pal.ink, 0.15))
    mark = rng.randint(0, 2)
    mx, my = T(-48, -215 + mark * 62 + 8)
    c.line([(mx - 14, my - 14), (mx + 14, my + 14)], pal.accent, 6, curve=False)
    c.line([(mx + 14, my - 14), (mx - 14, my + 14)], pal.accent, 6, curve=False)
    c.poly(
        [
            (sx - 95 - 7, sy + 6),
            (sx + 95 - 7, sy + 6),
            (sx + 95 - 3, sy + 2),
            (sx - 95 - 3, sy + 2),
        ],
        _mix(pal.ink, box, 0.2),
    )
    # envelope and pencil on the table
    ex = cx - 370 if rng.random() < 0.5 else cx + 300
    T2 = _rot(ex, 628, rng.uniform(-4, 4))
    _trect(c, T2, -80, -10, 80, 6, _mix(pal.accent2, pal.paper, 0.35))
    _trect(c, T2, -80, -10, 80, -4, _mix(pal.accent2, pal.paper, 0.6))
    px = cx + 300 if ex < cx else cx - 380
    T3 = _rot(px, 632, rng.uniform(-6, 6))
    _trect(c, T3, -70, -5, 60, 5, pal.ink)
    _tpoly(c, T3, [(60, -5), (82, 0), (60, 5)], _mix(wood, pal.paper, 0.5))


def _apartment(
    c: _Canvas,
    rng: random.Random,
    pal: _Palette,
    xa: float,
    xb: float,
    base: float,
    h: float,
    facade: RGB,
) -> None:
    top = base - h
    w = xb - xa
    trim = _mix(facade, pal.ink, 0.18)
    glass = _mix(pal.sky, pal.ink, 0.38)
    glint = _mix(pal.sky, pal.paper, 0.35)
    roof = _mix(pal.accent, pal.ink, 0.45) if rng.random() < 0.5 else _mix(pal.mid, pal.ink, 0.5)
    kind = rng.choice(("flat", "gable", "mansard"))
    if kind == "gable":
        c.poly(
            [(xa - 6, top + 2), (xb + 6, top + 2), (xb - 30, top - 62), (xa + 30, top - 62)], roof
        )
        for i in range(max(1, int(w // 110))):
            dxp = xa + (i + 0.5) * w / max(1, int(w // 110))
            c.rect(dxp - 16, top - 44, dxp + 16, top - 6, facade)
            c.rect(dxp - 9, top - 36, dxp + 9, top - 10, glass)
            c.poly([(dxp - 20, top - 42), (dxp + 20, top - 42), (dxp, top - 60)], roof)
    elif kind == "mansard":
        c.poly(
            [(xa - 4, top + 2), (xb + 4, top + 2), (xb - 16, top - 50), (xa + 16, top - 50)], roof
        )
        c.rect(xa + 16, top - 60, xb - 16, top - 48, _mix(roof, pal.ink, 0.3))
    c.rect(xa, top, xb, base, facade)
    c.rect(xa - 5, top - 4, xb + 5, top + 12, trim)
    c.rect(xa, base - 118, xb, base - 108, trim)
    cols = max(2, int((w - 30) // 62))
    rows = max(1, int((h - 140) // 90))
    ww = 30.0
    sp = (w - 30) / cols
    balcony = rng.random() < 0.35
    for r in range(rows):
        y = top + 40 + r * 90
        for i in range(cols):
            x = xa + 15 + sp * (i + 0.5)
            c.rect(x - ww / 2, y, x + ww / 2, y + 52, glass)
            c.poly(
                [(x - ww / 2, y + 30), (x - ww / 2, y + 16), (x - 2, y), (x + 12, y)],
                _rgba(glint, 0.45),
            )
            c.rect(x - ww / 2 - 4, y + 52, x + ww / 2 + 4, y + 58, _mix(facade, pal.paper, 0.5))
        if balcony and r > 0 and cols >= 3:
            bx0 = xa + 15 + sp * 0.1
            bx1 = xb - 15 - sp * 0.1
            c.rect(bx0, y + 34, bx1, y + 62, _mix(facade, pal.ink, 0.25))
            for xx in _frange(bx0 + 4, bx1 - 4, 12):
                c.line([(xx, y + 38), (xx, y + 58)], _rgba(pal.paper, 0.4), 2)
    door_x = xa + w * rng.choice((0.25, 0.5, 0.75))
    c.rect(door_x - 24, base - 92, door_x + 24, base, _mix(pal.near, pal.ink, 0.4), r=22)
    c.rect(door_x - 30, base - 6, door_x + 30, base, trim)
    for sx in (xa + 16, xb - 16 - 70):
        if abs(sx + 35 - door_x) > 70:
            c.rect(sx, base - 86, sx + 70, base - 16, glass, r=4)
            c.rect(sx, base - 86, sx + 70, base - 74, _mix(pal.accent, facade, 0.3))
    c.rect(xa, top, xa + 5, base, _rgba(pal.ink, 0.12))


def _m_houses(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    street = 730.0
    _sky(c, pal, street)
    _clouds(c, rng, pal, rng.randint(2, 3), 70, 180)
    far = _mix(pal.far, pal.horizon, 0.35)
    x = c.x0 - 30
    while x < c.x1:
        w = rng.uniform(60, 150)
        c.rect(x, street - rng.uniform(300, 520), x + w, street, far)
        x += w
    facades = [
        pal.paper,
        _mix(pal.accent, pal.paper, 0.55),
        _mix(pal.accent2, pal.paper, 0.5),
        _mix(pal.mid, pal.paper, 0.5),
        _mix(pal.far, pal.paper, 0.35),
        pal.wall,
    ]
    rng.shuffle(facades)
    x = c.x0 - rng.uniform(20, 140)
    i = 0
    while x < c.x1:
        w = rng.uniform(220, 300)
        h = rng.uniform(340, 560) if i % 2 == 0 else rng.uniform(300, 460)
        _apartment(c, rng, pal, x, x + w, street, h, facades[i % len(facades)])
        x += w
        i += 1
    c.rect(c.x0, street, c.x1, street + 26, _mix(pal.ground, pal.paper, 0.35))
    c.rect(c.x0, street + 26, c.x1, street + 34, _mix(pal.ground, pal.ink, 0.2))
    c.vgrad(
        c.x0,
        street + 34,
        c.x1,
        c.y1,
        [(street, _mix(pal.ground, pal.ink, 0.35)), (900.0, _mix(pal.ground, pal.ink, 0.45))],
    )
    for xx in _frange(c.x0, c.x1, 160):
        c.rect(xx, 845, xx + 80, 853, _rgba(pal.paper, 0.6))
    trunk = _mix(pal.near, pal.ink, 0.4)
    x = c.x0 + rng.uniform(60, 240)
    while x < c.x1:
        _tree(c, x, street + 22, rng.uniform(200, 250), pal.leaf, pal.leaf_dk, trunk)
        x += rng.uniform(380, 560)
    cars = [pal.accent, pal.near, pal.accent2, pal.paper]
    for k in range(rng.randint(1, 2)):
        cx = rng.uniform(c.x0 + 100, c.x1 - 400) + k * 420
        _car(
            c,
            cx,
            830 + k * 0,
            210,
            cars[(k + rng.randint(0, 3)) % 4],
            _mix(pal.sky, pal.ink, 0.3),
            pal.ink,
            1,
        )


def _truss(
    c: _Canvas, a0: Point, a1: Point, b0: Point, b1: Point, n: int, color, width: float
) -> None:
    c.line([a0, a1], color, width * 1.6, curve=False)
    c.line([b0, b1], color, width * 1.6, curve=False)
    for i in range(n):
        t0, t1 = i / n, (i + 1) / n
        p = (a0[0] + (a1[0] - a0[0]) * t0, a0[1] + (a1[1] - a0[1]) * t0)
        q = (b0[0] + (b1[0] - b0[0]) * t1, b0[1] + (b1[1] - b0[1]) * t1)
        r = (a0[0] + (a1[0] - a0[0]) * t1, a0[1] + (a1[1] - a0[1]) * t1)
        c.line([p, q], color, width, curve=False)
        c.line([q, r], color, width, curve=False)


def _m_crane(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    hz = 700.0
    _sky(c, pal, hz)
    _sun(c, pal, rng.uniform(1150, 1450), rng.uniform(120, 200), 42)
    _clouds(c, rng, pal, 2, 90, 200)
    far = _mix(pal.far, pal.horizon, 0.3)
    x = c.x0
    while x < c.x1:
        w = rng.uniform(70, 170)
        c.rect(x, hz - rng.uniform(120, 300), x + w, hz, far)
        x += w
    c.vgrad(c.x0, hz, c.x1, c.y1, [(hz, _mix(pal.ground, pal.far, 0.2)), (900.0, pal.ground)])
    crane = _mix(pal.accent2, pal.accent, 0.15)
    crane_dk = _mix(crane, pal.ink, 0.35)
    concrete = _mix(pal.paper, pal.far, 0.45)
    concrete_dk = _mix(concrete, pal.ink, 0.3)
    glass = _mix(pal.sky, pal.ink, 0.35)
    flip = rng.random() < 0.5
    mast_x = 560.0 if not flip else 1040.0
    # finished building
    bx0, bx1 = (1120.0, 1480.0) if not flip else (120.0, 480.0)
    c.rect(bx0, 300, bx1, hz, _mix(pal.paper, pal.mid, 0.25))
    c.rect(bx0 - 6, 292, bx1 + 6, 306, _mix(pal.mid, pal.ink, 0.3))
    for r in range(7):
        y = 330 + r * 52
        c.rect(bx0 + 20, y, bx1 - 20, y + 28, glass)
        for xx in _frange(bx0 + 20, bx1 - 20, 48):
            c.rect(xx - 2, y, xx + 2, y + 28, _mix(pal.paper, pal.mid, 0.25))
    # building under construction: two finished floors, concrete shell above
    ux0, ux1 = (mast_x + 80, mast_x + 520) if not flip else (mast_x - 520, mast_x - 80)
    floors = 7
    fh = 62.0
    interior = _mix(concrete, pal.ink, 0.5)
    for f in range(floors):
        bot = hz - f * fh
        top_f = bot - fh
        if f < 2:
            c.rect(ux0, top_f, ux1, bot, _mix(concrete, pal.paper, 0.35))
            for xx in _frange(ux0 + 40, ux1 - 40, 72):
                c.rect(xx - 18, top_f + 18, xx + 18, bot - 12, glass)
        elif f < floors - 1:
            c.rect(ux0, top_f, ux1, bot, interior)
            for xx in _frange(ux0 + 8, ux1 - 8, 72):
                c.rect(xx - 7, top_f, xx + 7, bot, concrete)
        else:
            for xx in _frange(ux0 + 8, (ux0 + ux1) / 2, 72):
                c.rect(xx - 7, top_f + 14, xx + 7, bot, concrete)
                c.line([(xx - 3, top_f + 14), (xx - 3, top_f)], concrete_dk, 2)
                c.line([(xx + 3, top_f + 14), (xx + 3, top_f)], concrete_dk, 2)
        c.rect(ux0 - 12, bot - 12, ux1 + 12, bot, concrete_dk if f else concrete)
    # scaffolding on the shell floors
    scaf = _mix(pal.accent, pal.ink, 0.2)
    sx0 = ux1 - 150 if not flip else ux0
    sx1 = sx0 + 150
    for f in range(2, floors):
        y = hz - f * fh
        c.line([(sx0, y + 4), (sx1, y + 4)], scaf, 3)
    for xx in _frange(sx0, sx1, 50):
        c.line([(xx, hz - 2 * fh), (xx, hz - (floors - 0.3) * fh)], scaf, 3)
    c.poly(
        [
            (sx0, hz - 2 * fh),
            (sx1, hz - 2 * fh),
            (sx1, hz - (floors - 0.3) * fh),
            (sx0, hz - (floors - 0.3) * fh),
        ],
        _rgba(_mix(pal.mid, pal.accent2, 0.3), 0.35),
    )
    # crane mast
    top = 170.0
    c.rect(mast_x - 26, hz - 16, mast_x + 26, hz, crane_dk)
    _truss(
        c,
        (mast_x - 20, hz - 10),
        (mast_x - 20, top),
        (mast_x + 20, hz - 10),
        (mast_x + 20, top),
        22,
        crane,
        3,
    )
    # jib and counter-jib
    d = -1 if flip else 1
    tip = mast_x + d * 860
    back = mast_x - d * 250
    _truss(c, (mast_x, top - 4), (tip, top - 4), (mast_x, top + 24), (tip, top + 14), 30, crane, 3)
    c.rect(min(back, mast_x), top - 6, max(back, mast_x), top + 16, crane)
    c.rect(back - 8 * d, top + 12, back + 70 * d, top + 72, concrete_dk)
    c.rect(back - 8 * d, top + 12, back + 70 * d, top + 24, concrete)
    apex = (mast_x, top - 90)
    c.poly([(mast_x - 20, top), (mast_x + 20, top), apex], crane_dk)
    c.line([apex, (tip - d * 10, top - 4)], crane_dk, 3, curve=False)
    c.line([apex, (back, top - 6)], crane_dk, 3, curve=False)
    # cab
    c.rect(mast_x + d * 22, top + 18, mast_x + d * 78, top + 64, crane)
    c.rect(mast_x + d * 44, top + 24, mast_x + d * 72, top + 50, glass)
    # trolley, hook and load
    tx = mast_x + d * rng.uniform(480, 720)
    hook_y = rng.uniform(360, 460)
    c.rect(tx - 22, top + 14, tx + 22, top + 30, crane_dk)
    c.line([(tx - 5, top + 30), (tx - 5, hook_y)], pal.ink, 2)
    c.line([(tx + 5, top + 30), (tx + 5, hook_y)], pal.ink, 2)
    c.rect(tx - 16, hook_y - 4, tx + 16, hook_y + 18, crane_dk, r=4)
    c.arc(tx, hook_y + 30, 12, 12, 270, 180, pal.ink, 4)
    ly = hook_y + 120
    c.line([(tx, hook_y + 40), (tx - 110, ly)], _rgba(pal.ink, 0.7), 2)
    c.line([(tx, hook_y + 40), (tx + 110, ly)], _rgba(pal.ink, 0.7), 2)
    beam = _mix(pal.accent, pal.ink, 0.15)
    c.rect(tx - 140, ly, tx + 140, ly + 26, beam)
    c.rect(tx - 140, ly, tx + 140, ly + 6, _mix(beam, pal.paper, 0.3))
    # site hoarding in front
    board = _mix(pal.paper, pal.ground, 0.35)
    c.rect(c.x0, hz + 40, c.x1, hz + 110, board)
    for xx in _frange(c.x0, c.x1, 140):
        c.rect(xx - 2, hz + 40, xx + 2, hz + 110, _mix(board, pal.ink, 0.15))
    c.rect(c.x0, hz + 92, c.x1, hz + 104, _mix(pal.accent, board, 0.25))
    c.rect(c.x0, hz + 110, c.x1, hz + 118, _mix(pal.ground, pal.ink, 0.2))
    _person(
        c,
        (ux0 + ux1) / 2 + rng.uniform(-80, 80),
        hz - 2 * fh - 12,
        44,
        pal.accent,
        _mix(pal.accent2, pal.paper, 0.2),
    )


def _turbine(
    c: _Canvas, x: float, y: float, h: float, color: RGB, shade: RGB, angle: float
) -> None:
    c.poly(
        [(x - h * 0.028, y), (x + h * 0.028, y), (x + h * 0.012, y - h), (x - h * 0.012, y - h)],
        color,
    )
    c.poly(
        [(x + h * 0.004, y), (x + h * 0.028, y), (x + h * 0.012, y - h), (x + h * 0.004, y - h)],
        shade,
    )
    hub = (x, y - h)
    c.rect(x - h * 0.035, y - h - h * 0.032, x + h * 0.085, y - h + h * 0.03, color, r=h * 0.025)
    L = h * 0.62
    for k in range(3):
        a = math.radians(angle + k * 120)
        ux, uy = math.cos(a), math.sin(a)
        nx, ny = -uy, ux
        pts_l = []
        pts_r = []
        for t, wl, wr in (
            (0.0, 0.02, 0.02),
            (0.14, 0.075, 0.03),
            (0.4, 0.05, 0.022),
            (1.0, 0.008, 0.004),
        ):
            px = hub[0] + ux * L * t
            py = hub[1] + uy * L * t
            pts_l.append((px + nx * L * wl, py + ny * L * wl))
            pts_r.append((px - nx * L * wr, py - ny * L * wr))
        mid = [(hub[0] + ux * L * t, hub[1] + uy * L * t) for t in (0.0, 0.14, 0.4, 1.0)]
        c.poly(pts_l + mid[::-1], color)
        c.poly(mid + pts_r[::-1], shade)
    c.circ(hub[0], hub[1], h * 0.03, _mix(color, shade, 0.3))


def _m_wind(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    hz = 600.0
    _sky(c, pal, hz)
    _sun(c, pal, rng.uniform(200, 1400), rng.uniform(130, 240), 40, 0.35)
    _clouds(c, rng, pal, rng.randint(2, 3), 80, 260)
    layers = [
        (_ridge(rng, 600, 110), _mix(pal.far, pal.horizon, 0.25), 0.3),
        (_ridge(rng, 705, 130), _mix(pal.leaf, pal.far, 0.5), 0.55),
        (_ridge(rng, 830, 120, (700, 1800)), _mix(pal.leaf, pal.leaf_dk, 0.25), 1.0),
    ]
    # turbine positions: spread out so that rotors do not overlap
    placed: list[tuple[float, float]] = []
    plan: list[list[float]] = [[], [], []]
    for li, count in ((2, 1), (1, 2), (0, 3)):
        radius = 420 * layers[li][2] * 0.62
        for _ in range(count):
            for _try in range(40):
                x = rng.uniform(c.x0 + 120, c.x1 - 120)
                if all(abs(x - px) > (radius + pr) * 0.9 for px, pr in placed):
                    placed.append((x, radius))
                    plan[li].append(x)
                    break
    white = _mix(pal.paper, pal.horizon, 0.1)
    white_sh = _mix(pal.paper, pal.near, 0.25)
    for li, (f, col, sc) in enumerate(layers):
        _hill(c, f, col)
        if li == 2:
            for k in range(4):
                band = [(x, f(x) + 40 + k * 34) for x in _frange(c.x0 - 20, c.x1 + 20, 20)]
                band += [(x, y + 16) for x, y in reversed(band)]
                c.poly(band, _mix(col, pal.leaf_dk if k % 2 else pal.paper, 0.14))
        if li == 1:
            for _ in range(rng.randint(2, 4)):
                x = rng.uniform(c.x0 + 60, c.x1 - 60)
                for k in range(rng.randint(2, 4)):
                    xx = x + k * 26
                    h = rng.uniform(40, 60)
                    _tree(
                        c,
                        xx,
                        f(xx) + 24,
                        h,
                        _mix(col, pal.leaf_dk, 0.45),
                        _mix(col, pal.leaf_dk, 0.7),
                        _mix(col, pal.leaf_dk, 0.7),
                    )
        fade = (1 - sc) * 0.45
        tc = _mix(white, pal.horizon, fade)
        ts = _mix(white_sh, pal.horizon, fade)
        for x in plan[li]:
            _turbine(c, x, f(x) + 8 * sc, 420 * sc, tc, ts, rng.uniform(0, 120))


def _pylon_geom(x: float, y: float, h: float) -> list[Point]:
    """Attachment points of the conductors (upper arms, lower arms, earth wire)."""
    return [
        (x - h * 0.22, y - h * 0.74),
        (x + h * 0.22, y - h * 0.74),
        (x - h * 0.31, y - h * 0.56),
        (x + h * 0.31, y - h * 0.56),
        (x, y - h),
    ]


def _pylon(c: _Canvas, x: float, y: float, h: float, color) -> None:
    w = max(0.6, h * 0.006)

    def half(t: float) -> float:
        if t <= 0.55:
            return h * (0.15 - (0.15 - 0.045) * t / 0.55)
        return h * (0.045 - 0.02 * (t - 0.55) / 0.42)

    levels = [0.0, 0.13, 0.25, 0.35, 0.44, 0.5, 0.55, 0.62, 0.68, 0.74, 0.8, 0.86, 0.92, 0.97]
    pts_l = [(x - half(t), y - h * t) for t in levels]
    pts_r = [(x + half(t), y - h * t) for t in levels]
    c.line([*pts_l, (x, y - h)], color, w * 2.2, curve=False)
    c.line([*pts_r, (x, y - h)], color, w * 2.2, curve=False)
    rungs = list(zip(pts_l, pts_r, strict=True))
    for (la, ra), (lb, rb) in itertools.pairwise(rungs):
        c.line([la, rb], color, w, curve=False)
        c.line([ra, lb], color, w, curve=False)
        c.line([lb, rb], color, w, curve=False)
    for ty, span in ((0.74, 0.22), (0.56, 0.31)):
        for s in (-1, 1):
            root_t, root_b = half(ty + 0.04), half(ty - 0.02)
            tip = (x + s * h * span, y - h * ty)
            c.line([(x + s * root_t, y - h * (ty + 0.04)), tip], color, w * 1.8, curve=False)
            c.line([(x + s * root_b, y - h * (ty - 0.02)), tip], color, w * 1.8, curve=False)
            c.line(
                [
                    (x + s * root_t, y - h * (ty + 0.04)),
                    (x + s * (root_t + h * span) / 2, y - h * (ty - 0.005)),
                ],
                color,
                w,
                curve=False,
            )
            c.line([tip, (tip[0], tip[1] + h * 0.05)], color, w * 2.6, curve=False)
    c.line([(x - h * 0.03, y - h * 0.97), (x + h * 0.03, y - h * 0.97)], color, w * 1.5)


def _m_power(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    hz = 610.0
    _sky(c, pal, hz)
    _sun(c, pal, rng.uniform(1000, 1450), rng.uniform(150, 260), 46, 0.5)
    _clouds(c, rng, pal, rng.randint(1, 3), 70, 200)
    _hill(c, _ridge(rng, hz, 60), _mix(pal.far, pal.horizon, 0.35))
    _treeline(c, rng, hz + 10, 20, 40, _mix(pal.far, pal.leaf, 0.45))
    c.vgrad(
        c.x0,
        hz + 10,
        c.x1,
        c.y1,
        [(hz, _mix(pal.leaf, pal.far, 0.4)), (900.0, _mix(pal.leaf, pal.leaf_dk, 0.3))],
    )
    vx = 1180 + rng.uniform(-80, 80)
    # field stripes in perspective
    for k in range(-14, 16):
        if k % 2 == 0:
            continue
        xa = vx + k * 240
        xb = vx + (k + 1) * 240
        c.poly(
            [(vx + k * 8, hz + 10), (vx + (k + 1) * 8, hz + 10), (xb, 920), (xa, 920)],
            _rgba(pal.paper, 0.07),
        )
    ink = _mix(pal.ink, pal.near, 0.2)
    near_x, base_near, h_near = 260.0 + rng.uniform(-40, 40), 880.0, 640.0
    towers = []
    for i in range(-1, 9):
        s = 1.0 / (1.0 + 1.05 * i) if i >= 0 else 2.4
        x = vx + (near_x - vx) * s
        yb = hz + 8 + (base_near - hz - 8) * s
        towers.append((x, yb, h_near * s, s))
    wire_col = _rgba(ink, 0.75)
    for (xa, ya, ha, _sa), (xb, yb, hb, sb) in itertools.pairwise(towers):
        for pa, pb in zip(_pylon_geom(xa, ya, ha), _pylon_geom(xb, yb, hb), strict=True):
            pa = (pa[0], pa[1] + ha * 0.05 if pa[0] != xa else pa[1])
            pb = (pb[0], pb[1] + hb * 0.05 if pb[0] != xb else pb[1])
            sag = 0.09 * abs(pa[0] - pb[0]) + 2
            pts = []
            for t in _frange(0, 1, 0.05):
                pts.append(
                    (
                        pa[0] + (pb[0] - pa[0]) * t,
                        pa[1] + (pb[1] - pa[1]) * t + 4 * sag * t * (1 - t),
                    )
                )
            c.line(pts, wire_col, max(1.0, 2.4 * math.sqrt(sb)))
    for x, y, h, s in towers[1:]:
        col = _mix(ink, pal.horizon, min(0.6, (1 - s) * 0.5))
        _pylon(c, x, y, h, col)
    # hedge and a few trees in the field
    for _ in range(rng.randint(2, 4)):
        x = rng.uniform(c.x0 + 50, c.x1 - 50)
        y = rng.uniform(hz + 20, hz + 60)
        _tree(c, x, y, rng.uniform(40, 70), pal.leaf, pal.leaf_dk, pal.leaf_dk)


def _m_chart(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    c.vgrad(
        c.x0,
        c.y0,
        c.x1,
        c.y1,
        [(0.0, _mix(pal.wall, pal.far, 0.35)), (900.0, _mix(pal.wall, pal.far, 0.1))],
    )
    c.circ(rng.uniform(150, 350), rng.uniform(650, 800), 260, _mix(pal.wall, pal.mid, 0.35))
    c.circ(rng.uniform(1300, 1450), rng.uniform(120, 220), 180, _mix(pal.wall, pal.accent2, 0.4))
    # back card: donut chart
    bx0, by0, bx1, by1 = 1000.0, 90.0, 1420.0, 500.0
    c.rect(bx0 + 14, by0 + 18, bx1 + 14, by1 + 18, _rgba(pal.ink, 0.12), r=26)
    c.rect(bx0, by0, bx1, by1, _mix(pal.paper, pal.wall, 0.2), r=26)
    dcx, dcy, rr = bx1 - 135, by0 + 200, 100
    parts = [rng.uniform(0.5, 1.5) for _ in range(4)]
    total = sum(parts)
    cols = [pal.accent, pal.mid, pal.accent2, pal.far]
    a = -90.0
    for p, col in zip(parts, cols, strict=True):
        b = a + 360 * p / total
        c.pie(dcx, dcy, rr, rr, a, b, col)
        a = b
    c.circ(dcx, dcy, rr * 0.55, _mix(pal.paper, pal.wall, 0.2))
    for i, col in enumerate(cols):
        x = bx1 - 250 + (i % 2) * 120
        y = by1 - 80 + (i // 2) * 34
        c.circ(x, y, 9, col)
        c.rect(
            x + 18, y - 5, x + 18 + rng.uniform(40, 70), y + 5, _mix(pal.paper, pal.ink, 0.2), r=5
        )
    c.rect(bx1 - 250, by0 + 40, bx1 - 130, by0 + 52, _mix(pal.paper, pal.ink, 0.55), r=6)
    # main card: bar and line chart
    x0, y0, x1, y1 = 190.0, 190.0, 1110.0, 790.0
    c.rect(x0 + 18, y0 + 24, x1 + 18, y1 + 24, _rgba(pal.ink, 0.14), r=30)
    c.rect(x0, y0, x1, y1, pal.paper, r=30)
    c.rect(x0 + 50, y0 + 44, x0 + 330, y0 + 60, _mix(pal.paper, pal.ink, 0.65), r=8)
    c.rect(x0 + 50, y0 + 76, x0 + 230, y0 + 86, _mix(pal.paper, pal.ink, 0.25), r=5)
    gx0, gx1, gy0, gy1 = x0 + 70, x1 - 50, y0 + 130, y1 - 70
    grid = _mix(pal.paper, pal.far, 0.45)
    for i in range(5):
        y = gy0 + i * (gy1 - gy0) / 4
        c.line([(gx0, y), (gx1, y)], grid, 2)
    n = rng.randint(7, 9)
    vals = []
    v = rng.uniform(0.25, 0.4)
    for _ in range(n):
        v = max(0.12, min(0.95, v + rng.uniform(-0.12, 0.2)))
        vals.append(v)
    vals[-1] = max(vals[-1], max(vals) + 0.0)
    slot = (gx1 - gx0) / n
    bw = slot * 0.56
    bar = _mix(pal.mid, pal.far, 0.25)
    pts = []
    for i, v in enumerate(vals):
        bx = gx0 + slot * (i + 0.5)
        top = gy1 - v * (gy1 - gy0)
        col = pal.accent if i == n - 1 else bar
        c.rect(bx - bw / 2, top, bx + bw / 2, gy1, col, r=8)
        c.rect(bx - bw / 2, gy1 - 8, bx + bw / 2, gy1, col)
        c.rect(bx - 16, gy1 + 20, bx + 16, gy1 + 28, _mix(pal.paper, pal.ink, 0.25), r=4)
        pts.append((bx, top - 40 - rng.uniform(0, 40)))
    c.line([(gx0 - 10, gy1), (gx1, gy1)], _mix(pal.paper, pal.ink, 0.55), 3)
    c.line(pts, pal.ink, 5)
    for p in pts:
        c.circ(p[0], p[1], 11, pal.paper, pal.ink, 5)
    c.circ(pts[-1][0], pts[-1][1], 16, pal.accent2, pal.ink, 5)


def _coin_stack(
    c: _Canvas,
    rng: random.Random,
    x: float,
    y: float,
    n: int,
    rx: float,
    metal: RGB,
    pal: _Palette,
    bimetal: bool,
) -> None:
    ry = rx * 0.3
    t = rx * 0.13
    dark = _mix(metal, pal.ink, 0.42)
    stops = [
        (0.0, _mix(metal, pal.ink, 0.2)),
        (0.18, _mix(metal, pal.paper, 0.25)),
        (0.45, metal),
        (0.8, _mix(metal, pal.ink, 0.3)),
        (1.0, dark),
    ]
    edge = _rgba(pal.ink, 0.35)
    _ground_shadow(c, x + rx * 0.35, y + ry * 0.3, rx * 1.25, ry * 1.1, pal, 0.18)
    k = c.k
    # pixel geometry of one coin's side band (same for every coin in the stack)
    w = max(2, math.ceil(2 * rx * k) + 2)
    h = max(2, math.ceil((t + 2 * ry) * k) + 2)
    row = Image.new("RGB", (w, 1))
    row.putdata([_interp(stops, i / (w - 1)) for i in range(w)])
    grad = row.resize((w, h), Image.Resampling.NEAREST)
    yy = y
    jx = x
    for _i in range(n):
        jx = x + rng.uniform(-2.5, 2.5) * rx / 100
        px0 = math.floor(c.ox + (jx - rx) * k)
        py0 = math.floor(c.oy + (yy - t - ry) * k)
        mask = Image.new("L", (w, h), 0)
        md = ImageDraw.Draw(mask)
        lx0 = c.ox + (jx - rx) * k - px0
        lx1 = c.ox + (jx + rx) * k - px0
        ly_top = c.oy + (yy - t) * k - py0
        ly_bot = c.oy + yy * k - py0
        md.rectangle((lx0, ly_top, lx1, ly_bot), fill=255)
        md.ellipse((lx0, ly_bot - ry * k, lx1, ly_bot + ry * k), fill=255)
        c.img.paste(grad, (px0, py0), mask)
        c.arc(jx, yy, rx, ry, 0, 180, edge, 1.5)
        for j in range(1, 12):
            dx = -math.cos(j * math.pi / 12) * rx
            s = math.sqrt(max(0.0, 1 - (dx / rx) ** 2)) * ry
            c.line([(jx + dx, yy - t + s + 1), (jx + dx, yy + s - 1)], _rgba(pal.ink, 0.1), 1.2)
        yy -= t
    top = _mix(metal, pal.paper, 0.22)
    c.ell(jx, yy, rx, ry, top)
    if bimetal:
        c.ell(jx, yy, rx * 0.66, ry * 0.66, _mix(pal.paper, pal.far, 0.5))
        c.ell(jx, yy, rx * 0.6, ry * 0.6, _mix(pal.paper, pal.far, 0.3))
    else:
        c.ell(jx, yy, rx * 0.8, ry * 0.8, None, _mix(metal, pal.ink, 0.15), 3)
    c.ell(jx, yy, rx, ry, None, _mix(metal, pal.ink, 0.25), 2)
    c.ell(jx - rx * 0.3, yy - ry * 0.25, rx * 0.28, ry * 0.2, _rgba(pal.paper, 0.3))


def _m_coins(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    table_y = 560.0
    c.vgrad(
        c.x0,
        c.y0,
        c.x1,
        table_y,
        [(0.0, _mix(pal.wall, pal.far, 0.4)), (table_y, _mix(pal.wall, pal.far, 0.1))],
    )
    c.glow(800, 300, 700, pal.paper, 0.5)
    c.circ(rng.uniform(650, 950), 330, 300, _mix(pal.wall, pal.accent2, 0.28))
    c.vgrad(
        c.x0,
        table_y,
        c.x1,
        c.y1,
        [(table_y, _mix(pal.mid, pal.far, 0.35)), (900.0, _mix(pal.mid, pal.near, 0.3))],
    )
    gold = _mix(_hex("#d8a23c"), pal.accent2, 0.3)
    copper = _mix(_hex("#c27a45"), pal.accent, 0.2)
    silver = _mix(pal.paper, pal.far, 0.45)
    back = [
        (rng.uniform(420, 520), 600, rng.randint(8, 11)),
        (rng.uniform(1080, 1180), 610, rng.randint(14, 18)),
    ]
    for x, y, n in back:
        _coin_stack(c, rng, x, y, n, 95, _mix(gold, pal.far, 0.25), pal, False)
    front_x = [300.0, 640.0, 960.0, 1300.0]
    heights = sorted(rng.randint(5, 25) for _ in front_x)
    if rng.random() < 0.3:
        heights.reverse()
    for i, (x, n) in enumerate(zip(front_x, heights, strict=True)):
        metal = gold if i % 2 == 0 else (copper if rng.random() < 0.5 else silver)
        _coin_stack(
            c,
            rng,
            x + rng.uniform(-30, 30),
            760 + rng.uniform(-15, 15),
            n,
            118,
            metal,
            pal,
            i == len(front_x) - 1,
        )
    # a single coin lying flat
    x = rng.uniform(460, 820)
    _coin_stack(c, rng, x, 850, 1, 90, copper, pal, False)


def _m_train(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    hz = 600.0
    _sky(c, pal, hz)
    _sun(c, pal, rng.uniform(900, 1450), rng.uniform(120, 220), 40, 0.4)
    _clouds(c, rng, pal, 2, 70, 200)
    _hill(c, _ridge(rng, 620, 90), _mix(pal.far, pal.horizon, 0.3))
    _hill(c, _ridge(rng, 660, 60), _mix(pal.leaf, pal.far, 0.45))
    _treeline(c, rng, 668, 30, 70, _mix(pal.leaf, pal.leaf_dk, 0.4))
    c.rect(c.x0, 668, c.x1, 705, _mix(pal.leaf, pal.far, 0.3))
    c.rect(c.x0, 700, c.x1, 745, _mix(pal.ground, pal.ink, 0.25))
    c.rect(c.x0, 700, c.x1, 706, _mix(pal.ground, pal.ink, 0.4))
    c.vgrad(
        c.x0,
        745,
        c.x1,
        c.y1,
        [(745.0, _mix(pal.leaf, pal.leaf_dk, 0.3)), (900.0, _mix(pal.leaf_dk, pal.ink, 0.2))],
    )
    for xx in _frange(c.x0, c.x1, 26):
        c.rect(xx - 8, 716, xx + 8, 726, _mix(pal.ground, pal.ink, 0.5))
    c.rect(c.x0, 710, c.x1, 717, _mix(pal.far, pal.ink, 0.5))
    # catenary
    mast = _mix(pal.ink, pal.far, 0.35)
    off = rng.uniform(0, 380)
    for xx in _frange(c.x0 + off - 380, c.x1 + 380, 380):
        c.rect(xx - 5, 300, xx + 5, 705, mast)
        c.rect(xx - 5, 310, xx + 40, 318, mast)
    c.line([(c.x0, 322), (c.x1, 322)], _rgba(pal.ink, 0.6), 2)
    c.line([(c.x0, 352), (c.x1, 352)], _rgba(pal.ink, 0.7), 2)
    for xx in _frange(c.x0, c.x1, 60):
        c.line([(xx, 322), (xx, 352)], _rgba(pal.ink, 0.35), 1)
    # train
    body = _mix(pal.paper, pal.far, 0.12)
    body_sh = _mix(body, pal.far, 0.5)
    livery = pal.accent
    glass = _mix(pal.near, pal.ink, 0.5)
    glint = _rgba(pal.paper, 0.22)
    xf = rng.uniform(150, 320)
    top, bot = 440.0, 690.0
    xe = c.x1 + 60
    # roof and pantograph
    c.rect(xf + 110, 424, xe, 446, body_sh, r=10)
    px = xf + rng.uniform(420, 520)
    c.rect(px - 60, 418, px + 40, 428, _mix(pal.ink, pal.far, 0.4), r=3)
    c.line([(px - 40, 420), (px + 34, 386)], pal.ink, 5, curve=False)
    c.line([(px + 34, 386), (px - 6, 356)], pal.ink, 4, curve=False)
    c.line([(px - 34, 350), (px + 22, 350)], pal.ink, 5)
    c.line([(px - 34, 350), (px - 42, 358)], pal.ink, 3)
    c.line([(px + 22, 350), (px + 30, 358)], pal.ink, 3)
    for bx in (xf + 700, xf + 1150):
        c.rect(bx, 418, bx + 120, 430, body_sh, r=4)
    nose = _bez((xf + 150, top), (xf + 40, top + 5), (xf + 5, top + 110), n=14) + _bez(
        (xf + 5, top + 110), (xf - 8, top + 160), (xf + 4, bot), n=10
    )
    shape = [*nose, (xe, bot), (xe, top)]
    c.poly(shape, body)
    # livery: lower band following the nose
    band_top = 600.0
    lower = [(x, y) for x, y in shape if y >= band_top and x < xe - 1]
    c.poly([(xf + 2, band_top), *lower, (xe, bot), (xe, band_top)], livery)
    c.rect(xf + 30, band_top - 14, xe, band_top - 6, _mix(pal.accent2, livery, 0.2))
    # windscreen
    ws = _bez((xf + 138, top + 12), (xf + 55, top + 18), (xf + 24, top + 110), n=12)
    c.poly([*ws, (xf + 130, top + 118), (xf + 150, top + 12)], glass)
    c.poly(
        [(xf + 95, top + 18), (xf + 120, top + 18), (xf + 60, top + 110), (xf + 42, top + 110)],
        glint,
    )
    c.circ(xf + 30, 650, 11, pal.paper)
    c.circ(xf + 30, 650, 30, _rgba(pal.paper, 0.25))
    # side: cars with two door pairs each, window band, bogies
    car = 780.0
    under = _mix(pal.ink, pal.far, 0.2)
    c.rect(xf + 20, bot - 4, xe, bot + 8, under)
    c.ell(xf + 700, 728, 900, 14, _rgba(pal.ink, 0.2))
    door_col = _mix(livery, pal.ink, 0.12)
    k = 0
    while xf + k * car < xe:
        cs = xf + k * car
        ce = cs + car
        if k > 0:
            c.rect(cs - 6, top + 8, cs + 6, bot, _mix(pal.ink, body, 0.35))
        doors = (cs + car * 0.24, cs + car * 0.76)
        x = cs + (200 if k == 0 else 40)
        while x + 82 < ce - 24:
            if any(d - 22 < x + 82 and x < d + 106 for d in doors):
                x += 10
                continue
            c.rect(x, 482, x + 82, 560, glass, r=10)
            c.poly([(x + 14, 482), (x + 36, 482), (x + 12, 560), (x, 560), (x, 500)], glint)
            x += 96
        for dx in doors:
            c.rect(dx, 476, dx + 84, bot - 6, door_col, r=6)
            c.rect(dx + 8, 490, dx + 38, 590, glass, r=5)
            c.rect(dx + 46, 490, dx + 76, 590, glass, r=5)
            c.rect(dx + 41, 476, dx + 43, bot - 6, _mix(livery, pal.ink, 0.45))
        for bx in (cs + 130, ce - 110):
            c.rect(bx - 80, bot + 2, bx + 80, bot + 22, under, r=6)
            for wx in (bx - 48, bx + 48):
                c.circ(wx, 700, 17, _mix(pal.ink, pal.far, 0.4))
                c.circ(wx, 700, 6, _mix(pal.paper, pal.far, 0.4))
        k += 1
    # foreground grass
    for xx in _frange(c.x0, c.x1, 14):
        hgt = rng.uniform(12, 34)
        c.line([(xx, 900), (xx + rng.uniform(-8, 8), 900 - hgt - 40)], _rgba(pal.leaf_dk, 0.55), 4)


def _m_tracks(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    hz = 520.0
    vx = 800 + rng.uniform(-90, 90)
    _sky(c, pal, hz, bottom=_mix(pal.horizon, pal.accent2, 0.3))
    _sun(c, pal, vx + rng.uniform(-260, 260), hz - rng.uniform(70, 160), 62, 0.55)
    _clouds(c, rng, pal, 2, 60, 180)
    _hill(c, _ridge(rng, hz + 2, 40), _mix(pal.far, pal.horizon, 0.35))
    c.vgrad(
        c.x0,
        hz,
        c.x1,
        c.y1,
        [(hz, _mix(pal.leaf, pal.far, 0.55)), (900.0, _mix(pal.leaf, pal.leaf_dk, 0.3))],
    )
    # field furrows converging to the vanishing point
    for k in range(-30, 31):
        if k % 2:
            c.poly(
                [
                    (vx + k * 14, hz),
                    (vx + (k + 1) * 14, hz),
                    (vx + (k + 1) * 300, 1000),
                    (vx + k * 300, 1000),
                ],
                _rgba(pal.leaf_dk, 0.08),
            )
    Y0 = 960.0 - hz

    def at(s: float, dx: float) -> Point:
        return (vx + dx * s, hz + Y0 * s)

    bed = _mix(pal.ground, pal.ink, 0.18)
    c.poly([at(0, 0), at(1.2, -560), at(1.2, 560)], bed)
    c.poly([at(0, 0), at(1.2, -470), at(1.2, 470)], _mix(bed, pal.paper, 0.15))
    sleeper = _mix(pal.near, pal.ink, 0.45)
    d = 1.0
    ties = []
    while d < 80:
        ties.append(1.0 / d)
        d *= 1.085
    for s in reversed(ties):
        a, b = at(s, -330), at(s, 330)
        th = 26 * s
        c.poly([a, b, (b[0], b[1] - th), (a[0], a[1] - th)], sleeper)
    rail = _mix(pal.ink, pal.far, 0.2)
    shine = _mix(pal.accent2, pal.paper, 0.5)
    for side in (-1, 1):
        g = 250 * side
        c.poly([at(0, 0), at(1.2, g - 20), at(1.2, g + 20)], rail)
        c.poly([at(0, 0), at(1.2, g - 20), at(1.2, g - 6)], shine)
    # trees along the line
    spots = sorted(
        (rng.uniform(0.05, 0.35), rng.choice((-1, 1)) * rng.uniform(1050, 1900))
        for _ in range(rng.randint(3, 6))
    )
    for s, dx in spots:
        x, y = at(s, dx)
        _tree(
            c,
            x,
            y,
            900 * s,
            pal.leaf,
            pal.leaf_dk,
            pal.leaf_dk,
            rng.choice(("round", "poplar")),
        )
    # catenary masts on one side, a signal on the other
    side = rng.choice((-1, 1))
    mast = _mix(pal.ink, pal.far, 0.25)
    wire_pts = []
    for i in range(0, len(ties), 7):
        s = ties[i]
        if s > 1.05:
            continue
        bx, by = at(s, side * 620)
        h = 700 * s
        c.rect(bx - 7 * s, by - h, bx + 7 * s, by, _mix(mast, pal.horizon, (1 - s) * 0.6))
        arm_end = at(s, -side * 40)
        c.line(
            [(bx, by - h * 0.93), (arm_end[0], by - h * 0.93)],
            _mix(mast, pal.horizon, (1 - s) * 0.6),
            max(1.5, 6 * s),
            curve=False,
        )
        wire_pts.append((arm_end[0], by - h * 0.93))
    wire_pts.append((vx, hz - 2))
    c.line(wire_pts, _rgba(pal.ink, 0.6), 2, curve=False)
    sx, sy = at(0.45, -side * 560)
    c.rect(sx - 5, sy - 260, sx + 5, sy, mast)
    c.rect(sx - 24, sy - 330, sx + 24, sy - 250, pal.ink, r=12)
    c.circ(sx, sy - 306, 11, _mix(pal.accent, pal.paper, 0.1))
    c.circ(sx, sy - 274, 11, _mix(pal.ink, pal.paper, 0.2))
    c.circ(sx, sy - 306, 30, _rgba(pal.accent, 0.25))


def _building(
    c: _Canvas, rng: random.Random, x: float, w: float, base: float, h: float, color, kind: str
) -> None:
    top = base - h
    c.rect(x, top, x + w, base, color)
    if kind == "spire":
        c.poly([(x, top + 1), (x + w, top + 1), (x + w / 2, top - w * 2.2)], color)
    elif kind == "stepped":
        c.rect(x + w * 0.15, top - h * 0.12, x + w * 0.85, top + 1, color)
        c.rect(x + w * 0.32, top - h * 0.2, x + w * 0.68, top + 1, color)
    elif kind == "antenna":
        c.rect(x + w * 0.45, top - h * 0.25, x + w * 0.55, top + 1, color)
    elif kind == "gable":
        c.poly([(x - 4, top + 1), (x + w + 4, top + 1), (x + w / 2, top - w * 0.45)], color)
    elif kind == "dome":
        c.pie(x + w / 2, top + 1, w * 0.42, w * 0.4, 180, 360, color)
        c.rect(x + w * 0.47, top - w * 0.6, x + w * 0.53, top - w * 0.3, color)


def _tv_tower(c: _Canvas, x: float, base: float, h: float, color) -> None:
    c.poly(
        [(x - 16, base), (x + 16, base), (x + 7, base - h * 0.75), (x - 7, base - h * 0.75)], color
    )
    c.circ(x, base - h * 0.7, h * 0.075, color)
    c.rect(x - 10, base - h * 0.79, x + 10, base - h * 0.7, color)
    c.rect(x - 4, base - h, x + 4, base - h * 0.77, color)


def _m_city(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    water = 700.0
    warm = _mix(pal.horizon, pal.accent2, 0.45)
    _sky(c, pal, water, bottom=warm)
    sx = rng.uniform(300, 1300)
    _sun(c, pal, sx, rng.uniform(330, 450), 85, 0.6)
    _clouds(c, rng, pal, 2, 90, 220)
    layers = [
        (_mix(pal.far, warm, 0.4), 140, 300, 0.0),
        (_mix(pal.mid, pal.far, 0.5), 120, 340, 0.0),
        (_mix(pal.near, pal.mid, 0.15), 70, 250, 0.5),
    ]
    tower_layer = 1
    tower_x = rng.uniform(c.x0 + 250, c.x1 - 250)
    for li, (col, hmin, hmax, lit) in enumerate(layers):
        x = c.x0 - rng.uniform(0, 80)
        while x < c.x1:
            w = rng.uniform(70, 150) if li < 2 else rng.uniform(90, 170)
            h = rng.uniform(hmin, hmax)
            kind = rng.choice(("flat", "flat", "stepped", "antenna", "gable", "spire", "dome"))
            if li == 2 and kind in ("spire", "dome", "antenna", "stepped"):
                kind = "gable" if rng.random() < 0.5 else "flat"
            if kind == "spire":
                w = min(w, 70)
            _building(c, rng, x, w, water + 2, h, col, kind)
            if lit:
                win = _rgba(_mix(pal.accent2, pal.paper, 0.3), 0.75)
                for yy in _frange(water - h + 26, water - 30, 34):
                    for xx in _frange(x + 16, x + w - 26, 30):
                        if rng.random() < 0.3:
                            c.rect(xx, yy, xx + 12, yy + 16, win)
            x += w + (rng.uniform(0, 30) if li < 2 else 0)
        if li == tower_layer:
            _tv_tower(c, tower_x, water, 560, col)
    # river with reflections
    c.vgrad(
        c.x0,
        water,
        c.x1,
        c.y1,
        [(water, _mix(pal.near, pal.mid, 0.3)), (900.0, _mix(pal.near, pal.ink, 0.4))],
    )
    c.rect(c.x0, water, c.x1, water + 5, _mix(pal.near, pal.ink, 0.35))
    sun_ref = _rgba(_mix(pal.accent2, pal.paper, 0.4), 0.6)
    for i in range(14):
        y = water + 18 + i * 13
        w = (90 - i * 4) * rng.uniform(0.6, 1.2)
        c.rect(sx - w, y, sx + w, y + 4, sun_ref, r=2)
    for _ in range(40):
        x = rng.uniform(c.x0, c.x1)
        y = rng.uniform(water + 20, 900)
        w = rng.uniform(20, 90)
        c.rect(x, y, x + w, y + 3, _rgba(pal.paper, 0.12), r=1)
    # embankment in the foreground
    c.rect(c.x0, 860, c.x1, c.y1, _mix(pal.near, pal.ink, 0.55))
    for xx in _frange(c.x0, c.x1, 70):
        c.rect(xx - 2, 820, xx + 2, 860, _mix(pal.near, pal.ink, 0.55))
    c.rect(c.x0, 818, c.x1, 824, _mix(pal.near, pal.ink, 0.55))


def _pseudo_text(
    c: _Canvas,
    T: Callable[[float, float], Point],
    x0: float,
    x1: float,
    y: float,
    h: float,
    rng: random.Random,
    color,
    ragged: bool = True,
) -> None:
    x = x0
    end = x1 - (rng.uniform(0, (x1 - x0) * 0.4) if ragged else 0)
    while x < end - 10:
        w = min(rng.uniform(h * 1.2, h * 4.5), end - x)
        _trect(c, T, x, y, x + w, y + h, color)
        x += w + h * 0.7


def _m_newspaper(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    table = _mix(pal.wall, pal.accent2, 0.18)
    c.vgrad(
        c.x0,
        c.y0,
        c.x1,
        c.y1,
        [(0.0, _mix(table, pal.ink, 0.06)), (900.0, _mix(table, pal.ink, 0.14))],
    )
    for yy in _frange(c.y0, c.y1, 90):
        c.line([(c.x0, yy), (c.x1, yy)], _rgba(pal.ink, 0.05), 3)
    cx, cy = 760 + rng.uniform(-40, 40), 460 + rng.uniform(-20, 20)
    ang = rng.uniform(-10, -4)
    paper = _mix(pal.paper, pal.wall, 0.25)
    paper_sh = _mix(paper, pal.ink, 0.1)
    ink = _mix(pal.ink, paper, 0.15)
    grey = _mix(pal.ink, paper, 0.6)
    # second paper below
    T2 = _rot(cx + 160, cy + 60, ang + 14)
    _trect(c, T2, -360 + 14, -250 + 18, 360 + 14, 250 + 18, _rgba(pal.ink, 0.12))
    _trect(c, T2, -360, -250, 360, 250, paper_sh)
    for i in range(12):
        _pseudo_text(c, T2, 40, 330, -200 + i * 26, 8, rng, _mix(grey, paper_sh, 0.35))
    T = _rot(cx, cy, ang)
    _trect(c, T, -380 + 18, -270 + 22, 380 + 18, 270 + 22, _rgba(pal.ink, 0.16))
    _trect(c, T, -380, -262, 380, 276, paper_sh)
    _trect(c, T, -380, -270, 380, 266, paper)
    # masthead
    _trect(c, T, -345, -238, 345, -234, ink)
    words = [rng.randint(4, 6), rng.randint(5, 8)]
    widths = [[rng.uniform(16, 30) for _ in range(n)] for n in words]
    total = sum(sum(ws) + 4 * (len(ws) - 1) for ws in widths) + 28
    x = -total / 2
    for ws in widths:
        for j, w in enumerate(ws):
            top = -226 if (j == 0 or rng.random() < 0.2) else -214
            _trect(c, T, x, top, x + w, -182, ink)
            x += w + 4
        x += 24
    _trect(c, T, -345, -166, 345, -163, ink)
    _trect(c, T, -345, -158, 345, -157, ink)
    # headline
    _pseudo_text(c, T, -345, 345, -140, 24, rng, ink, ragged=False)
    _pseudo_text(c, T, -345, 345, -106, 24, rng, ink)
    # photo
    px0, py0, px1, py1 = -345.0, -64.0, 40.0, 170.0
    _trect(c, T, px0, py0, px1, py1, _mix(pal.sky, paper, 0.2))
    _tpoly(
        c,
        T,
        [
            (px0, 110),
            (px0 + 80, 60),
            (px0 + 180, 100),
            (px0 + 280, 40),
            (px1, 90),
            (px1, py1),
            (px0, py1),
        ],
        _mix(pal.mid, paper, 0.15),
    )
    _tpoly(
        c,
        T,
        [(px0, 140), (px0 + 120, 110), (px0 + 260, 135), (px1, 120), (px1, py1), (px0, py1)],
        _mix(pal.near, paper, 0.1),
    )
    c.circ(*T(px0 + 300, py0 + 55), 26, _mix(pal.accent2, paper, 0.2))
    _pseudo_text(c, T, px0, px1, 180, 8, rng, grey)
    # columns of text
    for col_x0, col_x1, y_start in (
        (70, 200, -64),
        (215, 345, -64),
        (-345, -160, 206),
        (-145, 40, 206),
    ):
        y = y_start
        while y < 250:
            _pseudo_text(c, T, col_x0, col_x1, y, 7, rng, grey, ragged=rng.random() < 0.2)
            y += 16
    _trect(c, T, 60, 120, 345, 124, grey)
    _pseudo_text(c, T, 70, 345, 140, 16, rng, ink)
    _pseudo_text(c, T, 70, 300, 166, 16, rng, ink)
    # fold shading along the bottom
    _trect(c, T, -380, 250, 380, 266, _rgba(pal.ink, 0.06))
    # coffee cup
    cup_x = cx + rng.choice((560, -560)) + rng.uniform(-30, 30)
    cup_y = cy + rng.uniform(-240, -160)
    c.circ(cup_x + 14, cup_y + 18, 110, _rgba(pal.ink, 0.14))
    c.circ(cup_x, cup_y, 108, _mix(pal.paper, pal.far, 0.15))
    c.circ(cup_x, cup_y, 86, _mix(pal.paper, pal.far, 0.3))
    hx = cup_x + 72
    c.rect(hx, cup_y - 16, hx + 46, cup_y + 16, pal.accent, r=14)
    c.circ(cup_x, cup_y, 72, pal.accent)
    c.circ(cup_x, cup_y, 58, _hex("#5a3a26"))
    c.ell(cup_x - 18, cup_y - 20, 22, 12, _rgba(pal.paper, 0.25))
    # pencil
    T3 = _rot(cx + rng.uniform(-200, 200), cy + 330, rng.uniform(-15, 15))
    _trect(c, T3, -150, -9, 120, 9, pal.accent2)
    _trect(c, T3, -150, 0, 120, 9, _mix(pal.accent2, pal.ink, 0.2))
    _tpoly(c, T3, [(120, -9), (160, 0), (120, 9)], _mix(pal.wall, pal.accent2, 0.3))
    _tpoly(c, T3, [(148, -3), (160, 0), (148, 3)], pal.ink)
    _trect(c, T3, -170, -9, -150, 9, pal.accent)


def _m_hospital(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    hz = 700.0
    _sky(c, pal, hz)
    _clouds(c, rng, pal, rng.randint(2, 3), 70, 200)
    _treeline(c, rng, hz - 10, 60, 110, _mix(_mix(pal.far, pal.leaf, 0.35), pal.horizon, 0.2))
    c.vgrad(c.x0, hz - 10, c.x1, c.y1, [(hz, _mix(pal.ground, pal.far, 0.3)), (900.0, pal.ground)])
    cx = 800 + rng.uniform(-60, 60)
    white = pal.paper
    white_sh = _mix(pal.paper, pal.far, 0.45)
    glass = _mix(pal.sky, pal.ink, 0.35)
    red = _mix(_hex("#d8453c"), pal.accent, 0.15)
    # low wing set back
    c.rect(cx + 420, 470, cx + 660, hz, white_sh)
    for y in (500, 560, 620):
        c.rect(cx + 440, y, cx + 640, y + 34, _mix(glass, white_sh, 0.3))
    # main block
    c.rect(cx - 470, 380, cx + 440, hz, white)
    c.rect(cx - 480, 368, cx + 450, 386, white_sh)
    for r in range(4):
        y = 410 + r * 62
        c.rect(cx - 440, y, cx + 410, y + 36, glass)
        for xx in _frange(cx - 440, cx + 410, 50):
            c.rect(xx - 3, y, xx + 3, y + 36, white)
        c.poly(
            [(cx - 300, y), (cx - 260, y), (cx - 290, y + 36), (cx - 330, y + 36)],
            _rgba(pal.paper, 0.25),
        )
    # central tower with cross
    c.rect(cx - 120, 220, cx + 120, hz, _mix(white, pal.wall, 0.4))
    c.rect(cx + 80, 220, cx + 120, hz, _mix(white_sh, pal.wall, 0.3))
    c.rect(cx - 130, 210, cx + 130, 226, white_sh)
    for r in range(5):
        y = 400 + r * 52
        for i in range(3):
            x = cx - 70 + i * 60
            if r < 4:
                c.rect(x - 18, y, x + 18, y + 32, glass)
    c.rect(cx - 62, 245, cx + 62, 369, pal.paper, r=12)
    c.rect(cx - 16, 256, cx + 16, 358, red)
    c.rect(cx - 51, 291, cx + 51, 323, red)
    # entrance
    c.rect(cx - 110, 600, cx + 110, 620, pal.accent if pal.accent != red else pal.near)
    c.rect(cx - 70, 620, cx + 70, hz, _mix(glass, pal.ink, 0.2))
    c.rect(cx - 2, 620, cx + 2, hz, white)
    # trees
    trunk = _mix(pal.near, pal.ink, 0.4)
    for side in (-1, 1):
        x = cx + side * rng.uniform(560, 680)
        _ground_shadow(c, x + 30, hz + 22, 80, 10, pal)
        _tree(c, x, hz + 20, rng.uniform(200, 260), pal.leaf, pal.leaf_dk, trunk)
    # driveway
    road = _mix(pal.ground, pal.ink, 0.22)
    c.rect(c.x0, 736, c.x1, 744, _mix(pal.ground, pal.paper, 0.4))
    c.rect(c.x0, 744, c.x1, 820, road)
    c.rect(c.x0, 820, c.x1, 828, _mix(pal.ground, pal.paper, 0.4))
    for xx in _frange(c.x0, c.x1, 150):
        c.rect(xx, 780, xx + 70, 785, _rgba(pal.paper, 0.55))
    c.poly(
        [(cx - 70, hz), (cx + 70, hz), (cx + 110, 736), (cx - 110, 736)],
        _mix(pal.ground, pal.paper, 0.4),
    )
    # ambulance
    ax = cx + rng.choice((220, -500)) + rng.uniform(-20, 20)
    ay = 805.0
    _ground_shadow(c, ax + 130, ay + 6, 170, 14, pal, 0.2)
    c.rect(ax + 70, ay - 150, ax + 290, ay - 20, pal.paper, r=12)
    c.poly(
        [
            (ax, ay - 30),
            (ax, ay - 80),
            (ax + 30, ay - 120),
            (ax + 80, ay - 120),
            (ax + 80, ay - 30),
        ],
        pal.paper,
    )
    c.poly(
        [(ax + 10, ay - 80), (ax + 36, ay - 112), (ax + 68, ay - 112), (ax + 68, ay - 80)], glass
    )
    c.rect(ax, ay - 64, ax + 290, ay - 48, red)
    c.rect(ax + 170, ay - 132, ax + 186, ay - 76, red)
    c.rect(ax + 150, ay - 112, ax + 206, ay - 96, red)
    c.rect(ax, ay - 36, ax + 290, ay - 18, white_sh, r=6)
    c.rect(ax + 90, ay - 162, ax + 126, ay - 148, _hex("#3f7fd6"), r=4)
    c.glow(ax + 108, ay - 156, 60, _hex("#7fb0ff"), 0.5)
    for wx in (ax + 60, ax + 230):
        c.circ(wx, ay - 18, 26, pal.ink)
        c.circ(wx, ay - 18, 10, white_sh)


def _m_school(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    hz = 705.0
    _sky(c, pal, hz)
    _sun(c, pal, rng.choice((rng.uniform(150, 300), rng.uniform(1300, 1450))), 140, 40, 0.4)
    _clouds(c, rng, pal, 2, 70, 200)
    _treeline(c, rng, hz - 10, 50, 100, _mix(_mix(pal.far, pal.leaf, 0.35), pal.horizon, 0.2))
    c.vgrad(c.x0, hz - 10, c.x1, c.y1, [(hz, _mix(pal.ground, pal.far, 0.2)), (900.0, pal.ground)])
    cx = 800 + rng.uniform(-40, 40)
    facade = _mix(pal.accent, pal.paper, 0.5)
    facade_lt = _mix(pal.accent, pal.paper, 0.62)
    trim = pal.paper
    roof = _mix(pal.near, pal.ink, 0.35)
    glass = _mix(pal.sky, pal.ink, 0.38)
    # roof and main block
    c.poly([(cx - 520, 422), (cx + 520, 422), (cx + 450, 340), (cx - 450, 340)], roof)
    c.rect(cx - 500, 420, cx + 500, hz, facade)
    c.rect(cx - 506, 414, cx + 506, 428, trim)
    c.rect(cx - 500, 580, cx + 500, 588, _mix(facade, trim, 0.5))
    # turret
    c.rect(cx - 32, 120, cx + 32, 200, _mix(facade_lt, trim, 0.3))
    c.poly([(cx - 44, 122), (cx + 44, 122), (cx, 50)], roof)
    c.line([(cx, 50), (cx, 24)], pal.ink, 3)
    c.rect(cx - 14, 140, cx + 14, 185, _mix(glass, pal.ink, 0.3), r=14)
    # central projection with gable and clock
    c.rect(cx - 150, 300, cx + 150, hz, facade_lt)
    c.poly([(cx - 172, 304), (cx + 172, 304), (cx, 172)], roof)
    c.poly([(cx - 150, 304), (cx + 150, 304), (cx, 190)], facade_lt)
    c.rect(cx - 160, 298, cx + 160, 310, trim)
    ccx, ccy, cr = cx, 258, 44
    c.circ(ccx, ccy, cr + 8, pal.ink)
    c.circ(ccx, ccy, cr, pal.paper)
    for i in range(12):
        a = math.radians(i * 30)
        r0 = cr * (0.78 if i % 3 else 0.68)
        c.line(
            [
                (ccx + math.cos(a) * r0, ccy + math.sin(a) * r0),
                (ccx + math.cos(a) * cr * 0.9, ccy + math.sin(a) * cr * 0.9),
            ],
            pal.ink,
            3 if i % 3 else 5,
            curve=False,
        )
    hour = rng.uniform(0, 12)
    minute = rng.uniform(0, 60)
    ha = math.radians(hour * 30 - 90)
    ma = math.radians(minute * 6 - 90)
    c.line(
        [(ccx, ccy), (ccx + math.cos(ha) * cr * 0.5, ccy + math.sin(ha) * cr * 0.5)], pal.ink, 6
    )
    c.line(
        [(ccx, ccy), (ccx + math.cos(ma) * cr * 0.75, ccy + math.sin(ma) * cr * 0.75)], pal.ink, 4
    )
    c.circ(ccx, ccy, 5, pal.accent)

    # windows
    def window(x: float, y: float) -> None:
        c.rect(x - 22, y, x + 22, y + 78, trim)
        c.rect(x - 17, y + 5, x + 17, y + 73, glass)
        c.rect(x - 17, y + 30, x + 17, y + 34, trim)
        c.rect(x - 2, y + 5, x + 2, y + 73, trim)
        c.rect(x - 26, y + 78, x + 26, y + 84, _mix(facade, trim, 0.5))

    for y in (450.0, 610.0):
        for i in range(4):
            for side in (-1, 1):
                window(cx + side * (220 + i * 80), y)
    for x in (cx - 80, cx, cx + 80):
        window(x, 450.0)
    # door and steps
    c.rect(cx - 60, 560, cx + 60, hz - 18, trim, r=60)
    c.rect(cx - 48, 572, cx + 48, hz - 18, _mix(pal.near, pal.ink, 0.3), r=48)
    c.rect(cx - 1.5, 600, cx + 1.5, hz - 18, _mix(pal.near, pal.paper, 0.3))
    for i in range(3):
        c.rect(
            cx - 80 - i * 16,
            hz - 18 + i * 6,
            cx + 80 + i * 16,
            hz - 12 + i * 6,
            _mix(pal.paper, pal.far, 0.25 + 0.15 * (i % 2)),
        )
    # schoolyard: trees, bike rack, children
    trunk = _mix(pal.near, pal.ink, 0.4)
    tx = cx + rng.choice((-1, 1)) * rng.uniform(560, 640)
    _ground_shadow(c, tx + 30, hz + 62, 110, 14, pal)
    _tree(c, tx, hz + 60, 330, pal.leaf, pal.leaf_dk, trunk)
    for _ in range(rng.randint(3, 5)):
        x = cx + rng.uniform(-420, 420)
        y = rng.uniform(760, 840)
        _person(
            c,
            x,
            y,
            34 + (y - 760) * 0.25,
            rng.choice((pal.accent2, pal.near, pal.accent, pal.mid)),
            _mix(pal.ink, pal.ground, 0.3),
        )


def _book(
    c: _Canvas,
    T: Callable[[float, float], Point],
    w: float,
    h: float,
    color: RGB,
    pal: _Palette,
    style: int,
) -> None:
    """Upright book spine, local origin at bottom-left."""
    _trect(c, T, 0, -h, w, 0, color)
    _trect(c, T, w * 0.78, -h, w, 0, _mix(color, pal.ink, 0.18))
    band = _mix(color, pal.paper, 0.45)
    dark = _mix(color, pal.ink, 0.35)
    if style == 0:
        _trect(c, T, 0, -h + 22, w, -h + 28, band)
        _trect(c, T, 0, -30, w, -24, band)
    elif style == 1:
        _trect(c, T, w * 0.18, -h * 0.72, w * 0.82, -h * 0.5, band)
    elif style == 2:
        _trect(c, T, 0, -h * 0.3, w, -h * 0.18, dark)
        _trect(c, T, 0, -h + 16, w, -h + 20, band)
    else:
        _trect(c, T, w * 0.3, -h * 0.8, w * 0.7, -h * 0.25, band)


def _m_books(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    shelf_y = 700.0
    c.vgrad(
        c.x0,
        c.y0,
        c.x1,
        c.y1,
        [(0.0, _mix(pal.wall, pal.far, 0.3)), (900.0, _mix(pal.wall, pal.far, 0.05))],
    )
    c.circ(rng.uniform(500, 1100), 380, 360, _mix(pal.wall, pal.far, 0.45))
    wood = _mix(_hex("#a8774f"), pal.near, 0.2)
    colors = [
        pal.near,
        pal.accent,
        pal.mid,
        pal.accent2,
        _mix(pal.ink, pal.near, 0.3),
        _mix(pal.far, pal.mid, 0.3),
        _mix(pal.accent, pal.accent2, 0.5),
        pal.paper,
    ]
    rng.shuffle(colors)
    x = 180.0 + rng.uniform(-30, 30)
    end = 900.0 + rng.uniform(-40, 30)
    i = 0
    while x < end:
        w = rng.uniform(44, 88)
        h = rng.uniform(250, 390)
        col = colors[i % len(colors)]
        c.rect(x + 12, shelf_y - h + 10, x + w + 18, shelf_y, _rgba(pal.ink, 0.1))
        _book(c, _rot(x, shelf_y, 0), w, h, col, pal, rng.randint(0, 3))
        x += w + 3
        i += 1
    # leaning book
    w = rng.uniform(50, 70)
    h = rng.uniform(300, 360)
    ang = rng.uniform(14, 22)
    a = math.radians(ang)
    pivot = x + h * math.sin(a) + 2
    _book(c, _rot(pivot, shelf_y, -ang), w, h, colors[i % len(colors)], pal, rng.randint(0, 3))
    i += 1
    # lying stack with a plant on top
    sx0 = pivot + w * math.cos(a) + 50
    y = shelf_y
    for k in range(rng.randint(3, 4)):
        w = rng.uniform(250, 320)
        hh = rng.uniform(40, 58)
        ox = sx0 + rng.uniform(-14, 14)
        col = colors[(i + k) % len(colors)]
        c.rect(ox, y - hh, ox + w, y, col, r=4)
        c.rect(ox + w - 24, y - hh + 6, ox + w, y - 6, _mix(pal.paper, pal.wall, 0.3))
        for yy in _frange(y - hh + 10, y - 10, 7):
            c.line([(ox + w - 22, yy), (ox + w - 2, yy)], _rgba(pal.ink, 0.12), 1)
        c.rect(ox + 20, y - hh * 0.62, ox + w * 0.5, y - hh * 0.48, _mix(col, pal.paper, 0.45))
        y -= hh
    pot_x = sx0 + 140
    green = _mix(_hex("#5f9a63"), pal.mid, 0.3)
    for k in range(7):
        a0 = math.radians(-90 + (k - 3) * 24)
        L = rng.uniform(90, 150)
        tipx, tipy = pot_x + math.cos(a0) * L, y - 60 + math.sin(a0) * L
        mx, my = (pot_x + tipx) / 2, (y - 60 + tipy) / 2
        nx, ny = -math.sin(a0) * 16, math.cos(a0) * 16
        c.poly(
            [(pot_x, y - 60), (mx + nx, my + ny), (tipx, tipy), (mx - nx, my - ny)],
            green if k % 2 else _mix(green, pal.ink, 0.25),
        )
    c.poly(
        [(pot_x - 55, y - 80), (pot_x + 55, y - 80), (pot_x + 42, y), (pot_x - 42, y)], pal.accent
    )
    c.rect(pot_x - 60, y - 90, pot_x + 60, y - 74, _mix(pal.accent, pal.ink, 0.2))
    # shelf
    c.rect(c.x0, shelf_y, c.x1, shelf_y + 34, wood)
    c.rect(c.x0, shelf_y + 26, c.x1, shelf_y + 34, _mix(wood, pal.ink, 0.3))
    c.vgrad(
        c.x0,
        shelf_y + 34,
        c.x1,
        shelf_y + 80,
        [(shelf_y + 34, _mix(pal.wall, pal.ink, 0.2)), (shelf_y + 80, pal.wall)],
    )


def _m_sun(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    hz = 600.0
    _sky(c, pal, hz)
    sx = rng.uniform(560, 1040)
    sy = rng.uniform(230, 300)
    c.glow(sx, sy, 700, pal.accent2, 0.55, 1.6)
    for r, a in ((250, 0.12), (200, 0.16), (160, 0.22)):
        c.circ(sx, sy, r, _rgba(pal.accent2, a))
    rays = 18
    off = rng.uniform(0, 20)
    for k in range(rays):
        a = math.radians(off + k * 360 / rays)
        da = math.radians(3.2)
        r0, r1 = 170, 330 if k % 2 == 0 else 260
        c.poly(
            [
                (sx + math.cos(a - da) * r0, sy + math.sin(a - da) * r0),
                (sx + math.cos(a) * r1, sy + math.sin(a) * r1),
                (sx + math.cos(a + da) * r0, sy + math.sin(a + da) * r0),
            ],
            _rgba(pal.accent2, 0.35),
        )
    c.circ(sx, sy, 120, _mix(pal.accent2, pal.paper, 0.4))
    _hill(c, _ridge(rng, hz, 50), _mix(pal.far, pal.horizon, 0.3))
    # heat shimmer
    for k in range(4):
        y = hz - 18 - k * 16
        pts = [(x, y + 4 * math.sin(x / 40 + k)) for x in _frange(c.x0, c.x1, 20)]
        c.line(pts, _rgba(pal.paper, 0.22), 3)
    c.vgrad(
        c.x0,
        hz,
        c.x1,
        c.y1,
        [(hz, _mix(pal.ground, pal.horizon, 0.3)), (900.0, _mix(pal.ground, pal.near, 0.35))],
    )
    # parched, cracked soil in perspective: cells shrink towards the horizon
    vx = sx + rng.uniform(-200, 200)
    top = hz + 36
    rows, cols = 10, 34
    ys = [top + (c.y1 + 40 - top) * (r / rows) ** 1.7 for r in range(rows + 1)]
    grid = []
    for r, y in enumerate(ys):
        persp = (y - hz) / (900 - hz)
        span = (c.x1 - c.x0 + 400) * (1 + 2.2 * persp)
        dy = (ys[min(r + 1, rows)] - ys[max(r - 1, 0)]) * 0.22
        row = []
        for i in range(cols + 1):
            u = (i + (rng.uniform(-0.4, 0.4) if 0 < i < cols else 0)) / cols
            jy = rng.uniform(-dy, dy) if 0 < r < rows else 0.0
            row.append((vx + (u - 0.5) * span, y + jy))
        grid.append(row)
    soil = _mix(pal.ground, pal.horizon, 0.15)
    for r in range(rows):
        persp = (ys[r] - hz) / (900 - hz)
        gap = _mix(soil, pal.ink, 0.12 + 0.3 * min(1.0, persp))
        inset = 0.05 + 0.05 * min(1.0, persp)
        for i in range(cols):
            quad = [grid[r][i], grid[r][i + 1], grid[r + 1][i + 1], grid[r + 1][i]]
            if max(p[0] for p in quad) < c.x0 or min(p[0] for p in quad) > c.x1:
                continue
            c.poly(quad, gap)
            mx = sum(p[0] for p in quad) / 4
            my = sum(p[1] for p in quad) / 4
            cell = [(x + (mx - x) * inset * 2.2, y + (my - y) * inset * 2.2) for x, y in quad]
            tone = _mix(soil, pal.paper if rng.random() < 0.5 else pal.near, rng.uniform(0, 0.12))
            c.poly(cell, tone)
    # dry tree
    tx = rng.choice((rng.uniform(180, 380), rng.uniform(1220, 1420)))
    ty = hz + 50
    c.ell(tx, ty + 4, 160, 16, _rgba(pal.ink, 0.18))
    bark = _mix(pal.ink, pal.near, 0.3)

    def branch(x: float, y: float, ang: float, ln: float, wd: float, depth: int) -> None:
        x2 = x + math.cos(math.radians(ang)) * ln
        y2 = y + math.sin(math.radians(ang)) * ln
        c.line([(x, y), (x2, y2)], bark, wd)
        if depth > 0:
            for da in (-rng.uniform(18, 34), rng.uniform(18, 34)):
                branch(x2, y2, ang + da, ln * rng.uniform(0.6, 0.78), wd * 0.62, depth - 1)

    branch(tx, ty, -90 + rng.uniform(-6, 6), 130, 20, 5)
    # a few withered tufts
    tuft = _mix(pal.near, pal.ink, 0.25)
    for _ in range(10):
        x = rng.uniform(c.x0, c.x1)
        y = rng.uniform(660, 880)
        s = 0.4 + (y - 620) / 300
        for k in range(5):
            a = math.radians(-90 + (k - 2) * 18 + rng.uniform(-6, 6))
            c.line([(x, y), (x + math.cos(a) * 26 * s, y + math.sin(a) * 30 * s)], tuft, 2.5 * s)


def _m_rain(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    street = 650.0
    _sky(c, pal, street)
    # heavy, layered rain clouds: each bank has a flat, darker base
    banks = (
        (250.0, _mix(pal.sky, pal.paper, 0.12), 0.75),
        (185.0, _mix(pal.ink, pal.sky, 0.45), 0.9),
        (115.0, _mix(pal.ink, pal.sky, 0.22), 1.0),
    )
    for base, col, sc in banks:
        under = _mix(col, pal.ink, 0.25)
        c.rect(c.x0, c.y0, c.x1, base - 50 * sc, col)
        x = c.x0 - 120 + rng.uniform(0, 100)
        while x < c.x1 + 120:
            r = rng.uniform(70, 130) * sc
            cy = base - r * rng.uniform(0.55, 0.9)
            c.circ(x, cy + 10, r, under)
            c.circ(x - r * 0.08, cy, r * 0.96, col)
            x += r * rng.uniform(1.1, 1.6)
        c.rect(c.x0, base - 60 * sc, c.x1, base - 30 * sc, col)
    far = _mix(pal.far, pal.sky, 0.35)
    x = c.x0
    while x < c.x1:
        w = rng.uniform(80, 160)
        h = rng.uniform(200, 330)
        c.rect(x, street - h, x + w, street, far)
        if rng.random() < 0.4:
            c.poly(
                [(x, street - h + 1), (x + w, street - h + 1), (x + w / 2, street - h - 50)], far
            )
        x += w
    lit = _mix(pal.accent2, pal.paper, 0.2)
    fronts = []
    x = c.x0 - rng.uniform(0, 60)
    while x < c.x1:
        w = rng.uniform(180, 260)
        h = rng.uniform(240, 380)
        col = _mix(pal.mid, pal.near, rng.uniform(0.2, 0.8))
        c.rect(x, street - h, x + w, street, col)
        c.rect(x - 4, street - h - 6, x + w + 4, street - h + 6, _mix(col, pal.ink, 0.3))
        for yy in _frange(street - h + 40, street - 90, 70):
            for xx in _frange(x + 30, x + w - 56, 55):
                win = _rgba(lit, 0.85) if rng.random() < 0.35 else _mix(col, pal.ink, 0.35)
                c.rect(xx, yy, xx + 26, yy + 38, win)
        fronts.append((x, w, h, col))
        x += w + 4
    c.rect(c.x0, c.y0, c.x1, street, _rgba(pal.sky, 0.12))
    # wet street with reflections
    c.rect(c.x0, street, c.x1, street + 20, _mix(pal.ground, pal.paper, 0.15))
    c.vgrad(
        c.x0,
        street + 20,
        c.x1,
        c.y1,
        [(street, _mix(pal.ground, pal.ink, 0.1)), (900.0, _mix(pal.ground, pal.ink, 0.45))],
    )
    for x, w, _h, col in fronts:
        c.rect(x + 10, street + 20, x + w - 10, street + 60, _rgba(col, 0.25))
        for xx in _frange(x + 30, x + w - 56, 55):
            if rng.random() < 0.35:
                _reflection(c, rng, xx + 5, xx + 21, street + 28, rng.uniform(70, 150), lit, 0.4)
    # street lamps
    for lx in _frange(c.x0 + rng.uniform(100, 300), c.x1, 520):
        c.rect(lx - 4, street - 230, lx + 4, street + 10, pal.ink)
        c.rect(lx - 4, street - 234, lx + 40, street - 226, pal.ink)
        c.rect(lx + 24, street - 230, lx + 56, street - 218, pal.ink, r=4)
        c.glow(lx + 40, street - 210, 120, lit, 0.5)
        _reflection(c, rng, lx + 30, lx + 50, street + 34, 180, lit, 0.45)
    # puddles
    for _ in range(5):
        x = rng.uniform(c.x0 + 60, c.x1 - 60)
        y = rng.uniform(720, 860)
        rx = rng.uniform(90, 180)
        c.ell(x, y, rx, rx * 0.12, _rgba(pal.sky, 0.35))
        for k in range(2):
            c.ell(
                x + rng.uniform(-rx / 2, rx / 2),
                y,
                30 + k * 14,
                5 + k * 2,
                None,
                _rgba(pal.paper, 0.4),
                2,
            )
    # people with umbrellas
    for k in range(rng.randint(1, 2)):
        x = rng.uniform(c.x0 + 200, c.x1 - 200)
        y = rng.uniform(730, 800)
        h = 110 + (y - 730) * 0.6
        coat = _mix(pal.ink, pal.near, 0.3)
        _person(c, x, y, h, coat, coat)
        c.line([(x + h * 0.08, y - h * 0.55), (x + h * 0.08, y - h * 1.15)], pal.ink, 3)
        c.pie(
            x + h * 0.08,
            y - h * 1.1,
            h * 0.42,
            h * 0.3,
            180,
            360,
            pal.accent if k == 0 else pal.accent2,
        )
        c.ell(x, y + 2, h * 0.3, h * 0.04, _rgba(pal.ink, 0.25))
    # rain
    drop = _rgba(pal.paper, 0.38)
    for _ in range(650):
        x = rng.uniform(c.x0 - 100, c.x1 + 50)
        y = rng.uniform(c.y0 - 50, c.y1)
        ln = rng.uniform(30, 70)
        c.line([(x, y), (x - ln * 0.22, y + ln)], drop, rng.choice((1.5, 2.0, 2.5)), curve=False)
    for _ in range(40):
        x = rng.uniform(c.x0, c.x1)
        y = rng.uniform(street + 40, 900)
        s = 0.5 + (y - street) / 250
        c.ell(x, y, 14 * s, 3 * s, None, _rgba(pal.paper, 0.35), 1.5)


def _reflection(
    c: _Canvas,
    rng: random.Random,
    x0: float,
    x1: float,
    wl: float,
    depth: float,
    color: RGB,
    alpha: float = 0.35,
) -> None:
    """Broken, fading mirror image of an object standing in water at waterline wl."""
    y = wl
    while y < wl + depth:
        band = rng.uniform(8, 16)
        t = (y - wl) / depth
        jitter = rng.uniform(-6, 6) * t
        c.rect(x0 + jitter, y, x1 + jitter, y + band * 0.7, _rgba(color, alpha * (1 - t)))
        y += band


def _m_river(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    hz = 470.0
    sky = _mix(pal.sky, pal.far, 0.35)
    _sky(c, pal, hz, top=sky)
    _clouds(c, rng, pal, rng.randint(2, 3), 60, 170, _mix(pal.paper, pal.far, 0.3))
    ridge = _ridge(rng, 400, 110)
    _hill(c, ridge, _mix(pal.far, pal.horizon, 0.3))
    town = _mix(pal.far, pal.mid, 0.35)
    tx = rng.uniform(c.x0 + 200, c.x1 - 500)
    for k in range(rng.randint(5, 8)):
        x = tx + k * 52
        _building(c, rng, x, 44, 380, rng.uniform(60, 100), town, "spire" if k == 3 else "gable")
    _hill(c, _ridge(rng, 440, 40), _mix(pal.leaf, pal.far, 0.5))
    muddy = _hex("#8c7455")
    water_top = _mix(_mix(pal.far, muddy, 0.6), pal.horizon, 0.2)
    water_bot = _mix(_mix(pal.mid, muddy, 0.65), pal.ink, 0.2)
    flood = 520.0
    c.vgrad(c.x0, 430, c.x1, c.y1, [(430, water_top), (900.0, water_bot)])
    # bridge: heavy stone arches, the water almost reaches the crowns
    stone = _mix(pal.ground, pal.near, 0.4)
    stone_dk = _mix(stone, pal.ink, 0.3)
    stone_lt = _mix(stone, pal.paper, 0.2)
    deck_top, deck_bot = 392.0, 428.0
    span = rng.uniform(420, 480)
    start = c.x0 + rng.uniform(-span * 0.7, -span * 0.2)
    piers = []
    x = start
    while x < c.x1 + span:
        piers.append(x)
        x += span
    crown = flood - 42
    spring = flood + 80
    pier_w = 80.0
    for a, b in itertools.pairwise(piers):
        l0, r0 = a + pier_w / 2, b - pier_w / 2
        mid = (l0 + r0) / 2
        arch = [
            (mid + (r0 - l0) / 2 * math.cos(t), spring - (spring - crown) * math.sin(t))
            for t in _frange(0, math.pi, math.pi / 30)
        ]
        c.poly([(a, deck_bot - 1), (b, deck_bot - 1), (b, spring), *arch, (a, spring)], stone)
        ring = [
            (
                mid + ((r0 - l0) / 2 + 14) * math.cos(t),
                spring - (spring - crown + 14) * math.sin(t),
            )
            for t in _frange(0.3, math.pi - 0.3, math.pi / 30)
        ]
        c.line(ring, stone_dk, 5)
        c.poly([*arch, (l0, spring)], _mix(pal.ink, stone_dk, 0.4))
    c.rect(c.x0, deck_top, c.x1, deck_bot, stone_lt)
    c.rect(c.x0, deck_bot - 8, c.x1, deck_bot, stone_dk)
    c.rect(c.x0, deck_top - 30, c.x1, deck_top, stone)
    c.rect(c.x0, deck_top - 36, c.x1, deck_top - 28, stone_lt)
    for lx in _frange(start + span / 2, c.x1 + span, span):
        c.rect(lx - 3, deck_top - 130, lx + 3, deck_top - 30, pal.ink)
        c.rect(lx - 12, deck_top - 144, lx + 12, deck_top - 128, pal.ink, r=4)
        c.circ(lx, deck_top - 120, 7, _mix(pal.accent2, pal.paper, 0.3))
    # high water in front of the bridge
    c.vgrad(c.x0, flood, c.x1, c.y1, [(flood, _mix(water_top, pal.ink, 0.08)), (900.0, water_bot)])
    _reflection(c, rng, c.x0, c.x1, flood, 60, stone_dk, 0.45)
    for p in piers:
        c.ell(p, flood + 2, pier_w * 0.7, 6, _rgba(pal.paper, 0.5))
        c.rect(p - pier_w, flood + 12, p + pier_w, flood + 16, _rgba(pal.paper, 0.3), r=2)
    # current: light streaks, getting longer towards the viewer
    for _ in range(90):
        y = rng.uniform(flood + 20, 900)
        persp = 0.4 + (y - flood) / 250
        x = rng.uniform(c.x0 - 50, c.x1)
        w = rng.uniform(30, 110) * persp
        c.rect(x, y, x + w, y + 2.5 * persp, _rgba(pal.paper, 0.22), r=2)
    # flooded foreground: house, trees, lamp post, warning sign, railing
    glass = _mix(pal.sky, pal.ink, 0.35)
    hx = rng.choice((c.x0 + 40, c.x1 - 360))
    wl_house = 700.0
    facade = _mix(pal.accent, pal.paper, 0.45)
    c.rect(hx, 470, hx + 320, wl_house, facade)
    c.poly([(hx - 24, 474), (hx + 344, 474), (hx + 160, 360)], _mix(pal.accent, pal.ink, 0.4))
    for wx in (hx + 40, hx + 138, hx + 236):
        c.rect(wx, 510, wx + 44, 580, glass)
        c.rect(wx - 4, 580, wx + 48, 586, _mix(facade, pal.paper, 0.5))
        c.rect(wx, 640, wx + 44, wl_house, glass)
    _reflection(c, rng, hx, hx + 320, wl_house, 120, facade, 0.4)
    c.rect(hx - 16, wl_house - 3, hx + 336, wl_house + 5, _rgba(pal.paper, 0.5), r=4)
    trunk = _mix(pal.near, pal.ink, 0.4)
    for _ in range(rng.randint(2, 3)):
        tx = rng.uniform(c.x0 + 100, c.x1 - 100)
        if hx - 120 < tx < hx + 440:
            tx = hx + 600 if hx < 800 else hx - 300
        wl = rng.uniform(700, 760)
        th = rng.uniform(200, 260)
        c.rect(tx - 7, wl - th * 0.3, tx + 7, wl, trunk)
        c.circ(tx, wl - th * 0.42, th * 0.33, pal.leaf_dk)
        c.circ(tx - th * 0.045, wl - th * 0.46, th * 0.28, pal.leaf)
        _reflection(c, rng, tx - th * 0.22, tx + th * 0.22, wl + 4, 60, pal.leaf_dk, 0.2)
        c.ell(tx, wl + 2, 30, 5, _rgba(pal.paper, 0.55))
    # warning sign and lamp post standing in the water
    sx = rng.uniform(c.x0 + 250, c.x1 - 250)
    if hx - 100 < sx < hx + 420:
        sx = hx + 520 if hx < 800 else hx - 180
    wl = 790.0
    c.rect(sx - 5, 610, sx + 5, wl, _mix(pal.ink, pal.far, 0.3))
    c.poly([(sx, 540), (sx + 50, 626), (sx - 50, 626)], _mix(_hex("#c8383b"), pal.accent, 0.2))
    c.poly([(sx, 564), (sx + 30, 614), (sx - 30, 614)], pal.paper)
    c.rect(sx - 3, 576, sx + 3, 600, pal.ink)
    c.circ(sx, 606, 3.5, pal.ink)
    c.ell(sx, wl + 2, 26, 5, _rgba(pal.paper, 0.55))
    _reflection(c, rng, sx - 5, sx + 5, wl + 4, 90, pal.ink, 0.4)
    rail_y = 860.0
    for xx in _frange(c.x0, c.x1, 110):
        c.rect(xx - 4, rail_y - 40, xx + 4, rail_y, pal.ink)
        c.ell(xx, rail_y + 2, 18, 4, _rgba(pal.paper, 0.5))
    c.rect(c.x0, rail_y - 44, c.x1, rail_y - 36, pal.ink)
    # drifting branches
    for _ in range(rng.randint(2, 3)):
        x = rng.uniform(c.x0, c.x1)
        y = rng.uniform(725, 845)
        T = _rot(x, y, rng.uniform(-10, 10))
        wood = _mix(pal.near, _hex("#6a4a2a"), 0.6)
        _trect(c, T, -50, -4, 50, 4, wood)
        _tpoly(c, T, [(10, -2), (40, -22), (44, -18), (16, 2)], wood)


def _m_theatre(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    floor_back, floor_front = 600.0, 790.0
    back = _mix(pal.ink, pal.near, 0.3)
    c.vgrad(c.x0, c.y0, c.x1, floor_back, [(0.0, _mix(back, pal.ink, 0.5)), (floor_back, back)])
    wood = _mix(_mix(pal.accent2, pal.accent, 0.3), pal.ink, 0.35)
    c.vgrad(
        c.x0,
        floor_back,
        c.x1,
        floor_front,
        [(floor_back, _mix(wood, pal.ink, 0.35)), (floor_front, wood)],
    )
    vx = 800.0
    for k in range(-20, 21):
        c.line(
            [(vx + k * 40, floor_back), (vx + k * 110, floor_front)],
            _rgba(pal.ink, 0.25),
            2,
            curve=False,
        )
    c.rect(c.x0, floor_front, c.x1, floor_front + 24, _mix(wood, pal.ink, 0.5))
    c.rect(c.x0, floor_front + 24, c.x1, c.y1, _mix(pal.ink, back, 0.2))
    # spotlight
    spx = vx + rng.uniform(-200, 200)
    rim = [(spx + 250 * math.cos(t), 700 + 50 * math.sin(t)) for t in _frange(0, math.pi, 0.1)]
    c.poly([(spx - 30, c.y0), (spx + 30, c.y0), *rim], _rgba(pal.paper, 0.1))
    c.ell(spx, 700, 250, 50, _rgba(_mix(pal.paper, pal.accent2, 0.3), 0.28))
    # a lonely chair in the light (three-quarter view)
    ch = _mix(wood, pal.ink, 0.45)
    ch_lt = _mix(wood, pal.ink, 0.2)
    cxp = spx + rng.uniform(-60, 60)
    fy = 712.0
    for dx, dy, col in ((24, -16, ch), (0, 0, ch_lt)):
        c.rect(cxp - 50 + dx, 600 + dy, cxp - 40 + dx, fy + dy, col)
        c.rect(cxp + 40 + dx, 610 + dy, cxp + 50 + dx, fy + dy, col)
    c.poly([(cxp - 52, 598), (cxp + 52, 608), (cxp + 76, 592), (cxp - 28, 582)], ch_lt)
    c.rect(cxp - 52, 598, cxp + 52, 612, ch)
    c.rect(cxp - 52, 470, cxp - 40, 606, ch_lt)
    c.rect(cxp - 28, 454, cxp - 16, 590, ch)
    c.poly([(cxp - 52, 478), (cxp - 16, 462), (cxp - 16, 490), (cxp - 52, 506)], ch_lt)
    c.poly([(cxp - 52, 524), (cxp - 16, 508), (cxp - 16, 526), (cxp - 52, 542)], ch_lt)
    # curtains
    red = _mix(_hex("#a3232f"), pal.accent, 0.15)
    light = _mix(red, pal.paper, 0.16)
    dark = _mix(red, pal.ink, 0.38)
    tie_y = 470.0 + rng.uniform(-30, 30)

    def inner(y: float) -> float:
        if y <= tie_y:
            t = max(0.0, y / tie_y)
            return 560 - (560 - 320) * (t**1.4)
        t = (y - tie_y) / (floor_front - tie_y)
        return 320 + 100 * (t**0.8)

    ys = _frange(0 if c.y0 > 0 else c.y0, floor_front, 20)
    folds = 9
    for side in (-1, 1):
        for k in range(folds):
            u0, u1 = k / folds, (k + 1) / folds
            um = (u0 + u1) / 2

            def xs(u: float, y: float, side: int = side) -> float:
                xo = c.x0 - 10
                x = xo + (inner(y) - xo) * u
                return x if side < 0 else 1600 - x

            c.poly([(xs(u0, y), y) for y in ys] + [(xs(um, y), y) for y in reversed(ys)], light)
            c.poly([(xs(um, y), y) for y in ys] + [(xs(u1, y), y) for y in reversed(ys)], dark)
        tx = inner(tie_y) - 18
        tx = tx if side < 0 else 1600 - tx
        c.ell(tx, tie_y, 22, 14, pal.accent2)
        c.line([(tx, tie_y), (tx + side * 8, tie_y + 60)], pal.accent2, 6)
    # valance with scallops
    val = 120.0
    c.rect(c.x0, c.y0, c.x1, val, red)
    for xx in _frange(c.x0, c.x1 + 200, 200):
        c.pie(xx + 100, val, 100, 44, 0, 180, red)
        c.arc(xx + 100, val, 100, 44, 0, 180, pal.accent2, 6)
    for xx in _frange(c.x0, c.x1, 50):
        c.rect(xx, c.y0, xx + 25, val, _rgba(pal.ink, 0.12))
    c.rect(c.x0, val - 40, c.x1, val - 30, pal.accent2)
    # audience
    seat = _mix(pal.ink, (0, 0, 0), 0.35)
    for row, (y, r) in enumerate(((858.0, 30.0), (905.0, 36.0))):
        x = c.x0 + rng.uniform(0, 60) + row * 40
        while x < c.x1 + 40:
            c.ell(x, y + r * 1.8, r * 1.7, r * 1.2, seat)
            c.circ(x, y, r, seat)
            x += r * 3.6 + rng.uniform(-6, 6)


def _m_film(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    c.vgrad(
        c.x0,
        c.y0,
        c.x1,
        c.y1,
        [(0.0, _mix(pal.wall, pal.accent, 0.2)), (900.0, _mix(pal.wall, pal.accent, 0.38))],
    )
    c.circ(rng.uniform(600, 1000), 450, 420, _mix(pal.wall, pal.accent2, 0.3))
    film = _mix(pal.ink, (0, 0, 0), 0.2)
    frame = _mix(pal.far, pal.accent2, 0.3)
    # film strip along a curve
    rx, ry, rr = 520 + rng.uniform(-40, 40), 420.0, 250.0
    path = _bez(
        (rx + 60, ry - rr + 70),
        (rx + 520, ry - rr - 40),
        (rx + 420, 760),
        (c.x1 + 60, 760 + rng.uniform(-40, 60)),
        n=60,
    )
    half = 62.0
    normals = []
    for i in range(len(path)):
        q = path[min(i + 1, len(path) - 1)]
        o = path[max(i - 1, 0)]
        dx, dy = q[0] - o[0], q[1] - o[1]
        n = math.hypot(dx, dy) or 1.0
        normals.append((-dy / n, dx / n))
    edges = list(zip(path, normals, strict=True))
    left = [(p[0] + nx * half, p[1] + ny * half) for p, (nx, ny) in edges]
    right = [(p[0] - nx * half, p[1] - ny * half) for p, (nx, ny) in edges]
    shadow = [(x + 14, y + 18) for x, y in left + right[::-1]]
    c.poly(shadow, _rgba(pal.ink, 0.15))
    c.poly(left + right[::-1], film)
    dist = 0.0
    for i in range(1, len(path)):
        p, q = path[i - 1], path[i]
        seg = math.hypot(q[0] - p[0], q[1] - p[1])
        nx, ny = normals[i]
        ux, uy = (q[0] - p[0]) / (seg or 1), (q[1] - p[1]) / (seg or 1)
        steps = int((dist + seg) // 26) - int(dist // 26)
        for _ in range(steps):
            cxp, cyp = q
            for s in (-1, 1):
                hx, hy = cxp + nx * s * half * 0.8, cyp + ny * s * half * 0.8
                c.poly(
                    [
                        (hx - ux * 6 - nx * 5, hy - uy * 6 - ny * 5),
                        (hx + ux * 6 - nx * 5, hy + uy * 6 - ny * 5),
                        (hx + ux * 6 + nx * 5, hy + uy * 6 + ny * 5),
                        (hx - ux * 6 + nx * 5, hy - uy * 6 + ny * 5),
                    ],
                    pal.wall,
                )
        if int((dist + seg) // 90) != int(dist // 90):
            fx, fy = q
            w2, h2 = 34, half * 0.55
            c.poly(
                [
                    (fx - ux * w2 - nx * h2, fy - uy * w2 - ny * h2),
                    (fx + ux * w2 - nx * h2, fy + uy * w2 - ny * h2),
                    (fx + ux * w2 + nx * h2, fy + uy * w2 + ny * h2),
                    (fx - ux * w2 + nx * h2, fy - uy * w2 + ny * h2),
                ],
                _rgba(frame, 0.85),
            )
        dist += seg
    # reel
    metal = _mix(pal.far, pal.ink, 0.35)
    metal_lt = _mix(pal.far, pal.paper, 0.2)
    c.circ(rx + 16, ry + 20, rr, _rgba(pal.ink, 0.18))
    c.circ(rx, ry, rr, metal)
    c.circ(rx, ry, rr - 14, _mix(metal, pal.ink, 0.2))
    c.circ(rx, ry, rr - 24, metal)
    rot = rng.uniform(0, 60)
    for k in range(6):
        a = math.radians(rot + k * 60)
        hx, hy = rx + math.cos(a) * 145, ry + math.sin(a) * 145
        c.circ(hx, hy, 62, film)
        c.circ(hx, hy, 62, None, _mix(metal, pal.ink, 0.3), 4)
    c.circ(rx, ry, 60, metal_lt)
    c.circ(rx, ry, 22, film)
    c.pie(rx, ry, rr, rr, 200, 250, _rgba(pal.paper, 0.1))
    # clapperboard
    bx, by = 1190 + rng.uniform(-30, 30), 330 + rng.uniform(-20, 20)
    ang = rng.uniform(4, 10)
    T = _rot(bx, by, ang)
    _trect(c, T, -200 + 14, -30 + 18, 200 + 14, 230 + 18, _rgba(pal.ink, 0.18))
    _trect(c, T, -200, -30, 200, 230, film)
    for yy in (50, 120, 180):
        _trect(c, T, -180, yy, 180, yy + 4, pal.wall)
    _trect(c, T, -2, 50, 2, 180, pal.wall)
    _trect(c, T, -200, -72, 200, -30, film)
    stripe = pal.paper

    def stripes(T2: Callable[[float, float], Point], y0: float, y1: float) -> None:
        for k in range(-1, 9):
            xa = -200 + k * 56
            quad = [(xa, y0), (xa + 28, y0), (xa + 28 - 24, y1), (xa - 24, y1)]
            quad = [(max(-200.0, min(200.0, x)), y) for x, y in quad]
            _tpoly(c, T2, quad, stripe)

    stripes(T, -72, -30)
    hinge = T(-200, -72)
    T3 = _rot(hinge[0], hinge[1], ang - rng.uniform(16, 26))

    def T4(x: float, y: float) -> Point:
        return T3(x + 200, y)

    _trect(c, T4, -200, -44, 200, 0, film)
    stripes(T4, -44, 0)
    c.circ(*hinge, 12, pal.wall)


def _m_museum(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    hz = 690.0
    _sky(c, pal, hz)
    _clouds(c, rng, pal, rng.randint(2, 3), 60, 170)
    _treeline(c, rng, hz - 20, 70, 130, _mix(_mix(pal.far, pal.leaf, 0.35), pal.horizon, 0.2))
    c.vgrad(
        c.x0, hz - 20, c.x1, c.y1, [(hz, _mix(pal.ground, pal.paper, 0.2)), (900.0, pal.ground)]
    )
    cx = 800.0 + rng.uniform(-30, 30)
    stone = pal.paper
    stone_sh = _mix(pal.paper, pal.far, 0.45)
    recess = _mix(pal.paper, pal.near, 0.5)
    # body with a deep portico
    c.rect(cx - 560, 300, cx + 560, 610, stone)
    c.rect(cx - 480, 330, cx + 480, 610, recess)
    # painting between the central columns: big framed canvas
    gold = _mix(_hex("#c9973b"), pal.accent2, 0.3)
    gold_dk = _mix(gold, pal.ink, 0.3)
    px0, px1, py0, py1 = cx - 135, cx + 135, 375.0, 560.0
    c.rect(px0 - 24, py0 - 24, px1 + 24, py1 + 24, gold_dk)
    c.rect(px0 - 18, py0 - 18, px1 + 18, py1 + 18, gold)
    c.rect(px0 - 7, py0 - 7, px1 + 7, py1 + 7, gold_dk)
    c.vgrad(
        px0,
        py0,
        px1,
        py1,
        [(py0, _mix(pal.sky, pal.accent2, 0.3)), (py1 - 60, _mix(pal.horizon, pal.accent2, 0.4))],
    )
    c.circ(px0 + 190, py0 + 55, 24, _mix(pal.accent2, pal.paper, 0.2))
    c.poly(
        [
            (px0, 485),
            (px0 + 80, 440),
            (px0 + 150, 475),
            (px0 + 220, 430),
            (px1, 455),
            (px1, py1),
            (px0, py1),
        ],
        _mix(pal.mid, pal.far, 0.2),
    )
    c.poly([(px0, 525), (px0 + 110, 500), (px1, 528), (px1, py1), (px0, py1)], pal.near)
    c.poly([(px0 + 50, 525), (px0 + 95, 450), (px0 + 140, 525)], _mix(pal.near, pal.ink, 0.3))
    # exhibition banners between the outer columns
    for side, col in ((-1, pal.accent), (1, _mix(pal.near, pal.mid, 0.3))):
        bx = cx + side * 265
        c.rect(bx - 36, 352, bx + 36, 590, col)
        c.rect(bx - 26, 380, bx + 26, 450, gold)
        c.rect(bx - 20, 386, bx + 20, 444, _mix(pal.far, pal.paper, 0.3))
        c.circ(bx, 415, 12, _mix(pal.accent2, col, 0.3))
        for k in range(3):
            c.rect(
                bx - 24, 480 + k * 22, bx + 24 - k * 12, 490 + k * 22, _mix(col, pal.paper, 0.6)
            )
    # columns
    for off in (-460, -330, -200, 200, 330, 460):
        x = cx + off
        c.rect(x - 20, 340, x + 20, 598, stone)
        c.rect(x + 7, 340, x + 20, 598, stone_sh)
        c.rect(x - 28, 330, x + 28, 344, stone)
        c.rect(x - 26, 594, x + 26, 608, stone)
    # entablature and pediment
    c.rect(cx - 580, 276, cx + 580, 332, stone)
    c.rect(cx - 580, 322, cx + 580, 332, stone_sh)
    for xx in _frange(cx - 560, cx + 560, 40):
        c.rect(xx - 8, 290, xx + 8, 312, stone_sh)
    c.poly([(cx - 600, 280), (cx + 600, 280), (cx, 170)], stone)
    c.poly([(cx - 540, 272), (cx + 540, 272), (cx, 196)], stone_sh)
    for sx in (cx - 590, cx + 590, cx):
        top = 170 if sx == cx else 262
        c.rect(sx - 12, top - 40, sx + 12, top + 4, stone)
        c.circ(sx, top - 50, 12, stone)
    # steps
    for i in range(6):
        hw = 500 + i * 16
        c.rect(cx - hw, 608 + i * 14, cx + hw, 622 + i * 14, stone if i % 2 == 0 else stone_sh)
    # visitors
    for _ in range(rng.randint(3, 5)):
        x = cx + rng.uniform(-480, 480)
        y = rng.choice((720.0, 760.0, 820.0)) + rng.uniform(-10, 10)
        h = 50 + (y - 700) * 0.35
        _person(
            c,
            x,
            y,
            h,
            rng.choice((pal.near, pal.accent, pal.ink, pal.mid)),
            _mix(pal.ink, pal.ground, 0.3),
        )


def _m_chip(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    board = _mix(pal.near, pal.ink, 0.45)
    c.vgrad(c.x0, c.y0, c.x1, c.y1, [(0.0, _mix(board, pal.ink, 0.3)), (900.0, board)])
    c.glow(800, 450, 620, pal.mid, 0.35)
    trace = _mix(pal.accent2, pal.mid, 0.35)
    cx, cy, half = 800.0 + rng.uniform(-40, 40), 450.0, 170.0
    npins = 9
    pitch = 2 * half / (npins + 1)
    trace_col = _mix(trace, board, 0.2)
    via_fill = _mix(board, pal.ink, 0.2)
    for side in range(4):
        for i in range(npins):
            off = -half + pitch * (i + 1)
            u = off / half
            out = half + 40
            l1 = 30 + (1 - abs(u)) * 120
            spread = off * 0.9
            end = out + l1 + abs(spread) + rng.uniform(40, 420)
            loc = [
                (off, out),
                (off, out + l1),
                (off + spread, out + l1 + abs(spread)),
                (off + spread, end),
            ]
            pts = []
            for x, y in loc:
                if side == 0:
                    pts.append((cx + x, cy + y))
                elif side == 1:
                    pts.append((cx - x, cy - y))
                elif side == 2:
                    pts.append((cx + y, cy - x))
                else:
                    pts.append((cx - y, cy + x))
            c.line(pts, trace_col, 5)
            ex, ey = pts[-1]
            c.circ(ex, ey, 12, via_fill, trace_col, 4)
    # small components
    for _ in range(40):
        x = rng.uniform(c.x0 + 40, c.x1 - 40)
        y = rng.uniform(c.y0 + 40, c.y1 - 40)
        if abs(x - cx) < 300 or abs(y - cy) < 300:
            continue  # keep clear of the fanned-out traces
        T = _rot(x, y, rng.choice((0, 90)))
        _trect(c, T, -22, -11, 22, 11, _mix(pal.ink, board, 0.3))
        _trect(c, T, -22, -11, -12, 11, _mix(pal.paper, pal.far, 0.3))
        _trect(c, T, 12, -11, 22, 11, _mix(pal.paper, pal.far, 0.3))
    # package
    c.rect(
        cx - half + 18, cy - half + 26, cx + half + 18, cy + half + 26, _rgba(pal.ink, 0.4), r=18
    )
    pin = _mix(pal.paper, pal.far, 0.3)
    for i in range(npins):
        off = -half + pitch * (i + 1)
        c.rect(cx + off - 8, cy - half - 40, cx + off + 8, cy + half + 40, pin)
        c.rect(cx - half - 40, cy + off - 8, cx + half + 40, cy + off + 8, pin)
    body = _mix(pal.ink, board, 0.2)
    c.rect(cx - half, cy - half, cx + half, cy + half, _mix(body, pal.paper, 0.1), r=18)
    c.rect(cx - half + 10, cy - half + 10, cx + half - 10, cy + half - 10, body, r=12)
    die = half * 0.55
    c.rect(cx - die, cy - die, cx + die, cy + die, _mix(pal.accent, body, 0.35), r=6)
    for k in range(1, 6):
        t = -die + 2 * die * k / 6
        c.line([(cx - die, cy + t), (cx + die, cy + t)], _rgba(pal.paper, 0.18), 2)
        c.line([(cx + t, cy - die), (cx + t, cy + die)], _rgba(pal.paper, 0.18), 2)
    c.glow(cx, cy, die * 1.5, _mix(pal.accent, pal.paper, 0.4), 0.35)
    c.circ(cx - half + 36, cy - half + 36, 10, _mix(body, pal.paper, 0.2))


def _m_network(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    bg0 = _mix(pal.ink, pal.near, 0.25)
    c.vgrad(c.x0, c.y0, c.x1, c.y1, [(0.0, bg0), (900.0, _mix(pal.near, pal.ink, 0.4))])
    gx, gy, gr = 800 + rng.uniform(-200, 200), 470.0, 380.0
    c.glow(gx, gy, gr * 1.6, pal.mid, 0.4)
    line = _rgba(pal.far, 0.18)
    c.circ(gx, gy, gr, None, line, 3)
    for f in (0.35, 0.7):
        c.ell(gx, gy, gr * f, gr, None, line, 2)
        c.ell(gx, gy, gr, gr * f, None, line, 2)
    c.line([(gx - gr, gy), (gx + gr, gy)], line, 2)
    # nodes with depth
    nodes = []
    tries = 0
    while len(nodes) < 46 and tries < 2000:
        tries += 1
        x = rng.uniform(c.x0 + 40, c.x1 - 40)
        y = rng.uniform(c.y0 + 40, c.y1 - 40)
        z = rng.random()
        if all(math.hypot(x - a, y - b) > 95 for a, b, _ in nodes):
            nodes.append((x, y, z))
    edges = set()
    for i, (x, y, _z) in enumerate(nodes):
        near = sorted(
            range(len(nodes)), key=lambda j: math.hypot(nodes[j][0] - x, nodes[j][1] - y)
        )
        for j in near[1:4]:
            edges.add((min(i, j), max(i, j)))
    hot = set(rng.sample(range(len(nodes)), k=min(6, len(nodes))))
    for i, j in sorted(edges):
        xa, ya, za = nodes[i]
        xb, yb, zb = nodes[j]
        z = (za + zb) / 2
        col = pal.accent2 if (i in hot and j in hot) else pal.far
        c.line([(xa, ya), (xb, yb)], _rgba(col, 0.18 + 0.4 * z), 1.5 + 2.5 * z, curve=False)
    # packets
    for i, j in rng.sample(sorted(edges), k=min(10, len(edges))):
        t = rng.random()
        x = nodes[i][0] + (nodes[j][0] - nodes[i][0]) * t
        y = nodes[i][1] + (nodes[j][1] - nodes[i][1]) * t
        c.circ(x, y, 5, _mix(pal.accent2, pal.paper, 0.4))
    for i in sorted(range(len(nodes)), key=lambda k: nodes[k][2]):
        x, y, z = nodes[i]
        r = 7 + 17 * z
        if i in hot:
            c.circ(x, y, r * 2.4, _rgba(pal.accent, 0.18))
            c.circ(x, y, r * 1.6, None, _rgba(pal.accent, 0.6), 3)
            c.circ(x, y, r, pal.accent)
        else:
            col = _mix(_mix(pal.far, pal.paper, 0.3), bg0, 0.6 * (1 - z))
            c.circ(x, y, r, col)
            c.circ(x, y, r * 0.45, _mix(col, bg0, 0.5))


def _leaf(
    c: _Canvas,
    base: Point,
    tip: Point,
    width: float,
    light,
    dark,
    vein,
    bend: float = 0.12,
    veins: int = 7,
) -> None:
    """A two-tone leaf from base to tip; width is the half-width at its widest."""
    bx, by = base
    tx, ty = tip
    dx, dy = tx - bx, ty - by
    ln = math.hypot(dx, dy)
    nx, ny = -dy / ln, dx / ln
    cx, cy = bx + dx / 2 + nx * ln * bend, by + dy / 2 + ny * ln * bend

    def axis(t: float) -> Point:
        u = 1 - t
        return (u * u * bx + 2 * u * t * cx + t * t * tx, u * u * by + 2 * u * t * cy + t * t * ty)

    def profile(t: float) -> float:
        # rounded base, widest at about 40 %, slender pointed tip
        return width * 1.55 * math.sqrt(t) * (1 - t) ** 1.25

    ts = [(i / 48) ** 1.5 for i in range(49)]
    mid = [axis(t) for t in ts]
    upper = []
    lower = []
    for t, (x, y) in zip(ts, mid, strict=True):
        w = profile(t)
        upper.append((x + nx * w, y + ny * w))
        lower.append((x - nx * w, y - ny * w))
    c.poly(upper + mid[::-1], light)
    c.poly(mid + lower[::-1], dark)
    if veins:
        c.line(mid[:-3], vein, max(2.0, width * 0.05))
    for k in range(1, veins + 1):
        t = 0.06 + 0.8 * k / (veins + 1)
        t2 = min(0.98, t + 0.12)
        x, y = axis(t)
        ex, ey = axis(t2)
        for sgn in (1, -1):
            w = profile(t2) * 0.85
            px, py = ex + sgn * nx * w, ey + sgn * ny * w
            mx = x + (px - x) * 0.5 + sgn * nx * w * 0.15
            my = y + (py - y) * 0.5 + sgn * ny * w * 0.15
            c.line(
                _bez((x, y), (mx, my), (px, py), n=8), _rgba(vein, 0.7), max(1.5, width * 0.022)
            )


def _m_leaf(c: _Canvas, rng: random.Random, pal: _Palette) -> None:
    c.vgrad(
        c.x0,
        c.y0,
        c.x1,
        c.y1,
        [(0.0, _mix(pal.wall, pal.sky, 0.5)), (900.0, _mix(pal.wall, pal.far, 0.3))],
    )
    c.circ(800 + rng.uniform(-150, 150), 450, 380, _mix(pal.wall, pal.accent2, 0.35))
    hue = rng.uniform(0.25, 0.36)
    greens = []
    for lum, sat in ((0.56, 0.4), (0.44, 0.44), (0.34, 0.42), (0.25, 0.4)):
        r, g, b = colorsys.hls_to_rgb(hue + rng.uniform(-0.015, 0.015), lum, sat)
        greens.append(_mix((round(r * 255), round(g * 255), round(b * 255)), pal.mid, 0.12))
    flip = rng.random() < 0.5
    sgn = -1 if flip else 1

    def X(x: float) -> float:
        return 1600 - x if flip else x

    # background sprig: a stem with smaller leaves, paler for depth
    pale = [_mix(g, pal.wall, 0.45) for g in greens]
    stem = _bez((X(1250), 980), (X(1180), 600), (X(1330), 260), n=20)
    c.line(stem, pale[2], 9)
    for k, t in enumerate((0.3, 0.5, 0.68, 0.84, 1.0)):
        px, py = stem[int(t * (len(stem) - 1))]
        side = 1 if k % 2 else -1
        ang = math.radians(-90 + sgn * side * rng.uniform(40, 65))
        ln = 150 - k * 12
        tip = (px + math.cos(ang) * ln, py + math.sin(ang) * ln)
        _leaf(
            c,
            (px, py),
            tip,
            ln * 0.4,
            pale[0],
            pale[1],
            _mix(pale[0], pal.paper, 0.35),
            0.1 * side,
            4,
        )
    # main leaf with stem and soft shadow
    base = (X(520), 780.0)
    tip = (X(1180), 120.0 + rng.uniform(-20, 40))
    bend = 0.12 * sgn
    c.line(_bez((X(430), 960.0), (X(505), 880.0), base, n=12), greens[3], 18)
    _leaf(
        c,
        (base[0] + 22, base[1] + 26),
        (tip[0] + 22, tip[1] + 26),
        300,
        _rgba(pal.ink, 0.12),
        _rgba(pal.ink, 0.12),
        _rgba(pal.ink, 0.0),
        bend,
        0,
    )
    _leaf(c, base, tip, 300, greens[0], greens[1], _mix(greens[0], pal.paper, 0.45), bend, 9)
    # small leaf in the foreground
    sb = (X(rng.uniform(1150, 1350)), 960.0)
    st = (sb[0] + rng.uniform(-140, 60) * sgn, 660.0)
    _leaf(c, sb, st, 110, greens[1], greens[2], _mix(greens[1], pal.paper, 0.4), 0.1, 4)


_MOTIF_FUNCS: dict[str, Callable[[_Canvas, random.Random, _Palette], None]] = {
    "parliament": _m_parliament,
    "ballot": _m_ballot,
    "houses": _m_houses,
    "crane": _m_crane,
    "wind": _m_wind,
    "power": _m_power,
    "chart": _m_chart,
    "coins": _m_coins,
    "train": _m_train,
    "tracks": _m_tracks,
    "city": _m_city,
    "newspaper": _m_newspaper,
    "hospital": _m_hospital,
    "school": _m_school,
    "books": _m_books,
    "sun": _m_sun,
    "rain": _m_rain,
    "river": _m_river,
    "theatre": _m_theatre,
    "film": _m_film,
    "museum": _m_museum,
    "chip": _m_chip,
    "network": _m_network,
    "leaf": _m_leaf,
}

MOTIFS: tuple[str, ...] = tuple(_MOTIF_FUNCS)

_SCHEME_FOR: dict[str, tuple[dict[str, str], ...]] = {"sun": _HOT, "rain": _STORM}


def _check_size(size: tuple[int, int]) -> tuple[int, int]:
    try:
        w, h = int(size[0]), int(size[1])
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"size must be a (width, height) tuple, got {size!r}") from None
    if w < 1 or h < 1 or len(size) != 2:
        raise ValueError(f"size must be two positive integers, got {size!r}")
    return w, h


def draw(motif: str, *, seed: int, size: tuple[int, int] = (1600, 900)) -> Image.Image:
    """Render the illustration ``motif`` deterministically for ``seed``.

    Returns an RGB image of ``size`` (width, height).  Raises ValueError for an
    unknown motif.
    """
    fn = _MOTIF_FUNCS.get(motif) if isinstance(motif, str) else None
    if fn is None:
        raise ValueError(f"unknown motif {motif!r}; valid motifs: {', '.join(MOTIFS)}")
    w, h = _check_size(size)
    rng = random.Random(seed)
    pal = _Palette(rng.choice(_SCHEME_FOR.get(motif, _SCHEMES)), rng)
    canvas = _Canvas((w, h), pal.horizon)
    fn(canvas, rng, pal)
    return canvas.finish((w, h))


# ---------------------------------------------------------------------------
# author portraits
# ---------------------------------------------------------------------------

_SKIN = ("#f3d3bd", "#e8b898", "#d59f7a", "#b97c56", "#8d5a3b", "#6b4430")
_HAIR = ("#2b2118", "#4a3426", "#7a5334", "#b88a4e", "#d9b77a", "#8f8f8f", "#a4462e")
_BACKGROUNDS = (
    "#e9c46a",
    "#8ab17d",
    "#7fb4c9",
    "#e8a598",
    "#b8a9d9",
    "#f4a259",
    "#9cc5a1",
    "#d4a5c9",
    "#a3c4f3",
    "#f2cc8f",
)
_CLOTHES = (
    "#264653",
    "#2a9d8f",
    "#e76f51",
    "#3d5a80",
    "#6d597a",
    "#b56576",
    "#355070",
    "#588157",
    "#bc6c25",
    "#1d3557",
)

_MARKS = {  # combining accents drawn by hand (the default font is ASCII-only)
    "\u0308": "diaeresis",
    "\u0301": "acute",
    "\u0300": "grave",
    "\u0302": "circumflex",
    "\u030a": "ring",
    "\u0307": "dot",
    "\u0303": "tilde",
    "\u030c": "caron",
    "\u0327": "cedilla",
}


def _latin_initial(ch: str) -> tuple[str, list[str]] | None:
    """ASCII base letter plus accent marks for one character, or None if not Latin."""
    up = ch.upper()[:1]
    base, marks = "", []
    for cp in unicodedata.normalize("NFD", up):
        if unicodedata.combining(cp):
            if cp in _MARKS:
                marks.append(_MARKS[cp])
        elif not base:
            base = cp
    if base == "ß":
        base = "S"
    if base and not base.isascii():
        # e.g. "LATIN CAPITAL LETTER O WITH STROKE" -> "O", "... LETTER AE" -> "A"
        words = unicodedata.name(base, "").split()
        if words[:3] == ["LATIN", "CAPITAL", "LETTER"] and len(words) > 3:
            base = words[3][0]
        else:
            return None
    return (base, marks) if base.isascii() and base.isalnum() else None


def _initials(name: str) -> list[tuple[str, list[str]]]:
    """Up to two initials (first and last name part) as (ASCII letter, [accent marks])."""
    found = []
    for part in name.replace("-", " ").split():
        first = next((ch for ch in part if ch.isalnum()), "")
        initial = _latin_initial(first) if first else None
        if initial:
            found.append(initial)
    return [found[0], found[-1]] if len(found) > 2 else found


def _font(px: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=px)
    except TypeError:  # Pillow < 10.1: bitmap font without sizes
        return ImageFont.load_default()


def _draw_initials(
    d: ImageDraw.ImageDraw,
    cx: float,
    cy: float,
    px: int,
    initials: list[tuple[str, list[str]]],
    fill,
) -> None:
    font = _font(px)
    text = "".join(b for b, _ in initials)
    box = d.textbbox((0, 0), text, font=font)
    tw, th = box[2] - box[0], box[3] - box[1]
    x = cx - tw / 2 - box[0]
    y = cy - th / 2 - box[1]
    d.text((x, y), text, font=font, fill=fill)
    # hand-drawn accents above the letters
    offset = 0.0
    dot = px * 0.075
    for base, marks in initials:
        lb = d.textbbox((x + offset, y), base, font=font)
        mx = (lb[0] + lb[2]) / 2
        top = lb[1] - px * 0.06
        for mark in marks:
            if mark == "diaeresis":
                for sx in (-1, 1):
                    ccx = mx + sx * px * 0.14
                    d.ellipse((ccx - dot, top - 2 * dot, ccx + dot, top), fill=fill)
            elif mark in ("acute", "grave"):
                s = 1 if mark == "acute" else -1
                d.line(
                    [(mx - s * px * 0.08, top), (mx + s * px * 0.08, top - px * 0.14)],
                    fill=fill,
                    width=max(1, round(px * 0.07)),
                )
            elif mark in ("circumflex", "caron"):
                s = 1 if mark == "circumflex" else -1
                yy = top - px * 0.07
                d.line(
                    [
                        (mx - px * 0.12, yy + s * px * 0.07),
                        (mx, yy - s * px * 0.07),
                        (mx + px * 0.12, yy + s * px * 0.07),
                    ],
                    fill=fill,
                    width=max(1, round(px * 0.06)),
                )
            elif mark == "dot":
                d.ellipse((mx - dot, top - 2 * dot, mx + dot, top), fill=fill)
            elif mark == "ring":
                r = px * 0.08
                d.ellipse(
                    (mx - r, top - 2 * r, mx + r, top),
                    outline=fill,
                    width=max(1, round(px * 0.04)),
                )
            elif mark == "tilde":
                pts = [
                    (
                        mx - px * 0.14 + i * px * 0.035,
                        top - px * 0.07 + math.sin(i * 0.8) * px * -0.04,
                    )
                    for i in range(9)
                ]
                d.line(pts, fill=fill, width=max(1, round(px * 0.05)))
            elif mark == "cedilla":
                d.line(
                    [(mx, lb[3]), (mx + px * 0.05, lb[3] + px * 0.12)],
                    fill=fill,
                    width=max(1, round(px * 0.06)),
                )
        offset += d.textlength(base, font=font)


def portrait(name: str, *, seed: int, size: int = 600) -> Image.Image:
    """A friendly, abstract head-and-shoulders avatar with the author's initials."""
    try:
        S = int(size)
    except (TypeError, ValueError):
        raise ValueError(f"size must be a positive integer, got {size!r}") from None
    if S < 1:
        raise ValueError(f"size must be a positive integer, got {size!r}")
    rng = random.Random(seed)
    bg = _hex(rng.choice(_BACKGROUNDS))
    skin = _hex(rng.choice(_SKIN))
    hair = _hex(rng.choice(_HAIR))
    cloth = _hex(rng.choice(_CLOTHES))
    style = rng.choice(("short", "long", "bun", "curly", "side", "bob"))
    glasses = rng.random() < 0.35
    W = S * _SS
    img = Image.new("RGB", (W, W), bg)
    d = ImageDraw.Draw(img, "RGBA")

    def u(v: float) -> float:
        return v * W

    def el(cx: float, cy: float, rx: float, ry: float, fill) -> None:
        d.ellipse((u(cx - rx), u(cy - ry), u(cx + rx), u(cy + ry)), fill=fill)

    # background: gentle gradient and a soft disc
    light = _mix(bg, (255, 255, 255), 0.28)
    grad = Image.new("RGB", (1, W))
    grad.putdata([_mix(light, bg, i / max(1, W - 1)) for i in range(W)])
    img.paste(grad.resize((W, W)), (0, 0))
    el(0.5 + rng.uniform(-0.06, 0.06), 0.46, 0.36, 0.36, _mix(bg, (255, 255, 255), 0.42))
    hx, hy, hr = 0.5, 0.44, 0.135
    skin_sh = _mix(skin, (40, 20, 10), 0.18)
    hair_sh = _mix(hair, (0, 0, 0), 0.25)
    # hair behind the head
    if style == "long":
        d.rounded_rectangle(
            (u(hx - 0.175), u(hy - 0.12), u(hx + 0.175), u(0.72)), radius=u(0.12), fill=hair_sh
        )
    elif style == "bob":
        d.rounded_rectangle(
            (u(hx - 0.17), u(hy - 0.13), u(hx + 0.17), u(hy + 0.13)), radius=u(0.1), fill=hair_sh
        )
    elif style == "bun":
        el(hx, hy - 0.175, 0.07, 0.065, hair)
    elif style == "curly":
        for k in range(11):
            a = math.radians(180 + k * 18)
            el(hx + math.cos(a) * 0.14, hy - 0.01 + math.sin(a) * 0.135, 0.06, 0.06, hair)
    # shoulders and neck
    sy = 0.665  # shoulder line
    d.rounded_rectangle((u(0.16), u(sy), u(0.84), u(1.25)), radius=u(0.2), fill=cloth)
    d.rectangle((u(hx - 0.058), u(hy + 0.09), u(hx + 0.058), u(sy + 0.03)), fill=skin_sh)
    d.polygon(
        [(u(hx - 0.085), u(sy)), (u(hx + 0.085), u(sy)), (u(hx), u(sy + 0.09))], fill=skin_sh
    )
    collar = _mix(cloth, (255, 255, 255), 0.25)
    d.polygon(
        [
            (u(hx - 0.085), u(sy)),
            (u(hx), u(sy + 0.09)),
            (u(hx - 0.03), u(sy + 0.12)),
            (u(hx - 0.125), u(sy + 0.02)),
        ],
        fill=collar,
    )
    d.polygon(
        [
            (u(hx + 0.085), u(sy)),
            (u(hx), u(sy + 0.09)),
            (u(hx + 0.03), u(sy + 0.12)),
            (u(hx + 0.125), u(sy + 0.02)),
        ],
        fill=collar,
    )
    # head and ears
    el(hx - hr * 0.98, hy + 0.01, 0.025, 0.035, skin_sh)
    el(hx + hr * 0.98, hy + 0.01, 0.025, 0.035, skin_sh)
    el(hx, hy, hr * 0.95, hr * 1.08, skin)
    # hair on top
    if style in ("short", "curly"):
        d.chord((u(hx - hr), u(hy - hr * 1.12), u(hx + hr), u(hy + hr * 0.6)), 180, 360, fill=hair)
    elif style == "side":
        d.chord((u(hx - hr), u(hy - hr * 1.15), u(hx + hr), u(hy + hr * 0.5)), 170, 350, fill=hair)
        d.polygon(
            [
                (u(hx - hr), u(hy - 0.02)),
                (u(hx + 0.02), u(hy - hr * 1.05)),
                (u(hx - hr * 0.3), u(hy - 0.04)),
            ],
            fill=hair,
        )
    else:
        d.chord(
            (u(hx - hr * 1.02), u(hy - hr * 1.15), u(hx + hr * 1.02), u(hy + hr * 0.7)),
            180,
            360,
            fill=hair,
        )
        d.pieslice(
            (u(hx - hr * 1.02), u(hy - hr * 0.75), u(hx + hr * 0.2), u(hy + hr * 0.35)),
            180,
            270,
            fill=hair,
        )
    # friendly, minimal face
    feat = _mix(skin, (40, 25, 20), 0.65)
    ey = hy + 0.02
    for sx in (-1, 1):
        el(hx + sx * 0.045, ey, 0.011, 0.013, feat)
    d.arc(
        (u(hx - 0.04), u(hy + 0.035), u(hx + 0.04), u(hy + 0.085)),
        20,
        160,
        fill=feat,
        width=max(1, round(u(0.008))),
    )
    el(hx - 0.075, hy + 0.06, 0.02, 0.012, _rgba(_hex("#e07a6a"), 0.25))
    el(hx + 0.075, hy + 0.06, 0.02, 0.012, _rgba(_hex("#e07a6a"), 0.25))
    if glasses:
        gw = max(1, round(u(0.007)))
        for sx in (-1, 1):
            d.rounded_rectangle(
                (
                    u(hx + sx * 0.045 - 0.035),
                    u(ey - 0.026),
                    u(hx + sx * 0.045 + 0.035),
                    u(ey + 0.026),
                ),
                radius=u(0.015),
                outline=_mix(hair, (0, 0, 0), 0.3),
                width=gw,
            )
        d.line(
            [(u(hx - 0.01), u(ey - 0.005)), (u(hx + 0.01), u(ey - 0.005))],
            fill=_mix(hair, (0, 0, 0), 0.3),
            width=gw,
        )
    # initials badge
    initials = _initials(name)
    if initials:  # names without Latin letters get no badge (the font is ASCII-only)
        br = 0.15
        bx, by = 0.79, 0.79
        el(bx + 0.008, by + 0.012, br, br, _rgba((0, 0, 0), 0.12))
        el(bx, by, br, br, (255, 255, 255))
        px = max(8, round(u(br * (0.82 if len(initials) > 1 else 1.0))))
        _draw_initials(d, u(bx), u(by), px, initials, _mix(cloth, (0, 0, 0), 0.1))
    return img.resize((S, S), Image.Resampling.LANCZOS)
