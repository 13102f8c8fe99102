"""Wording answers for people reading on a phone: short lines, a citation on every line.

Replies are in the asker's language; quotations stay verbatim German. Every line that
states something ends with its source and paragraph, e.g. ``[taz ¶7]``.
"""

from __future__ import annotations

from handlers.role_labels import role_label
from handlers.texts import texts
from knowledge.answers import Answer, Group
from knowledge.index import KnowledgeIndex
from knowledge.model import Claim

MAX_CLAIM_CHARS = 280


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


def figure_phrase(claim: Claim, lang: str) -> str:
    f = claim.figure
    assert f is not None
    words = texts(lang)
    if f.value is not None:
        core = words.number(f.value)
    elif f.low is not None and f.high is not None:
        core = f"{words.number(f.low)}–{words.number(f.high)}"
    else:
        core = words.number(f.high or f.low or 0)
    qualifier = words.figure_qualifier(f.qualifier or "")
    if qualifier and not core.startswith(qualifier):
        core = f"{qualifier} {core}"
    unit = f" {words.figure_unit(f.unit)}" if f.unit else ""
    # the qualifier is shown already ("insgesamt 8.000 Soldaten"), not again in the scope
    scope_parts = [p for p in (f.scope or "").split("; ") if p.strip() and p.strip().lower() != (f.qualifier or "")]
    scope = f" ({'; '.join(scope_parts)})" if scope_parts else ""
    return f"{core}{unit}{scope}"


def render_figures(answer: Answer, index: KnowledgeIndex, lang: str) -> list[str]:
    words = texts(lang)
    measure = answer.question.measure
    title = words.figures_title_measure.get(measure) if measure and measure != "troops" else None
    lines = [f"{title or words.figures_title}:"]
    if answer.note == "scope_unmatched":
        lines.append(words.scope_unmatched)
    if answer.best is not None:  # the number as the document writes it, in its sentence
        lines.append(f"{words.best_figure}: {clip(answer.best.text)} {cite(answer.best, index)}")
    for group in answer.groups:
        lines.append(f"• {group.title}:")
        for claim in group.claims:
            lines.append(f"  {figure_phrase(claim, lang)} – {figure_attribution(claim, lang)} {cite(claim, index)}")
    if answer.figure_range:
        lo, hi = answer.figure_range
        span = words.number(lo) if lo == hi else f"{words.number(lo)} – {words.number(hi)}"
        summary = f"{words.range}: {span}"
        if answer.most_cited:
            top = ", ".join(f"{words.number(v)} ({n} {words.sources_n})" for v, n in answer.most_cited[:2])
            summary += f"; {words.most_cited}: {top}"
        lines.append(summary)
    return lines


def figure_attribution(claim: Claim, lang: str) -> str:
    """Whose number it is; one a speaker disputes or would not confirm ("Das Pentagon bestätigte die Zahl
    nicht") is shown as such, never as the speaker's own number."""
    words = texts(lang)
    if not claim.speaker:
        return words.no_attribution
    who = f"{claim.speaker}, {words.via} {claim.via}" if claim.via else claim.speaker
    if claim.stance == "denies":
        return words.figure_denied.format(speaker=who)
    if claim.stance == "refuses":
        return words.figure_refused.format(speaker=who)
    return f"{words.attributed} {who}"


def claim_line(claim: Claim, index: KnowledgeIndex, lang: str, *, with_speaker: bool = False) -> str:
    """One claim with its citation; a denial or refusal says so, never reads as what the speaker asserts."""
    words = texts(lang)
    if claim.stance == "denies":
        label = words.denies
    elif claim.stance == "refuses":
        label = words.refuses
    else:
        label = words.quote if claim.kind == "quote" else words.indirect
    who = f"{claim.speaker}: " if with_speaker and claim.speaker else ""
    return f"  {who}{label}: {clip(claim.text)} {cite(claim, index)}"


