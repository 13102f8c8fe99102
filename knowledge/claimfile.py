"""Claim files: one reviewable YAML file of claims beside each document.

An editor may correct a claim file by hand and set ``reviewed: true``; extraction then
never overwrites it. Because people edit these files, every problem is reported with the
file and the line it is on, and one broken file never takes the others down with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from knowledge.model import Claim

FORMAT_VERSION = 1
KINDS = ("quote", "indirect", "figure")
STANCES = ("asserts", "denies", "refuses")


class ClaimFileError(ValueError):
    """A claim file that cannot be used; the message names file and line."""

    def __init__(self, path: Path, line: int | None, problem: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem


@dataclass(slots=True)
class ClaimFile:
    document: str
    sha256: str
    reviewed: bool
    extractor: str
    claims: list[Claim]


class _LineLoader(yaml.SafeLoader):
    """Remembers the line of every mapping, so validation errors can point at it."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


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
        data = yaml.safe_load(raw.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return None, bool(_REVIEWED_LINE.search(raw.decode("utf-8", errors="replace")))
    if not isinstance(data, dict):
        return None, False
    return data.get("sha256"), bool(data.get("reviewed"))


def extractor_of(path: Path) -> str | None:
    """Which extractor wrote a claim file (files from an older extractor are re-extracted)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    return str(data.get("extractor")) if isinstance(data, dict) else None


def load_claims(path: Path, paragraphs: list[str] | None = None) -> ClaimFile:
    """Read and validate one claim file; raise ClaimFileError naming the line of the first problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ClaimFileError(path, None, f"not UTF-8 text ({exc.reason})") from exc
    except OSError as exc:
        raise ClaimFileError(path, None, f"cannot be read ({exc.strerror})") from exc
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ClaimFileError(path, line, f"broken YAML: {exc.problem or exc.context}") from exc
    except yaml.YAMLError as exc:
        raise ClaimFileError(path, None, f"broken YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ClaimFileError(path, 1, "expected a mapping with `document`, `sha256` and `claims`")
    document = data.get("document") or path.name.removesuffix(".claims.yaml")
    raw_claims = data.get("claims")
    if raw_claims is None:
        raw_claims = []
    if not isinstance(raw_claims, list):
        raise ClaimFileError(path, data.get("__line__"), "`claims` must be a list")
    claims: list[Claim] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_claims):
        if not isinstance(raw, dict):
            raise ClaimFileError(path, None, f"claim {index + 1}: expected a mapping")
        line = raw.pop("__line__", None)
        claims.append(_validate(path, line, str(document), raw, paragraphs, seen))
    return ClaimFile(
        document=str(document),
        sha256=str(data.get("sha256") or ""),
        reviewed=bool(data.get("reviewed")),
        extractor=str(data.get("extractor") or ""),
        claims=claims,
    )


def _validate(path: Path, line: int | None, document: str, raw: dict[str, Any], paragraphs: list[str] | None,
              seen: set[str]) -> Claim:
    def fail(problem: str) -> ClaimFileError:
        return ClaimFileError(path, line, problem)

    for key in ("id", "paragraph", "kind", "text"):
        if raw.get(key) in (None, ""):
            raise fail(f"claim is missing `{key}`")
    if raw["kind"] not in KINDS:
        raise fail(f"`kind` must be one of {', '.join(KINDS)}, not {raw['kind']!r}")
    if not _is_whole_number(raw["paragraph"]) or raw["paragraph"] < 1:
        raise fail(f"`paragraph` must be a positive whole number, not {raw['paragraph']!r}")
    if not isinstance(raw["text"], str):
        raise fail("`text` must be text")
    claim_id = str(raw["id"])
    if claim_id in seen:
        raise fail(f"duplicate claim id {claim_id!r}")
    seen.add(claim_id)
    figure = raw.get("figure")
    if figure is not None:
        if isinstance(figure, dict):
            figure.pop("__line__", None)
        if not isinstance(figure, dict):
            raise fail("`figure` must be a mapping")
        for key in ("value", "low", "high"):
            if figure.get(key) is not None and not _is_whole_number(figure[key]):
                raise fail(f"`figure.{key}` must be a whole number, not {figure[key]!r}")
    if raw.get("stance") not in (None, *STANCES):
        raise fail(f"`stance` must be one of {', '.join(STANCES)}, not {raw['stance']!r}")
    if raw["kind"] == "figure" and not figure:
        raise fail("a claim of kind `figure` needs a `figure`")
    if paragraphs is not None:
        if raw["paragraph"] > len(paragraphs):
            raise fail(f"`paragraph` {raw['paragraph']} is past the end of the document ({len(paragraphs)} paragraphs)")
        if not cites_verbatim(raw["text"], paragraphs[raw["paragraph"] - 1]):
            raise fail(f"`text` is not verbatim in paragraph {raw['paragraph']}: {raw['text'][:60]!r}")
    raw = {**raw, "source": document}
    return Claim.from_dict(raw)


def _is_whole_number(value: Any) -> bool:
    """An int, but not a YAML `true`/`false` (bool is a subclass of int)."""
    return isinstance(value, int) and not isinstance(value, bool)


def cites_verbatim(text: str, paragraph: str) -> bool:
    """Every piece of the text (split at […] elisions) occurs in the paragraph."""
    pieces = [p.strip() for p in text.replace("[...]", "[…]").split("[…]") if p.strip()]
    norm_par = " ".join(paragraph.split())
    return all(" ".join(piece.split()) in norm_par for piece in pieces)
