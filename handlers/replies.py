"""Wording answers for people reading on a phone: short lines, a citation on every line.

Replies are in the asker's language; quotations stay verbatim German. Every line that
states something ends with its source and paragraph, e.g. ``[taz ¶7]``.
"""

from __future__ import annotations

from knowledge.answers import Answer, Group
from knowledge.index import KnowledgeIndex
from knowledge.model import Claim

MAX_CLAIM_CHARS = 280

TEXT = {
    "de": {
        "figures_title": "Truppenzahlen je Quelle",
        "figures_title_measure": {"deserters": "Deserteure je Quelle", "casualties": "Verluste je Quelle"},
        "attributed": "laut",
        "no_attribution": "ohne Quellenangabe",
        "range": "Spanne",
        "most_cited": "am häufigsten genannt",
        "sources_n": "Quellen",
        "statements_title": "Aussagen von {name}",
        "who_said_phrase": "Wer sagte „{phrase}“?",
        "who_said_topic": "Wer sprach über „{topic}“?",
        "quoted_in_title": "Zitiert in {source}",
        "quote": "Zitat",
        "indirect": "sinngemäß",
        "denies": "bestreitet",
        "refuses": "lehnt ab",
        "more": "… {n} weitere – /more zeigt sie.",
        "more_capped": "… {n} weitere – /more zeigt die nächsten {k}; "
                       "eine engere Frage (Person, Quelle) findet den Rest.",
        "none": "Dazu steht nichts in den Quellen.",
        "none_name": "Zu „{name}“ steht nichts in den Quellen.",
        "none_count": "Die Quellen nennen keine Zahlen zu „{what}“.",
        "none_topic": "{name} sagt in den Quellen nichts zu „{topic}“.",
        "did_you_mean": "Meinten Sie {name}?",
        "mentioned_only": "{names} wird in den Quellen erwähnt, aber nicht zitiert.",
        "ambiguous": "Mehrere Personen passen: {names}.",
        "sources_title": "{n} Quellen:",
        "claims_n": "{n} Aussagen",
        "claims_1": "1 Aussage",
        "more_sources": "… und {n} weitere.",
        "outlet_unknown": "Medium unbekannt",
        "scope_unmatched": "Keine Zahl speziell dazu; alle Zahlen:",
        "via": "über",
        "empty_question": "Bitte stellen Sie eine Frage, z. B. „Wie viele Soldaten meldet jede Quelle?“",
        "passages_title": "Das steht dazu in den Quellen:",
        "passage": "Text",
    },
    "en": {
        "figures_title": "Troop figures by source",
        "figures_title_measure": {"deserters": "Deserters by source", "casualties": "Casualties by source"},
        "attributed": "according to",
        "no_attribution": "no attribution",
        "range": "Range",
        "most_cited": "most cited",
        "sources_n": "sources",
        "statements_title": "Statements by {name}",
        "who_said_phrase": "Who said “{phrase}”?",
        "who_said_topic": "Who spoke about “{topic}”?",
        "quoted_in_title": "Quoted in {source}",
        "quote": "quote",
        "indirect": "paraphrase",
        "denies": "denies",
        "refuses": "declines",
        "more": "… {n} more – /more shows them.",
        "more_capped": "… {n} more – /more shows the next {k}; "
                       "a narrower question (a person, a source) finds the rest.",
        "none": "The sources say nothing about that.",
        "none_name": "The sources say nothing about “{name}”.",
        "none_count": "The sources give no figures for “{what}”.",
        "none_topic": "{name} says nothing about “{topic}” in the sources.",
        "did_you_mean": "Did you mean {name}?",
        "mentioned_only": "{names} is mentioned in the sources but not quoted.",
        "ambiguous": "Several people match: {names}.",
        "sources_title": "{n} sources:",
        "claims_n": "{n} statements",
        "claims_1": "1 statement",
        "more_sources": "… and {n} more.",
        "outlet_unknown": "outlet unknown",
        "scope_unmatched": "No figure for exactly that; all figures:",
        "via": "via",
        "empty_question": "Please ask a question, e.g. “How many troops does each source report?”",
        "passages_title": "What the documents say (their own words, in German):",
        "passage": "text",
    },
}


def t(lang: str, key: str, **kw: object) -> str:
    text = TEXT.get(lang, TEXT["de"])[key]
    return text.format(**kw) if kw and isinstance(text, str) else text  # type: ignore[return-value]