def render_statements(answer: Answer, index: KnowledgeIndex, lang: str) -> list[str]:
    lines: list[str] = []
    current_speaker = None
    for group in answer.groups:
        speaker = group.note
        if speaker != current_speaker:
            entity = next((e for e in answer.question.entities + answer.question.ambiguous if e.name == speaker), None)
            role = f" ({role_label(entity.roles[0], lang)})" if entity and entity.roles else ""
            lines.append(texts(lang).statements_title.format(name=f"{speaker}{role}") + ":")
            current_speaker = speaker
        lines.append(f"• {group.title}:")
        lines.extend(claim_line(c, index, lang) for c in group.claims)
    return lines


def render_who_said(answer: Answer, index: KnowledgeIndex, lang: str) -> list[str]:
    q = answer.question
    words = texts(lang)
    if q.phrase:
        lines = [words.who_said_phrase.format(phrase=q.phrase)]
    else:
        title = words.who_said_topic
        if q.stance and answer.claims and all(c.stance == q.stance for c in answer.claims):
            title = words.who_denied_topic if q.stance == "denies" else words.who_refused_topic
        lines = [title.format(topic=" ".join(q.topic_words))]
    for group in answer.groups:
        lines.append(f"• {group.title}:")
        lines.extend(claim_line(c, index, lang) for c in group.claims)
    return lines


def render_passages(answer: Answer, index: KnowledgeIndex, lang: str) -> list[str]:
    """Sentences of the documents themselves, marked as such: nobody is quoted, the document says it."""
    words = texts(lang)
    lines = [words.passages_title]
    for group in answer.groups:
        lines.append(f"• {group.title}:")
        lines.extend(f"  {words.passage}: {clip(c.text)} {cite(c, index)}" for c in group.claims)
    return lines


def render_quoted_in(answer: Answer, index: KnowledgeIndex, lang: str) -> list[str]:
    lines = []
    for group in answer.groups:
        lines.append(texts(lang).quoted_in_title.format(source=group.title) + ":")
        lines.extend(claim_line(c, index, lang, with_speaker=True) for c in group.claims)
    return lines


#: sources listed in a chat reply; a store of thousands of documents is not read line by line on a phone
MAX_SOURCES_SHOWN = 40


def render_sources(index: KnowledgeIndex, lang: str) -> list[str]:
    words = texts(lang)
    counts = index.statement_counts()
    lines = [words.sources_title.format(n=len(index.sources))]
    listed = sorted(index.sources.items())
    for doc_id, source in listed[:MAX_SOURCES_SHOWN]:
        outlet = source.outlet if source.outlet != "unknown" else words.outlet_unknown
        date = f", {source.date}" if source.date != "unknown" else ""
        short = index.short_id(doc_id)
        full = f" [{doc_id}]" if short != doc_id else ""
        lines.append(f"• {short}: {outlet}{date} – {claims_n(counts.get(doc_id, 0), lang)}{full}")
    if len(listed) > MAX_SOURCES_SHOWN:
        lines.append(words.more_sources.format(n=len(listed) - MAX_SOURCES_SHOWN))
    return lines


def claims_n(n: int, lang: str) -> str:
    words = texts(lang)
    return words.claims_1 if n == 1 else words.claims_n.format(n=n)


def render_none(answer: Answer, lang: str) -> list[str]:
    q = answer.question
    words = texts(lang)
    if q.other_count:
        return [words.none_count.format(what=q.other_count)]
    if q.mentioned_only and not q.entities and not q.ambiguous:
        return [words.mentioned_only.format(names=", ".join(q.mentioned_only))]
    if answer.note == "topic_unmatched" and q.entities:
        return [words.none_topic.format(name=q.entities[0].name, topic=" ".join(q.topic_words))]
    lines = [words.none_name.format(name=q.unknown_name) if q.unknown_name else words.none]
    if q.suggestion:
        lines.append(words.did_you_mean.format(name=q.suggestion))
    return lines


def more_lines(groups: list[Group], index: KnowledgeIndex, lang: str) -> list[str]:
    lines = []
    for group in groups:
        head = group.note or group.title
        lines.append(f"• {head} – {group.title}:" if group.note else f"• {group.title}:")
        lines.extend(claim_line(c, index, lang) for c in group.claims)
    return lines
