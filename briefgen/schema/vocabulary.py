"""The words of the trade: stances, likelihood and impact scales, statuses, risk bands.

Each scale maps the token an analyst types to the words a reader expects on the page.
Risk conventions follow the common 5 x 5 risk register (likelihood x impact = score
1-25; bands 1-4 low, 5-9 medium, 10-15 high, 16-25 very high, as in UK government
Orange Book practice); stakeholder quadrants follow Mendelow's power/interest grid
(manage closely, keep satisfied, keep informed, monitor).
"""

from __future__ import annotations

from typing import Final

#: Stance token -> (symbol, words). The symbol keeps the table legible in grayscale.
STANCES: Final[dict[str, tuple[str, str]]] = {
    "strongly-support": ("++", "Strongly support"),
    "support": ("+", "Support"),
    "neutral": ("0", "Neutral"),
    "oppose": ("\u2212", "Oppose"),
    "strongly-oppose": ("\u2212\u2212", "Strongly oppose"),
    "unknown": ("?", "Unknown"),
}

#: Stance token -> its value in the support index (unknown stances count for nothing).
STANCE_VALUES: Final[dict[str, int]] = {
    "strongly-support": 2,
    "support": 1,
    "neutral": 0,
    "oppose": -1,
    "strongly-oppose": -2,
}

#: Likelihood word -> level 1-5, in order.
LIKELIHOOD: Final[dict[str, int]] = {
    "rare": 1,
    "unlikely": 2,
    "possible": 3,
    "likely": 4,
    "almost-certain": 5,
}
#: Impact word -> level 1-5, in order.
IMPACT: Final[dict[str, int]] = {
    "negligible": 1,
    "minor": 2,
    "moderate": 3,
    "major": 4,
    "severe": 5,
}

KINDS: Final = ("decision", "information")
STATUSES: Final = ("draft", "proposed", "cleared", "decided", "superseded")
CLEARANCE_STATUSES: Final = ("cleared", "pending", "not-cleared")

#: Upper bound of each risk band, by score (likelihood x impact).
RISK_BANDS: Final = ((4, "Low"), (9, "Medium"), (15, "High"), (25, "Very high"))


def words(token: str) -> str:
    """Turn a token into reader's words: ``almost-certain`` -> ``Almost certain``."""
    return token.replace("-", " ").capitalize()


def level_words(scale: dict[str, int], level: int) -> str:
    """Name a 1-5 level on ``scale`` (``LIKELIHOOD`` or ``IMPACT``): 4 -> ``Likely``."""
    for token, value in scale.items():
        if value == level:
            return words(token)
    raise ValueError(f"level {level} is outside the scale 1-5")


def risk_band(score: int) -> str:
    """Return the band of a risk score 1-25: ``Low``, ``Medium``, ``High`` or ``Very high``."""
    for upper, band in RISK_BANDS:
        if score <= upper:
            return band
    raise ValueError(f"risk score {score} is outside 1-25")


def quadrant(influence: int, salience: int) -> str:
    """Place a stakeholder on the power/interest grid (both 1-5; 4 and up is high)."""
    high_power, high_interest = influence >= 4, salience >= 4
    if high_power and high_interest:
        return "Manage closely"
    if high_power:
        return "Keep satisfied"
    if high_interest:
        return "Keep informed"
    return "Monitor"
