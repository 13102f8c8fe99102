"""Tokens and sentences of one paragraph, with character offsets into it.

Offsets matter more than anything here: every claim's text is cut from the paragraph by
offset, so citations are verbatim by construction. SoMaJo does the German tokenisation and
sentence splitting (abbreviations, dates, ordinals).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from somajo import SoMaJo


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


@dataclass(slots=True)
class Sentence:
    tokens: list[Token]

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


def _join_dotted(tokens: list[Token], para: str) -> list[Token]:
    """ "nv . ua" back to "nv.ua": web addresses name outlets and must stay one word."""
    out: list[Token] = []
    for tok in tokens:
        if len(out) >= 2 and out[-1].text == "." and out[-2].end == out[-1].start and out[-1].end == tok.start \
                and tok.text.isalnum() and out[-2].text[-1:].isalnum() and tok.text.islower():
            dot = out.pop()
            prev = out.pop()
            out.append(Token(para[prev.start:tok.end], prev.start, tok.end))
            del dot
            continue
        out.append(tok)
    return out


def _split_before_quotes(tokens: list[Token]) -> list[list[Token]]:
    """ "… von Benedikt XVI. „Die Regierung …“": a full stop before an opening German quotation
    mark and a capital ends the sentence, even after a word the splitter took for an abbreviation."""
    parts: list[list[Token]] = []
    start = 0
    for k in range(1, len(tokens) - 1):
        before, mark, after = tokens[k - 1], tokens[k], tokens[k + 1]
        if mark.text not in ("„", "»") or not after.is_capitalised or not before.text.endswith((".", "!", "?")):
            continue
        word = before.text.rstrip(".!?")
        if word and (word.islower() or not word.isalpha()):  # "bzw.", "3.", "z.B.": no sentence end
            continue
        parts.append(tokens[start:k])
        start = k
    parts.append(tokens[start:])
    return [p for p in parts if p]


@lru_cache(maxsize=1)
def _tokenizer() -> SoMaJo:
    return SoMaJo("de_CMC", split_camel_case=False, split_sentences=True, character_offsets=True)


def split_sentences(paragraphs: list[str]) -> list[list[Sentence]]:
    """Sentences of each paragraph; offsets are relative to that paragraph."""
    result: list[list[Sentence]] = []
    tokenizer = _tokenizer()
    for para in paragraphs:
        sentences: list[Sentence] = []
        for sent in tokenizer.tokenize_text([para]):
            tokens = [Token(para[s:e], s, e) for t in sent
                      if (s := t.character_offset[0]) < (e := t.character_offset[1])]
            if tokens:
                last = tokens[-1]
                if len(last.text) > 4 and last.text.endswith(".") and last.text[:-1].isalpha() \
                        and last.text[:1].isupper() and not last.text[:-1].isupper():
                    # "… sagte Anna Berger." read as an abbreviation: the full stop ends the sentence
                    tokens[-1:] = [Token(last.text[:-1], last.start, last.end - 1), Token(".", last.end - 1, last.end)]
                sentences.extend(Sentence(part) for part in _split_before_quotes(_join_dotted(tokens, para)))
        result.append(sentences)
    return result
