"""The documents' own sentences, as citable passages.

A question no claim answers ("When was the foundation set up?", "Where did the attack happen?")
is answered with the sentences of the documents that fit it best. Each passage is a verbatim
sentence of one paragraph, cited like a claim (kind ``passage``, no speaker), so every line of
such a reply can be checked against the document as well.
"""

from __future__ import annotations

from knowledge.extraction.text import split_sentences
from knowledge.model import Claim

#: Shorter sentences ("Bonn (dpa)", a lone heading) say nothing an answer could stand on.
MIN_CHARS = 25


def split_passages(doc_id: str, paragraphs: list[str]) -> list[Claim]:
    """Every sentence of the document of at least MIN_CHARS characters, in order, with its paragraph."""
    passages: list[Claim] = []
    for number, (paragraph, sentences) in enumerate(zip(paragraphs, split_sentences(paragraphs), strict=True),
                                                    start=1):
        for sentence in sentences:
            text = paragraph[sentence.start:sentence.end].strip()
            if len(text) >= MIN_CHARS and sum(c.isalpha() for c in text) >= MIN_CHARS // 2:
                passages.append(Claim(id=f"{doc_id}~{len(passages) + 1}", source=doc_id, paragraph=number,
                                      kind="passage", text=text))
    return passages
