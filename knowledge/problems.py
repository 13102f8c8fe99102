"""File problems as data: what is wrong with a document, a claim file or `sources.yaml`, and where.

The engine knows no chat languages, so it reports a problem as a code with its values (file, line,
field, what the file holds, a second value some problems name) rather than as a sentence. `str()` gives
the English sentence for logs and the command line; a front end words the same problem in the reader's
language from its own catalogue, keyed by `code`, so rewording one never breaks the other.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, get_args

ProblemCode = Literal[
    "link_outside", "unreadable", "not_utf8", "broken_yaml", "duplicate_key", "too_large", "nul_bytes",
    "document_not_utf8", "empty", "not_a_claim_file", "not_a_sources_file", "unknown_field", "missing_field",
    "claim_missing_field", "not_one_of", "not_positive", "empty_field", "below_minimum", "not_text",
    "not_whole_number", "not_bool", "not_mapping", "not_list", "low_above_high", "invalid_field",
    "claim_not_mapping", "duplicate_claim_id", "figure_missing", "paragraph_past_end", "not_verbatim",
    "claims_missing", "claim_id_clash", "extraction_failed", "store_not_rebuilt", "build_failed",
]
PROBLEM_CODES: frozenset[str] = frozenset(get_args(ProblemCode))
#: the values a wording may name, as `str.format` fields
PLACEHOLDERS = frozenset({"line", "field", "detail", "other"})

#: how each problem reads in English, after "file:line: " (a wording that names {line} itself places it)
ENGLISH: dict[str, str] = {
    "link_outside": "is a link to a file outside the documents folder; refused",
    "unreadable": "cannot be read ({detail})",
    "not_utf8": "not UTF-8 text ({detail})",
    "broken_yaml": "broken YAML: {detail}",
    "duplicate_key": "broken YAML: `{field}` appears twice in one mapping",
    "too_large": "is over the limit of {detail} KB for a document (BRIEFBOT_MAX_DOCUMENT_KB); refused",
    "nul_bytes": "line {line}: holds NUL bytes, not a text file; refused",
    "document_not_utf8": "line {line}: not UTF-8 text (byte {detail}); save it as UTF-8",
    "empty": "is empty",
    "not_a_claim_file": "expected a mapping with `document`, `sha256` and `claims`",
    "not_a_sources_file": "expected a mapping with `documents`",
    "unknown_field": "unknown field `{field}`",
    "missing_field": "is missing `{field}`",
    "claim_missing_field": "claim is missing `{field}`",
    "not_one_of": "`{field}` must be one of {other}, not {detail}",
    "not_positive": "`{field}` must be a positive whole number, not {detail}",
    "empty_field": "`{field}` must not be empty",
    "below_minimum": "`{field}` must be a whole number of at least {other}, not {detail}",
    "not_text": "`{field}` must be text, not {detail}",
    "not_whole_number": "`{field}` must be a whole number, not {detail}",
    "not_bool": "`{field}` must be true or false, not {detail}",
    "not_mapping": "`{field}` must be a mapping, not {detail}",
    "not_list": "`{field}` must be a list, not {detail}",
    "low_above_high": "`{field}.low` is above `{field}.high`",
    "invalid_field": "`{field}`: {detail}",
    "claim_not_mapping": "claim {other}: expected a mapping",
    "duplicate_claim_id": "duplicate claim id {detail}",
    "figure_missing": "a claim of kind `figure` needs a `figure`",
    "paragraph_past_end": "`paragraph` {detail} is past the end of the document ({other} paragraphs)",
    "not_verbatim": "`text` is not verbatim in paragraph {other}: {detail}",
    "claims_missing": "missing (run `briefbot extract`)",
    "claim_id_clash": "claim id {detail} is also used in {other}",
    "extraction_failed": "extraction failed ({detail})",
    "store_not_rebuilt": "store not rebuilt, the last good version answers ({detail})",
    "build_failed": "{detail}",
}


def wording_errors(wordings: dict[str, str]) -> list[str]:
    """What keeps a catalogue of problem wordings from wording every problem: codes it lacks or does not
    know, and placeholders no problem has (checked when a catalogue is read, so a new code cannot go out
    unworded)."""
    errors = [f"no wording for `{code}`" for code in sorted(PROBLEM_CODES - wordings.keys())]
    errors += [f"`{code}` is no problem code" for code in sorted(wordings.keys() - PROBLEM_CODES)]
    for code, text in sorted(wordings.items()):
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        if names - PLACEHOLDERS:
            errors.append(f"`{code}` names {sorted(names - PLACEHOLDERS)}; a wording may name {sorted(PLACEHOLDERS)}")
    return errors


@dataclass(frozen=True, slots=True)
class FileProblem:
    """One problem with one file: `code` says which, the rest where and with what.

    `detail` is what the file holds or what the system said (the wrong value, the YAML parser's
    message, the reason a file cannot be read); `other` is a second value some problems name (the
    allowed choices or least value, a document's paragraph count, the other file using a claim id).
    """

    code: ProblemCode
    path: Path | None
    line: int | None = None
    field: str | None = None
    detail: str | None = None
    other: str | None = None

    def worded(self, wording: str) -> str:
        """The problem in a wording of its code, after the file and line it is on."""
        text = wording.format(line=self.line, field=self.field, detail=self.detail, other=self.other)
        if self.path is None:
            return text
        placed = self.line is not None and "{line}" not in wording
        return f"{self.path}:{self.line}: {text}" if placed else f"{self.path}: {text}"

    def relative_to(self, folder: Path) -> FileProblem:
        """The problem with the documents folder left out of its paths: admins in a chat need the file, not the
        server's layout."""
        def short(text: str | None) -> str | None:
            if text is None:
                return None
            for prefix in {str(folder.resolve()), str(folder.absolute()), str(folder)}:
                text = text.replace(prefix + "/", "")
            return text

        path = None if self.path is None else Path(short(str(self.path)) or "")
        return replace(self, path=path, detail=short(self.detail), other=short(self.other))

    def __str__(self) -> str:
        return self.worded(ENGLISH[self.code])


if wording_errors(ENGLISH):  # a code added without its English fails at import, not in a log line
    raise RuntimeError(f"knowledge.problems.ENGLISH: {wording_errors(ENGLISH)}")
