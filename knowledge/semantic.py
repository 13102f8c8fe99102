"""Ranking claims, passages and speakers' roles by what a question means, in German or English.

Each text is scored by the cosine of its sentence vector with the question's, plus the share of
the question's rarer words (by inverse document frequency) it holds. The vectors carry meaning
across languages and paraphrase ("the club will stay open to everyone" finds „Wir bleiben ein
Verein für alle Generationen“); the words carry names, numbers and rare terms the vectors blur ("Nordwind",
"Funafuti"). Scores are comparable across questions, so one calibrated floor (`FLOOR`) tells an
answer from nothing.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from knowledge.embeddings import DIM, Vectors
from knowledge.model import Claim
from knowledge.vector_search import NEIGHBOURS, NearestRows, graph_for
from knowledge.vocabulary import fold_query
from knowledge.word_index import WORDS_KEPT, WordIndex, make_room, stem

#: weight of the word share beside the cosine (both run from 0 to 1), and of the share its document holds:
#: "Nach seiner Gründung am 3. März 1987" answers when the foundation was set up because its document
#: is the one about that club
WORD_WEIGHT = 0.35
DOCUMENT_WEIGHT = 0.2
#: share of a claim's sentence in the claim's score when asking who spoke about a topic
SENTENCE_WEIGHT = 0.4
_WORD = re.compile(r"\w+")
#: a date in a sentence: a year, or a day and month ("4. Dezember", "22.07.")
_DATE = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b|\b\d{1,2}\.\s?(\d{1,2}\.|(Januar|Jänner|Februar|März|April|Mai|Juni|"
                   r"Juli|August|September|Oktober|November|Dezember)\b)")
_NUMBER = re.compile(r"\d|\b(zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|hundert|tausend|"
                     r"Millionen?|Milliarden?)\b")
def _sentences_of(claims: list[Claim], passages: list[Claim]) -> np.ndarray:
    """Per claim, the position of the document sentence holding the start of its text, or -1."""
    by_paragraph: dict[tuple[str, int], list[int]] = {}
    for k, passage in enumerate(passages):
        by_paragraph.setdefault((passage.source, passage.paragraph), []).append(k)
    found = np.full(len(claims), -1, dtype=np.int32)
    for i, claim in enumerate(claims):
        head = claim.text.strip(" „“”\"»«‚‘’'")[:30]
        for k in by_paragraph.get((claim.source, claim.paragraph), ()):
            if head and head in passages[k].text:
                found[i] = k
                break
    return found


class BlockRows:
    """The vectors of the claims or of the sentences by position, read from their block of the stored matrix."""

    def __init__(self, vectors: Vectors, start: int, rows: np.ndarray) -> None:
        self.vectors, self.start, self.rows = vectors, start, rows

    def __getitem__(self, positions: np.ndarray) -> np.ndarray:
        rows = self.rows[positions]
        out = np.zeros((rows.size, DIM), dtype=np.float32)
        has = rows >= 0
        out[has] = self.vectors.matrix[self.start + rows[has]]
        return out


#: question vectors whose cosines with every claim and sentence are kept: a question scores the same vector
#: against the claims two to four times (a speaker's statements, the topic, the sentences' share)
SCANS_KEPT = 8
#: the cosine of a claim or sentence a large block's search did not score (`vector_search`): below any cosine
#: (-1) by more than every share and bonus added to one, so every scored row ranks above every other
UNSCORED = -3.0
#: where the rows holding a question's words (or ranked by the caller) are more than this share of a large block,
#: only the nearest of them are scored: gathering them all would cost about as much as a product over the block
SCAN_SHARE = 0.125


def scored(scores: np.ndarray) -> np.ndarray:
    """Per claim or sentence, whether its score holds its cosine (not `UNSCORED`, plus what was added to it)."""
    return scores > UNSCORED + 1


class _Scan:
    """One question vector's cosines with the rows of one block, those worked out so far (NaN: not yet)."""

    __slots__ = ("complete", "cosines", "nearest")

    def __init__(self, rows: int, dtype: np.dtype) -> None:
        self.cosines = np.full(rows + 1, np.nan, dtype=dtype)
        self.cosines[-1] = 0  # texts without a vector (row -1)
        self.complete = False
        self.nearest: np.ndarray | None = None


