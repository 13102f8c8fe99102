"""The units a question for a measure wants its number in: "Wie hoch wird der Turm?" is answered by a sentence
giving metres ("541 Meter"), "How much did it cost?" by one giving a currency, not by any sentence with a number."""

from __future__ import annotations

import re

_LENGTH = r"meter|metern|m|kilometer|kilometern|km|zentimeter|cm|millimeter|mm|meilen|miles|fuß|feet"
_MONEY = r"euro|€|dollar|us-dollar|\$|pfund|franken|yen|yuan|rubel|mark|kronen|cent"
_WEIGHT = r"tonnen|kilogramm|kilo|kg|gramm|g"
_SPEED = r"km/h|stundenkilometer|kilometer pro stunde|kilometern pro stunde|meilen pro stunde|mph|knoten"
_AGE = r"jahre|jahren|jahr"
_SCALE = r"(?:\s*(?:millionen|million|mio\.?|milliarden|milliarde|mrd\.?|tausend))?"

#: question cues (folded, as `fold_query` writes them) and the units their answer gives, tried in order
_ASKED = [
    (("top speed", "how fast", "what speed", "wie schnell", "hochstgeschwindigkeit", "welche geschwindigkeit"), _SPEED),
    (("how much did", "how much does", "how much was", "how much is", "how expensive", "what price", "cost",
      "wie teuer", "welchen preis", "kostete", "kosten", "dotiert", "wie viel geld", "how much money"), _MONEY),
    (("how heavy", "what weight", "wie schwer", "welches gewicht"), _WEIGHT),
    (("how old", "wie alt"), _AGE),
    (("how high", "wie hoch"), f"{_LENGTH}|{_MONEY}"),  # a tower's height or a prize's sum
    (("how tall", "how long", "how far", "how deep", "what height", "what length", "what range", "the range",
      "wie lang", "wie weit", "wie tief", "welche hohe", "welche lange", "reichweite"), _LENGTH),
]


_NUMBER = r"\d[\d.,]*|\b(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|hundert)\w*"
#: per cue list, a number with the units its measure is given in, compiled once
_PATTERNS = [(cues, re.compile(rf"(?:{_NUMBER}){_SCALE}\s*(?:{units})(?![\w])", re.IGNORECASE))
             for cues, units in _ASKED]


def asked_unit(folded: str) -> re.Pattern[str] | None:
    """A number with the units the question's measure is given in, or None where it names no such measure."""
    padded = f" {folded} "
    for cues, pattern in _PATTERNS:
        if any(f" {cue} " in padded or padded.startswith(f" {cue}") for cue in cues):
            return pattern
    return None
