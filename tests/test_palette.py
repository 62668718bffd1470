"""The two palettes: claim types and verdicts stay apart, also for colour-blind readers.

Colour-vision deficiencies are simulated with the matrices of Machado, Oliveira and Fernandes
(2009, severity 1.0) on linear RGB; differences are CIEDE2000 in CIELAB (D65).
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from claimcheck.detection.rules import claim_types
from claimcheck.model import DEFAULT_SCALE
from claimcheck.palette import LINE_STYLES, TYPE_COLOURS, TYPE_STYLES, TypeStyle, type_style

VISION = {
    "normal": np.eye(3),
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "tritanopia": np.array(
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ]
    ),
}


def lab(hex_colour: str, vision: str) -> tuple[float, float, float]:
    rgb = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    linear = np.clip(VISION[vision] @ linear, 0, 1)
    xyz = (
        np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
        @ linear
    )
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > 0.008856, np.cbrt(t), 7.787 * t + 16 / 116)
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def ciede2000(lab1, lab2) -> float:
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p, h2p = math.degrees(math.atan2(b1, a1p)) % 360, math.degrees(math.atan2(b2, a2p)) % 360
    dh = 0.0 if c1p * c2p == 0 else h2p - h1p
    dh += -360 if dh > 180 else 360 if dh < -180 else 0
    d_l, d_c = l2 - l1, c2p - c1p
    d_h = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) > 180:
        h_bar = (h1p + h2p + 360) / 2
    else:
        h_bar = (h1p + h2p) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_bar - 30))
        + 0.24 * math.cos(math.radians(2 * h_bar))
        + 0.32 * math.cos(math.radians(3 * h_bar + 6))
        - 0.20 * math.cos(math.radians(4 * h_bar - 63))
    )
    r_c = 2 * math.sqrt(cp_bar**7 / (cp_bar**7 + 25**7))
    r_t = -math.sin(math.radians(60 * math.exp(-(((h_bar - 275) / 25) ** 2)))) * r_c
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c, s_h = 1 + 0.045 * cp_bar, 1 + 0.015 * cp_bar * t
    return math.sqrt(
        (d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2 + r_t * (d_c / s_c) * (d_h / s_h)
    )


def difference(a: str, b: str, vision: str) -> float:
    return ciede2000(lab(a, vision), lab(b, vision))


def luminance(hex_colour: str) -> float:
    rgb = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return float(linear @ np.array([0.2126, 0.7152, 0.0722]))


def test_the_difference_formula_matches_published_values():
    # Sharma, Wu and Dalal (2005), pairs 1 and 17 of their CIEDE2000 test data.
    assert ciede2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert ciede2000((50, 2.5, 0), (73, 25, -18)) == pytest.approx(27.1492, abs=1e-4)


@pytest.mark.parametrize("vision", VISION)
def test_type_colours_stay_apart_for_every_kind_of_vision(vision):
    for a, b in itertools.combinations(TYPE_COLOURS, 2):
        assert difference(a, b, vision) > 20, (a, b, vision)


def test_type_colours_are_not_verdict_colours():
    verdicts = [label.colour for label in DEFAULT_SCALE.labels]
    for type_colour, verdict in itertools.product(TYPE_COLOURS, verdicts):
        assert difference(type_colour, verdict, "normal") > 20, (type_colour, verdict)


def test_verdict_colours_stay_apart_and_every_line_shows_on_white():
    verdicts = [label.colour for label in DEFAULT_SCALE.labels]
    for a, b in itertools.combinations(verdicts, 2):
        assert difference(a, b, "normal") > 20, (a, b)
        # With a colour-vision deficiency some come closer: the words always stand beside them.
        assert min(difference(a, b, v) for v in VISION) > 8, (a, b)
    for hex_colour in TYPE_COLOURS:
        assert 1.05 / (luminance(hex_colour) + 0.05) >= 3.0, hex_colour  # WCAG non-text contrast


def test_fourteen_types_or_more_get_their_own_colour_and_line():
    entries = {(c, line) for c in TYPE_COLOURS for line in LINE_STYLES}
    assert len(entries) >= 14
    styles = list(TYPE_STYLES.values())
    assert len(set(styles)) == len(styles)  # no two types drawn alike
    assert set(styles) <= {TypeStyle(c, line) for c, line in entries}
    for name in claim_types():  # every shipped type has a palette entry
        assert name in TYPE_STYLES, name


def test_a_type_the_palette_does_not_know_keeps_its_rule_file_colour():
    class Info:
        colour = "#123456"

    assert type_style("weather", {"weather": Info()}) == TypeStyle("#123456", "double")
    assert type_style("weather", {}) == TypeStyle("#777777", "double")
    assert type_style("expulsion", {"expulsion": Info()}).colour != "#123456"