def number(value: int, lang: str) -> str:
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "de" else text


def short_source(doc_id: str, index: KnowledgeIndex) -> str:
    return index.outlet(doc_id)


def cite(claim: Claim, index: KnowledgeIndex) -> str:
    return f"[{short_source(claim.source, index)} ¶{claim.paragraph}]"


def clip(text: str, limit: int = MAX_CLAIM_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " […]"


#: What figures count, in English replies (general words; a unit not listed stays as the document wrote it)
ENGLISH_UNITS = {
    "Menschen": "people", "Personen": "people", "Soldaten": "soldiers", "Mann": "troops", "Truppen": "troops",
    "Tote": "dead", "Todesopfer": "dead", "Opfer": "victims", "Verletzte": "injured", "Verwundete": "wounded",
    "Kämpfer": "fighters", "Zivilisten": "civilians", "Gefangene": "prisoners", "Häftlinge": "prisoners",
    "Flüchtlinge": "refugees", "Demonstranten": "protesters", "Polizisten": "police officers",
    "Beamte": "officers", "Offiziere": "officers", "Generäle": "generals", "Deserteure": "deserters",
    "Geiseln": "hostages", "Kinder": "children", "Einwohner": "inhabitants",
}


def figure_phrase(claim: Claim, lang: str) -> str:
    f = claim.figure
    assert f is not None
    if f.value is not None:
        core = number(f.value, lang)
    elif f.low is not None and f.high is not None:
        core = f"{number(f.low, lang)}–{number(f.high, lang)}"
    else:
        core = number(f.high or f.low or 0, lang)
    qualifier = f.qualifier or ""
    if qualifier and lang == "en":
        qualifier = {"bis zu": "up to", "rund": "about", "etwa": "about", "mehr als": "more than",
                     "mindestens": "at least", "über": "over", "knapp": "almost", "fast": "almost",
                     "insgesamt": "in total", "weitere": "another"}.get(qualifier, qualifier)
    if qualifier and not core.startswith(qualifier) and not (lang == "de" and qualifier == "bis zu" and f.value):
        core = f"{qualifier} {core}"
    elif qualifier == "bis zu" and lang == "de":
        core = f"bis zu {core}"
    unit = f" {ENGLISH_UNITS.get(f.unit, f.unit) if lang == 'en' else f.unit}" if f.unit else ""
    # the qualifier is shown already ("insgesamt 8.000 Soldaten"), not again in the scope
    scope_parts = [p for p in (f.scope or "").split("; ") if p.strip() and p.strip().lower() != (f.qualifier or "")]
    scope = f" ({'; '.join(scope_parts)})" if scope_parts else ""
    return f"{core}{unit}{scope}"


def render_figures(answer: Answer, index: KnowledgeIndex, lang: str) -> list[str]:
    measure = answer.question.measure
    titles: dict[str, str] = TEXT.get(lang, TEXT["de"])["figures_title_measure"]  # type: ignore[assignment]
    title = titles.get(measure) if measure != "troops" else None
    lines = [f"{title or t(lang, 'figures_title')}:"]
    if answer.note == "scope_unmatched":
        lines.append(t(lang, "scope_unmatched"))
    for group in answer.groups:
        lines.append(f"• {group.title}:")
        for claim in group.claims:
            who = claim.speaker or t(lang, "no_attribution")
            via = f", {t(lang, 'via')} {claim.via}" if claim.via else ""
            attribution = f"{t(lang, 'attributed')} {who}{via}" if claim.speaker else who
            lines.append(f"  {figure_phrase(claim, lang)} – {attribution} {cite(claim, index)}")
    if answer.figure_range:
        lo, hi = answer.figure_range
        span = number(lo, lang) if lo == hi else f"{number(lo, lang)} – {number(hi, lang)}"
        summary = f"{t(lang, 'range')}: {span}"
        if answer.most_cited:
            top = ", ".join(f"{number(v, lang)} ({n} {t(lang, 'sources_n')})" for v, n in answer.most_cited[:2])
            summary += f"; {t(lang, 'most_cited')}: {top}"
        lines.append(summary)
    return lines


def claim_line(claim: Claim, index: KnowledgeIndex, lang: str, *, with_speaker: bool = False) -> str:
    """One claim with its citation; a denial or refusal says so, never reads as what the speaker asserts."""
    if claim.stance in ("denies", "refuses"):
        label = t(lang, claim.stance)
    else:
        label = t(lang, "quote") if claim.kind == "quote" else t(lang, "indirect")
    who = f"{claim.speaker}: " if with_speaker and claim.speaker else ""
    return f"  {who}{label}: {clip(claim.text)} {cite(claim, index)}"


def render_statements(answer: Answer, index: KnowledgeIndex, lang: str) -> list[str]:
    lines: list[str] = []
    current_speaker = None
    for group in answer.groups:
        speaker = group.note
        if speaker != current_speaker:
            entity = next((e for e in answer.question.entities + answer.question.ambiguous if e.name == speaker), None)
            role = f" ({entity.roles[0]})" if entity and entity.roles else ""
            lines.append(t(lang, "statements_title", name=f"{speaker}{role}") + ":")
            current_speaker = speaker
        lines.append(f"• {group.title}:")
        lines.extend(claim_line(c, index, lang) for c in group.claims)
    return lines


def render_who_said(answer: Answer, index: KnowledgeIndex, lang: str) -> list[str]:
    q = answer.question
    if q.phrase:
        lines = [t(lang, "who_said_phrase", phrase=q.phrase)]
    else:
        lines = [t(lang, "who_said_topic", topic=" ".join(q.topic_words))]
    for group in answer.groups:
        lines.append(f"• {group.title}:")
        lines.extend(claim_line(c, index, lang) for c in group.claims)
    return lines


def render_passages(answer: Answer, index: KnowledgeIndex, lang: str) -> list[str]:
    """Sentences of the documents themselves, marked as such: nobody is quoted, the document says it."""
    lines = [t(lang, "passages_title")]
    for group in answer.groups:
        lines.append(f"• {group.title}:")
        lines.extend(f"  {t(lang, 'passage')}: {clip(c.text)} {cite(c, index)}" for c in group.claims)
    return lines


def render_quoted_in(answer: Answer, index: KnowledgeIndex, lang: str) -> list[str]:
    lines = []
    for group in answer.groups:
        lines.append(t(lang, "quoted_in_title", source=group.title) + ":")
        lines.extend(claim_line(c, index, lang, with_speaker=True) for c in group.claims)
    return lines


#: sources listed in a chat reply; a store of thousands of documents is not read line by line on a phone
MAX_SOURCES_SHOWN = 40


def render_sources(index: KnowledgeIndex, lang: str) -> list[str]:
    counts = index.statement_counts()
    lines = [t(lang, "sources_title", n=len(index.sources))]
    listed = sorted(index.sources.items())
    for doc_id, source in listed[:MAX_SOURCES_SHOWN]:
        outlet = source.outlet if source.outlet != "unknown" else t(lang, "outlet_unknown")
        date = f", {source.date}" if source.date != "unknown" else ""
        short = index.short_id(doc_id)
        full = f" [{doc_id}]" if short != doc_id else ""
        lines.append(f"• {short}: {outlet}{date} – {claims_n(counts.get(doc_id, 0), lang)}{full}")
    if len(listed) > MAX_SOURCES_SHOWN:
        lines.append(t(lang, "more_sources", n=len(listed) - MAX_SOURCES_SHOWN))
    return lines


def claims_n(n: int, lang: str) -> str:
    return t(lang, "claims_1") if n == 1 else t(lang, "claims_n", n=n)


def render_none(answer: Answer, lang: str) -> list[str]:
    q = answer.question
    if q.other_count:
        return [t(lang, "none_count", what=q.other_count)]
    if q.mentioned_only and not q.entities and not q.ambiguous:
        return [t(lang, "mentioned_only", names=", ".join(q.mentioned_only))]
    if answer.note == "topic_unmatched" and q.entities:
        return [t(lang, "none_topic", name=q.entities[0].name, topic=" ".join(q.topic_words))]
    lines = [t(lang, "none_name", name=q.unknown_name) if q.unknown_name else t(lang, "none")]
    if q.suggestion:
        lines.append(t(lang, "did_you_mean", name=q.suggestion))
    return lines


def more_lines(groups: list[Group], index: KnowledgeIndex, lang: str) -> list[str]:
    lines = []
    for group in groups:
        head = group.note or group.title
        lines.append(f"• {head} – {group.title}:" if group.note else f"• {group.title}:")
        lines.extend(claim_line(c, index, lang) for c in group.claims)
    return lines