@dataclass
class SemanticIndex:
    """Vectors and words of the claims (by index position) and of the passages, and the speakers' roles.

    The claims' and the sentences' vectors are not copied: each is one block of the stored matrix (`vectors`,
    laid out by `Vectors.arrange`), and `claim_rows`/`passage_rows` give each claim's or sentence's row in its
    block (-1 without a vector; texts that repeat share a row).
    """

    vectors: Vectors = field(default_factory=Vectors)
    claim_block: tuple[int, int] = (0, 0)
    claim_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    passages: list[Claim] = field(default_factory=list)
    passage_block: tuple[int, int] = (0, 0)
    passage_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    role_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, DIM), dtype=np.float32))
    role_owner: list[str] = field(default_factory=list)
    role_text: list[str] = field(default_factory=list)
    claim_words: WordIndex = field(default_factory=lambda: WordIndex([]))
    passage_words: WordIndex = field(default_factory=lambda: WordIndex([]))
    passage_source: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    claim_source: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    claim_passage: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))  # its sentence, or -1
    documents: int = 0
    has_vectors: bool = False
    #: HNSW graphs over the claims' and the sentences' blocks where those are large (`vector_search`), else None
    claim_graph: NearestRows | None = None
    passage_graph: NearestRows | None = None
    _holds: dict[str, np.ndarray] = field(default_factory=dict)
    _scans: dict[tuple[str, bytes], _Scan] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict[str, object]:
        """Pickled (`index_cache`) without what is kept for recent questions (cosines, documents holding a word);
        the graphs go with it."""
        return {**self.__dict__, "_scans": {}, "_documents_kept": {}}

    def __setstate__(self, state: dict[str, object]) -> None:
        """An index kept before the graphs existed reads as one without them (exact scans)."""
        self.__dict__.update({"claim_graph": None, "passage_graph": None, **state})

    @property
    def ready(self) -> bool:
        """Whether vectors were stored (a store built without them answers by words alone)."""
        return self.has_vectors

    @property
    def claim_vectors(self) -> BlockRows:
        """The claims' vectors by claim position (`claim_vectors[positions]`)."""
        return BlockRows(self.vectors, self.claim_block[0], self.claim_rows)

    @property
    def passage_vectors(self) -> BlockRows:
        """The sentences' vectors by passage position."""
        return BlockRows(self.vectors, self.passage_block[0], self.passage_rows)

    @classmethod
    def build(cls, claims: list[Claim], passages: list[Claim], roles: list[tuple[str, str]],
              vectors: Vectors, source_code: dict[str, int], claim_source: np.ndarray) -> SemanticIndex:
        """The index over the snapshot's own vectors, which are laid out in blocks for it (`Vectors.arrange`)."""
        (c_start, c_end, claim_rows), (p_start, p_end, passage_rows) = vectors.arrange(
            [c.text for c in claims], [p.text for p in passages])
        role_vectors, _ = vectors.of([role for _, role in roles])
        matrix = vectors.matrix
        return cls(vectors=vectors, claim_block=(c_start, c_end), claim_rows=claim_rows, passages=passages,
                   passage_block=(p_start, p_end), passage_rows=passage_rows,
                   role_vectors=role_vectors, role_owner=[owner for owner, _ in roles],
                   role_text=[role for _, role in roles],
                   claim_words=WordIndex([c.text for c in claims]),
                   passage_words=WordIndex([p.text for p in passages]),
                   passage_source=np.array([source_code.get(p.source, -1) for p in passages], dtype=np.int32),
                   claim_source=claim_source, claim_passage=_sentences_of(claims, passages),
                   documents=len(source_code),
                   has_vectors=bool((claim_rows >= 0).any() or (passage_rows >= 0).any()),
                   claim_graph=graph_for(matrix[c_start:c_end]), passage_graph=graph_for(matrix[p_start:p_end]))

    def score_claims(self, vector: np.ndarray | None, words: list[str], among: np.ndarray | None = None,
                     best_of: np.ndarray | None = None) -> tuple[np.ndarray, float]:
        """Per claim position, the combined score; and the share of the question's words found anywhere.

        In a large store (with a graph) only some claims are scored: the nearest in meaning, every one `among`
        (positions whose scores the caller reads), and those holding the question's words or `best_of`
        (positions the caller ranks, of which the best count), all of them where few, else the nearest of
        them. Every other claim scores below all of those (`UNSCORED`)."""
        scores, found = self._score("claims", self.claim_words, vector, words, among, best_of)
        return self._with_documents(scores, self.claim_source, words), found

    def score_with_sentences(self, vector: np.ndarray | None, words: list[str], among: np.ndarray | None = None,
                             best_of: np.ndarray | None = None) -> tuple[np.ndarray, float]:
        """Per claim, its own score, raised where its sentence fits better: the sentence holds what the claim's
        words leave to the frame ("Der Minister verteidigte das Mautgesetz: „Wer die Straßen nutzt, …“"). The
        sentence counts only in part, since it also holds the speaker's name and other people's words."""
        if self.claim_passage.size != (self.claim_rows.size or self.claim_words.size) or not self.passages:
            return self.score_claims(vector, words, among, best_of)
        sentences, _found = self.score_passages(vector, words)
        has = self.claim_passage >= 0
        if self.claim_graph is not None and vector is not None:  # claims whose sentence fits are ranked too
            fits = np.zeros(has.size, dtype=bool)
            fits[has] = self._fitting(sentences)[self.claim_passage[has]]
            best_of = _marked(best_of, fits)
        scores, found = self.score_claims(vector, words, among, best_of)
        blended = (1 - SENTENCE_WEIGHT) * scores[has] + SENTENCE_WEIGHT * sentences[self.claim_passage[has]]
        scores[has] = np.maximum(scores[has], blended)
        return scores, found

    def _fitting(self, sentences: np.ndarray) -> np.ndarray:
        """Per sentence, whether it was scored, or, where every sentence was, whether it is among the best."""
        if self.passage_graph is not None:
            return scored(sentences)
        fitting = np.zeros(sentences.size, dtype=bool)
        fitting[np.argsort(-sentences, kind="stable")[:NEIGHBOURS]] = True
        return fitting

    def score_passages(self, vector: np.ndarray | None, words: list[str], among: np.ndarray | None = None,
                       best_of: np.ndarray | None = None) -> tuple[np.ndarray, float]:
        """Per sentence, the combined score (as `score_claims` does for claims)."""
        scores, found = self._score("passages", self.passage_words, vector, words, among, best_of)
        return self._with_documents(scores, self.passage_source, words), found

    def _with_documents(self, scores: np.ndarray, sources: np.ndarray, words: list[str]) -> np.ndarray:
        """The scores plus the share of the question's words the text's document holds (its sentences)."""
        if not words or not self.documents or scores.size != sources.size:
            return scores
        shares = np.zeros(self.documents + 1, dtype=np.float32)
        total = 0.0
        for word in words:
            held = self.documents_holding(word)
            weight = math.log(1 + self.documents / (1 + held.size))
            total += weight
            shares[held] += weight
        return scores + DOCUMENT_WEIGHT * shares[sources] / total

    def documents_holding(self, word: str) -> np.ndarray:
        """The codes of the documents with a sentence holding the word, sorted; the last few words' are kept (a
        question asks for each of its words in several scores, and a common word's sentences are many)."""
        kept: dict[str, np.ndarray] = self.__dict__.setdefault("_documents_kept", {})
        found = kept.get(word)
        if found is None:
            held = np.zeros(self.documents + 2, dtype=bool)
            held[self.passage_source[self.passage_words.holding(word)]] = True
            found = np.flatnonzero(held[:-1]).astype(np.int32)
            make_room(kept, WORDS_KEPT)
            kept[word] = found
        return found

    def paragraph_share(self, words: list[str]) -> np.ndarray:
        """Per passage, the share of the words (by weight) its paragraph holds: a sentence is read in its
        paragraph ("… gewann das Finale gegen Flensburg. Das Spiel verfolgten 12.400 Zuschauer.")."""
        paragraph = self._paragraphs()
        shares = np.zeros(int(paragraph.max(initial=-1)) + 1, dtype=np.float32)
        total = 0.0
        for word in words:
            held = np.unique(paragraph[self.passage_words.holding(word)])
            weight = math.log(1 + self.documents / (1 + self.documents_holding(word).size))
            total += weight
            shares[held] += weight
        return shares[paragraph] / total if total else np.zeros(len(self.passages), dtype=np.float32)

    def _paragraphs(self) -> np.ndarray:
        """A code per passage, equal for the passages of one paragraph, worked out once."""
        found = self._holds.get("paragraph")
        if found is None:
            keys: dict[tuple[str, int], int] = {}
            found = self._holds["paragraph"] = np.array(
                [keys.setdefault((p.source, p.paragraph), len(keys)) for p in self.passages], dtype=np.int32)
        return found

    def holds(self, answer_type: str) -> np.ndarray:
        """Per passage, whether it holds a date ("date") or a number ("number"), worked out once."""
        found = self._holds.get(answer_type)
        if found is None:
            pattern = _DATE if answer_type == "date" else _NUMBER
            found = self._holds[answer_type] = np.array([bool(pattern.search(p.text)) for p in self.passages],
                                                        dtype=bool)
        return found

    def counting(self, noun: str) -> np.ndarray:
        """Per passage, whether it gives a number of the (folded) noun: "12.400 Zuschauer", "300 Autos"."""
        found = np.zeros(len(self.passages), dtype=np.float32)
        # a word between may describe them ("300 weitere Autos"); "20.000 der Zuschauer" is a part of them
        pattern = re.compile(rf"\d[\d.,]*\s+(?:(?!(?:der|die|das|den|dem|des)\b)\w+\s+)?{re.escape(stem(noun))}")
        for k in self.passage_words.holding(noun).tolist():
            if pattern.search(fold_query(self.passages[k].text)):
                found[k] = 1.0
        return found

    def score_roles(self, vector: np.ndarray) -> np.ndarray:
        return self.role_vectors @ vector if self.role_vectors.size else np.zeros(0, dtype=np.float32)

    def _score(self, part: str, index: WordIndex, vector: np.ndarray | None, words: list[str],
               among: np.ndarray | None, best_of: np.ndarray | None) -> tuple[np.ndarray, float]:
        shares, found = index.share(words) if words else (np.zeros(index.size, dtype=np.float32), 1.0)
        rows = self.claim_rows if part == "claims" else self.passage_rows
        if vector is None or not rows.size:
            return shares[: rows.size or index.size], found
        shares = shares[: rows.size]
        if self._block(part)[0] is None:
            return self._cosines(part, vector) + WORD_WEIGHT * shares, found
        every = None if among is None else _marked(among, np.zeros(rows.size, dtype=bool))
        return self._cosines(part, vector, every, _marked(best_of, shares > 0)) + WORD_WEIGHT * shares, found

    def _cosines(self, part: str, vector: np.ndarray, every: np.ndarray | None = None,
                 best: np.ndarray | None = None) -> np.ndarray:
        """Per claim or per sentence, its cosine with the vector (a new array each call).

        A small block is scanned whole, each distinct text once. A large one (with a graph) gives the cosines
        of the rows nearest to the vector, of every position `every` marks and of those `best` marks (where
        they are many, of the nearest of them), and `UNSCORED` to every other. Cosines worked out are kept for
        the next few calls with the same vector; what a call returns does not depend on them."""
        graph, (start, end), rows = self._block(part)
        scan = self._scan(part, vector, end - start)
        if graph is None:
            if not scan.complete:
                scan.cosines[:-1] = self.vectors.matrix[start:end] @ vector
                scan.complete = True
            return scan.cosines[rows]
        if scan.nearest is None:
            scan.nearest = graph.search(vector)
        marked = np.zeros(end - start + 1, dtype=bool)  # a text without a vector marks the last, no row
        if best is not None:
            marked[rows[best]] = True
            marked[-1] = False
            if marked.sum() > SCAN_SHARE * (end - start):  # too many to score: the nearest of them
                chosen = graph.search(vector, among=marked)
                marked[:] = False
                marked[chosen] = True
        if every is not None:
            marked[rows[every]] = True
        marked[scan.nearest] = True
        needed = np.flatnonzero(marked[:-1])
        missing = needed[np.isnan(scan.cosines[needed])]
        if missing.size:
            scan.cosines[missing] = self.vectors.matrix[start + missing] @ vector
        shown = np.full(scan.cosines.size, UNSCORED, dtype=scan.cosines.dtype)
        shown[-1] = 0
        shown[needed] = scan.cosines[needed]
        return shown[rows]

    def _block(self, part: str) -> tuple[NearestRows | None, tuple[int, int], np.ndarray]:
        """The graph, the block of the stored matrix and the row per position of the claims or the sentences."""
        if part == "claims":
            return self.claim_graph, self.claim_block, self.claim_rows
        return self.passage_graph, self.passage_block, self.passage_rows

    def _scan(self, part: str, vector: np.ndarray, size: int) -> _Scan:
        """The cosines kept for this vector and block, made empty where there are none."""
        key = (part, vector.tobytes())
        found = self._scans.get(key)
        if found is None:
            make_room(self._scans, SCANS_KEPT)
            found = self._scans[key] = _Scan(size, np.result_type(self.vectors.matrix, vector))
        return found


def _marked(positions: np.ndarray | None, marks: np.ndarray) -> np.ndarray:
    """The marks (one per claim or sentence) with the positions (indices, or marks themselves) marked too."""
    if positions is None or not positions.size:
        return marks
    if positions.dtype == bool:
        return marks | positions
    found = marks.copy()
    found[positions] = True
    return found
