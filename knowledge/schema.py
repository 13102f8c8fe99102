"""The validated shape of the files editors write: claim files and `sources.yaml`.

People edit these files by hand, so a slip (`speaker: [Austin, Blinken]`, `section: true`,
`outlet: [taz, dpa]`, a misspelt field) must be refused at load with its file, line and field,
before it reaches entity resolution, SQL or a chat. pydantic's strict mode does the type and
range checks; this module turns its errors into one line an editor can act on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError, model_validator
from pydantic_core import ErrorDetails, PydanticCustomError

from knowledge.documents import inside_folder
from knowledge.problems import FileProblem, ProblemCode

#: The key a mapping's own line is kept under, and the key of its keys' lines.
LINE = "__line__"
KEY_LINES = "__keys__"

M = TypeVar("M", bound=BaseModel)


class LineLoader(yaml.SafeLoader):
    """Remembers where every mapping and every key stands, so a refusal can point at its line."""


class DuplicateKeyError(yaml.constructor.ConstructorError):
    """A key written twice in one mapping; `key` names it."""

    def __init__(self, key: object, mark: yaml.Mark) -> None:
        super().__init__(None, None, f"`{key}` appears twice in one mapping", mark)
        self.key = key


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    keys: dict[object, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in keys:  # YAML would keep the last silently; an editor meant one of them
            raise DuplicateKeyError(key, key_node.start_mark)
        keys[key] = key_node.start_mark.line + 1
    mapping[LINE] = node.start_mark.line + 1
    mapping[KEY_LINES] = keys
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def without_lines(value: Any) -> Any:
    """The parsed YAML as plain data, the line bookkeeping removed."""
    if isinstance(value, dict):
        return {k: without_lines(v) for k, v in value.items() if k not in (LINE, KEY_LINES)}
    if isinstance(value, list):
        return [without_lines(v) for v in value]
    return value


def line_of(value: Any, loc: Sequence[int | str]) -> int | None:
    """The line of the deepest part of `value` that `loc` (a pydantic error location) reaches."""
    line = value.get(LINE) if isinstance(value, dict) else None
    for step in loc:
        if isinstance(value, dict) and step in value:
            line = value.get(KEY_LINES, {}).get(step, line)
            value = value[step]
        elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
            value = value[step]
            if isinstance(value, dict):
                line = value.get(LINE, line)
        else:
            break
    return line


class FileError(ValueError):
    """A file an editor wrote that cannot be used; `problem` says what and where, the message in English."""

    def __init__(self, problem: FileProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem
        self.path = problem.path
        self.line = problem.line


Text = StrictStr
WholeNumber = Annotated[StrictInt, Field(ge=0)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class FigureEntry(_Strict):
    value: WholeNumber | None = None
    low: WholeNumber | None = None
    high: WholeNumber | None = None
    qualifier: Text | None = None
    unit: Text = ""
    scope: Text | None = None
    measure: Text = "troops"
    party: Text | None = None

    @model_validator(mode="after")
    def _low_not_above_high(self) -> FigureEntry:
        if self.low is not None and self.high is not None and self.low > self.high:
            raise PydanticCustomError("low_above_high", "`figure.low` is above `figure.high`")
        return self


class ClaimEntry(_Strict):
    """One claim as a claim file holds it (`source` comes from the file, `entity` from the store)."""

    id: Annotated[StrictStr, Field(min_length=1)]
    paragraph: Annotated[StrictInt, Field(ge=1)]
    kind: Literal["quote", "indirect", "figure"]
    text: Annotated[StrictStr, Field(min_length=1)]
    speaker: Text | None = None
    speaker_kind: Literal["person", "organisation", "media", "anonymous", "group", "unknown"] | None = None
    role: Text | None = None
    mention: Text | None = None
    via: Text | None = None
    cue: Text | None = None
    sentence: Text | None = None
    figure: FigureEntry | None = None
    section: Literal["article", "comment"] = "article"
    stance: Literal["asserts", "denies", "refuses"] | None = None
    source: Text | None = None  # ignored: a claim belongs to the document of its file
    entity: Text | None = None  # ignored: the store resolves entities across documents

    @model_validator(mode="before")
    @classmethod
    def _numeric_id_as_text(cls, data: Any) -> Any:
        """`id: 17` is an id all the same; YAML only read it as a number."""
        if isinstance(data, dict) and isinstance(data.get("id"), int) and not isinstance(data["id"], bool):
            return {**data, "id": str(data["id"])}
        return data


class ClaimFileHead(_Strict):
    """Everything of a claim file but its claims, which are checked one by one to name each one's line."""

    format: StrictInt = 1
    document: Text | None = None
    sha256: Text = ""
    extractor: Text = ""
    reviewed: StrictBool = False
    claims: list[Any] | None = None


