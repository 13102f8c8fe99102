"""Which paragraphs are the article, and which are page furniture around it.

Pages saved from news sites carry headlines, photo captions, tracking pixels, donation
appeals, book promotions, source lists and reader comments. Claims must come from the article
only: a reader's comment under a taz article is not what taz reported.
"""

from __future__ import annotations

import re
from typing import Literal

Role = Literal["article", "heading", "caption", "furniture", "comment", "sourcelist"]

_COMMENTS_HEADER = re.compile(
    r"^\s*(\d+\s+)?(leser)?(kommentare?|kommentieren|diskussion|diskutieren sie mit|ihre meinung|"
    r"comments?|leserbriefe?)\b.{0,40}$",
    re.I,
)
_BULLET = re.compile(r"^\s*[•·▪◦‣\-–*]\s+\S")
_REPLY_TO = re.compile(r"^\s*(•\s*)?@\s*\S[^:]{0,60}:\s*$")
_TRACKING = re.compile(r"\b(piwik|no ?script|tracking pixel|img src|google_?analytics|cookie)\b", re.I)
_CAPTION = re.compile(r"(\b(Foto|Fotos|Bild|Bilder|Grafik|Quelle Bild|Photo)\s*:\s*\S.{0,80}$)|(©\s*\S)|"
                      r"(\(Foto[:\s])", re.I)
_APPEAL = re.compile(
    r"(jetzt unterstützen|unterstützen sie|spenden sie|jetzt spenden|abonnieren|zahl ich|newsletter|"
    r"werden sie mitglied|jetzt bestellen|im buchhandel|bestellen sie|erhältlich (bei|im)|mehr zum thema|"
    r"lesen sie auch|weiterlesen|anzeige\b|werbung\b|teilen sie diesen|folgen sie uns)",
    re.I,
)
_SOURCE_LIST = re.compile(r"^\s*(quelle|quellen|sources?)(\s+für diesen artikel( sind)?)?\s*:", re.I)
_WORDS = re.compile(r"\w+")


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    words = _WORDS.findall(stripped)
    if not words or len(words) > 14:
        return False
    return stripped[-1] not in ".!?:“\"»«…)" or len(words) <= 3


def classify_paragraphs(paragraphs: list[str]) -> list[Role]:
    """One role per paragraph; everything after a comments header is a comment."""
    roles: list[Role] = []
    in_comments = False
    in_sources = False
    for para in paragraphs:
        stripped = para.strip()
        if in_comments:
            roles.append("comment")
            continue
        if _COMMENTS_HEADER.match(stripped):
            in_comments = True
            roles.append("furniture")
            continue
        if _BULLET.match(para) or _REPLY_TO.match(para):
            # bulleted lines after the article body are reader comments
            in_comments = bool(roles) and roles.count("article") > 0 and len(roles) > len(paragraphs) // 2
            roles.append("comment" if in_comments else "article")
            continue
        if _SOURCE_LIST.match(stripped):
            roles.append("sourcelist")
            in_sources = stripped.rstrip().endswith(":")
            continue
        if in_sources:
            roles.append("sourcelist")
            continue
        tracking = _TRACKING.search(stripped) and len(stripped) < 80
        no_words = len(stripped) < 12 and not re.search(r"[A-Za-zÄÖÜäöü]{3}", stripped)
        appeal = len(_APPEAL.findall(stripped)) >= 2 or (_APPEAL.search(stripped) and len(stripped) < 60)
        if tracking or no_words or appeal:
            roles.append("furniture")
        elif _CAPTION.search(stripped) and len(stripped) < 400 and not re.search(r"[.!?]\s*„", stripped):
            roles.append("caption")
        elif _is_heading(stripped):
            roles.append("heading")
        else:
            roles.append("article")
    return roles
