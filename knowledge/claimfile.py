"""Claim files: one reviewable YAML file of claims beside each document.

An editor may correct a claim file by hand and set ``reviewed: true``; extraction then
never overwrites it. Because people edit these files, every problem is reported with the
file and the line it is on, and one broken file never takes the others down with it.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from knowledge.model import Claim, Figure
from knowledge.problems import FileProblem, ProblemCode
from knowledge.schema import (
    LINE,
    ClaimEntry,
    ClaimFileHead,
    FileError,
    ValidationError,
    describe,
    first_error,
    read_yaml_file,
    validate_file,
    without_lines,
)

FORMAT_VERSION = 1


class ClaimFileError(FileError):
    """A claim file that cannot be used; its `problem` names file and line."""


@dataclass(slots=True)
class ClaimFile:
    document: str
    sha256: str
    reviewed: bool
    extractor: str
    claims: list[Claim]


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


_Dumper.add_representer(str, _str_presenter)


def dump_claims(path: Path, document: str, sha256: str, claims: list[Claim], extractor: str) -> None:
    """Write a claim file; `None` fields are left out so the file stays short to review."""
    entries = []
    for claim in claims:
        entry = {k: v for k, v in claim.to_dict().items() if v is not None and k not in ("source", "entity")}
        if entry.get("section") == "article":
            entry.pop("section")
        if entry.get("figure"):
            entry["figure"] = {k: v for k, v in entry["figure"].items() if v is not None}
        entries.append(entry)
    body = {
        "format": FORMAT_VERSION,
        "document": document,
        "sha256": sha256,
        "extractor": extractor,
        "reviewed": False,
        "claims": entries,
    }
    header = (
        f"# Claims extracted from {document}.txt. Correct them here if needed and set\n"
        "# `reviewed: true`: a reviewed file is never overwritten by `briefbot extract`.\n"
    )
    text = yaml.dump(body, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(header + text, encoding="utf-8")
    tmp.replace(path)


_REVIEWED_LINE = re.compile(r"^reviewed\s*:\s*[\"']?(?:true|yes|on)[\"']?\s*(?:#.*)?$", re.I | re.M)


_CLAIMS_KEY = re.compile(r"^claims\s*:", re.M)
#: libyaml's loader where installed: a freshness check reads every claim file's head on every start
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _head(raw: str) -> object:
    """The fields before `claims:` (all a freshness check needs), parsed alone: the claims are most of the
    file. A file whose head does not parse on its own, or lacks the hash, is parsed whole."""
    found = _CLAIMS_KEY.search(raw)
    if found:
        try:
            data = yaml.load(raw[: found.start()], Loader=_FAST_LOADER)
        except yaml.YAMLError:
            data = None
        if isinstance(data, dict) and "sha256" in data:
            return data
    return yaml.load(raw, Loader=_FAST_LOADER)


def peek(path: Path) -> tuple[str | None, bool]:
    """The document hash and reviewed flag of a claim file, without validating the rest.

    A reviewed file holds an editor's work, so even when a slip has broken its YAML the
    `reviewed: true` line still counts: such a file is reported by the store, never overwritten.
    """
    try:
        raw = path.read_bytes()
    except OSError:
        return None, False
    try:
        data = _head(raw.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return None, bool(_REVIEWED_LINE.search(raw.decode("utf-8", errors="replace")))
    if not isinstance(data, dict):
        return None, False
    return data.get("sha256"), bool(data.get("reviewed"))


def extractor_of(path: Path) -> str | None:
    """Which extractor wrote a claim file (files from an older extractor are re-extracted)."""
    try:
        data = _head(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    return str(data.get("extractor")) if isinstance(data, dict) else None


def load_claims(path: Path, paragraphs: list[str] | None = None) -> ClaimFile:
    """Read and validate one claim file; raise ClaimFileError naming the line of the first problem.

    Every field's type and range is checked here (see `knowledge.schema`), so nothing an editor
    mistyped reaches entity resolution, the database or a reply.
    """
    data = read_yaml_file(path, ClaimFileError)
    head = validate_file(path, data, ClaimFileHead, ClaimFileError, "not_a_claim_file")
    document = head.document or path.name.removesuffix(".claims.yaml")
    claims: list[Claim] = []
    seen: set[str] = set()
    for index, raw in enumerate(data.get("claims") or []):
        if not isinstance(raw, dict):
            raise ClaimFileError(FileProblem("claim_not_mapping", path, other=str(index + 1)))
        claims.append(_validate(path, raw, document, paragraphs, seen))
    return ClaimFile(document=document, sha256=head.sha256, reviewed=head.reviewed, extractor=head.extractor,
                     claims=claims)


def _validate(path: Path, raw: dict[str, Any], document: str, paragraphs: list[str] | None,
              seen: set[str]) -> Claim:
    """One claim, checked against the schema and its document; problems point at the claim's first line."""
    line = raw.get(LINE)

    def fail(code: ProblemCode, detail: str | None = None, other: str | None = None) -> ClaimFileError:
        return ClaimFileError(FileProblem(code, path, line, detail=detail, other=other))

    try:
        entry = ClaimEntry.model_validate(without_lines(raw))
    except ValidationError as exc:
        error = first_error(exc)
        problem = describe(error, path, line)
        if problem.code == "missing_field":
            problem = dataclasses.replace(problem, code="claim_missing_field")
        raise ClaimFileError(problem) from None
    if entry.id in seen:
        raise fail("duplicate_claim_id", repr(entry.id))
    seen.add(entry.id)
    if entry.kind == "figure" and entry.figure is None:
        raise fail("figure_missing")
    if paragraphs is not None:
        if entry.paragraph > len(paragraphs):
            raise fail("paragraph_past_end", str(entry.paragraph), str(len(paragraphs)))
        if not cites_verbatim(entry.text, paragraphs[entry.paragraph - 1]):
            raise fail("not_verbatim", repr(entry.text[:60]), str(entry.paragraph))
    figure = Figure(**entry.figure.model_dump()) if entry.figure else None
    return Claim(id=entry.id, source=document, paragraph=entry.paragraph, kind=entry.kind, text=entry.text,
                 speaker=entry.speaker, speaker_kind=entry.speaker_kind, role=entry.role, mention=entry.mention,
                 via=entry.via, cue=entry.cue, sentence=entry.sentence, figure=figure, section=entry.section,
                 stance=entry.stance)


def cites_verbatim(text: str, paragraph: str) -> bool:
    """Every piece of the text (split at […] elisions) occurs in the paragraph."""
    pieces = [p.strip() for p in text.replace("[...]", "[…]").split("[…]") if p.strip()]
    norm_par = " ".join(paragraph.split())
    return all(" ".join(piece.split()) in norm_par for piece in pieces)
