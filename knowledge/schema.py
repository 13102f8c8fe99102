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
from pydantic_core import ErrorDetails

from knowledge.documents import inside_folder

#: The key a mapping's own line is kept under, and the key of its keys' lines.
LINE = "__line__"
KEY_LINES = "__keys__"

M = TypeVar("M", bound=BaseModel)


class LineLoader(yaml.SafeLoader):
    """Remembers where every mapping and every key stands, so a refusal can point at its line."""


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    keys: dict[object, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in keys:  # YAML would keep the last silently; an editor meant one of them
            raise yaml.constructor.ConstructorError(None, None, f"`{key}` appears twice in one mapping",
                                                    key_node.start_mark)
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
    """A file an editor wrote that cannot be used; the message names file and line."""

    def __init__(self, path: Path, line: int | None, problem: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem


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
            raise ValueError("`figure.low` is above `figure.high`")
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


_EXPECTED = {
    "string_type": "text", "int_type": "a whole number", "bool_type": "true or false", "dict_type": "a mapping",
    "model_type": "a mapping", "list_type": "a list",
}


def _field(loc: Sequence[int | str], prefix: str = "") -> str:
    return prefix + ".".join(str(p) for p in loc if isinstance(p, str))


def describe(error: ErrorDetails, prefix: str = "") -> str:
    """One pydantic error as a sentence naming the field, for an editor."""
    name = _field(error["loc"], prefix)
    kind = error["type"]
    given = error.get("input")
    if kind == "extra_forbidden":
        return f"unknown field `{name}`"
    if kind == "missing":
        return f"is missing `{name}`"
    if kind == "literal_error":
        choices = error.get("ctx", {}).get("expected", "").replace("'", "").replace(" or ", ", ")
        return f"`{name}` must be one of {choices}, not {given!r}"
    if kind in ("greater_than_equal", "too_short"):
        if name == "paragraph":
            return f"`paragraph` must be a positive whole number, not {given!r}"
        if kind == "too_short":
            return f"`{name}` must not be empty"
        return f"`{name}` must be a whole number of at least {error.get('ctx', {}).get('ge')}, not {given!r}"
    if kind == "value_error":
        return str(error.get("ctx", {}).get("error", error["msg"]))
    expected = _EXPECTED.get(kind)
    if name == "paragraph":
        return f"`paragraph` must be a positive whole number, not {given!r}"
    if name.startswith("figure.") and name.rsplit(".", 1)[1] in ("value", "low", "high"):
        return f"`{name}` must be a whole number, not {given!r}"
    if expected:
        return f"`{name}` must be {expected}, not {given!r}"
    return f"`{name}`: {error['msg']}"


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
        raise error(path, None, "is a link to a file outside the documents folder; refused")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise error(path, None, f"not UTF-8 text ({exc.reason})") from exc
    except OSError as exc:
        raise error(path, None, f"cannot be read ({exc.strerror})") from exc
    try:
        return yaml.load(text, Loader=LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise error(path, mark.line + 1 if mark else None, f"broken YAML: {exc.problem or exc.context}") from exc
    except yaml.YAMLError as exc:
        raise error(path, None, f"broken YAML: {exc}") from exc


def validate_file(path: Path, data: Any, model: type[M], error: type[FileError], shape: str) -> M:
    """The top of a file read by `read_yaml_file`, checked against `model`; an `error` naming the line and
    field of the first problem, or saying `shape` (what the file must be) when it is no mapping at all."""
    if not isinstance(data, dict):
        raise error(path, 1, f"expected {shape}")
    try:
        return model.model_validate(without_lines(data))
    except ValidationError as exc:
        problem = first_error(exc)
        raise error(path, line_of(data, problem["loc"]), describe(problem)) from None


__all__ = [
    "ClaimEntry", "ClaimFileHead", "FigureEntry", "FileError", "LineLoader", "SourceEntry", "SourcesFile",
    "ValidationError", "describe", "first_error", "line_of", "read_yaml_file", "validate_file", "without_lines",
]