def _date_text(value: Any) -> Any:
    """An unquoted YAML date (`date: 2024-10-18`) is what the editor meant as text."""
    return value.isoformat() if isinstance(value, dt.date) else value


class SourceEntry(_Strict):
    outlet: Text = "unknown"
    language: Text = "de"
    date: Text = "unknown"
    url: Text = "unknown"

    @model_validator(mode="before")
    @classmethod
    def _dates_as_text(cls, data: Any) -> Any:
        if isinstance(data, dict) and "date" in data:
            return {**data, "date": _date_text(data["date"])}
        return data


class SourcesFile(_Strict):
    documents: dict[StrictStr, SourceEntry | None] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _empty_documents(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("documents") is None:
            return {**data, "documents": {}}
        return data


_EXPECTED: dict[str, ProblemCode] = {
    "string_type": "not_text", "int_type": "not_whole_number", "bool_type": "not_bool", "dict_type": "not_mapping",
    "model_type": "not_mapping", "list_type": "not_list",
}


def _field(loc: Sequence[int | str], prefix: str = "") -> str:
    return prefix + ".".join(str(p) for p in loc if isinstance(p, str))


def describe(error: ErrorDetails, path: Path, line: int | None, prefix: str = "") -> FileProblem:
    """One pydantic error as a problem naming the field, for an editor."""
    name = _field(error["loc"], prefix)
    kind = error["type"]
    given = repr(error.get("input"))

    def problem(code: ProblemCode, detail: str | None = None, other: str | None = None) -> FileProblem:
        return FileProblem(code, path, line, name, detail, other)

    if kind == "extra_forbidden":
        return problem("unknown_field")
    if kind == "missing":
        return problem("missing_field")
    if kind == "literal_error":
        return problem("not_one_of", given, error.get("ctx", {}).get("expected", "").replace("'", "")
                       .replace(" or ", ", "))
    if name == "paragraph":
        return problem("not_positive", given)
    if kind == "too_short":
        return problem("empty_field")
    if kind == "greater_than_equal":
        return problem("below_minimum", given, str(error.get("ctx", {}).get("ge")))
    if kind == "low_above_high":
        return problem("low_above_high")
    if name.startswith("figure.") and name.rsplit(".", 1)[1] in ("value", "low", "high"):
        return problem("not_whole_number", given)
    if kind in _EXPECTED:
        return problem(_EXPECTED[kind], given)
    return problem("invalid_field", str(error.get("ctx", {}).get("error", error["msg"])))


def first_error(exc: ValidationError) -> ErrorDetails:
    """The error to report: a wrong value before a union's second guess at it."""
    errors = exc.errors(include_url=False)
    return errors[0]


def read_yaml_file(path: Path, error: type[FileError]) -> Any:
    """An editor's YAML file, its mappings carrying their lines (`LineLoader`); None when it is empty.

    Whatever keeps it from being read is an `error` naming the file and, where YAML knows it, the line:
    a link to a file outside the documents folder, text that is not UTF-8, a file that cannot be read,
    broken YAML.
    """
    if path.is_symlink() and not inside_folder(path):
        raise error(FileProblem("link_outside", path))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise error(FileProblem("not_utf8", path, detail=exc.reason)) from exc
    except OSError as exc:
        raise error(FileProblem("unreadable", path, detail=exc.strerror)) from exc
    try:
        return yaml.load(text, Loader=LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        if isinstance(exc, DuplicateKeyError):
            raise error(FileProblem("duplicate_key", path, line, str(exc.key))) from exc
        raise error(FileProblem("broken_yaml", path, line, detail=exc.problem or exc.context)) from exc
    except yaml.YAMLError as exc:
        raise error(FileProblem("broken_yaml", path, detail=str(exc))) from exc


def validate_file(path: Path, data: Any, model: type[M], error: type[FileError], shape: ProblemCode) -> M:
    """The top of a file read by `read_yaml_file`, checked against `model`; an `error` naming the line and
    field of the first problem, or `shape` (the problem of a file that is no mapping at all)."""
    if not isinstance(data, dict):
        raise error(FileProblem(shape, path, 1))
    try:
        return model.model_validate(without_lines(data))
    except ValidationError as exc:
        problem = first_error(exc)
        raise error(describe(problem, path, line_of(data, problem["loc"]))) from None


__all__ = [
    "ClaimEntry", "ClaimFileHead", "DuplicateKeyError", "FigureEntry", "FileError", "LineLoader", "SourceEntry",
    "SourcesFile", "ValidationError", "describe", "first_error", "line_of", "read_yaml_file", "validate_file",
    "without_lines",
]
