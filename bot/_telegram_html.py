"""Telegram's HTML: a reply rendered with everything escaped, cut into messages under the
4096-character limit (counted in UTF-16 units, never inside a tag or an entity) and its buttons
as an inline keyboard. No network here, so the tests check the cutting on its own.
"""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.frontend import utf16_units
from bot.markup import html_lines
from handlers import Reply

MAX_MESSAGE = 4096
CALLBACK_LIMIT = 64  # bytes Telegram keeps of a button's data


def to_html(text: str) -> str:
    """Escape everything; headings (lines ending with ':' that are not indented) in bold."""
    return "\n".join(html_lines(text))


#: a tag, an entity, or one character: the pieces an HTML text may be cut between
_ATOM = re.compile(r"<[^<>]*>|&#?\w+;|[\s\S]")
_TAG_NAME = re.compile(r"</?\s*([\w-]+)")


_tg_len = utf16_units


def _closing(open_tags: tuple[str, ...]) -> str:
    names = (match.group(1) for tag in reversed(open_tags) if (match := _TAG_NAME.match(tag)))
    return "".join(f"</{name}>" for name in names)


def split_message(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """HTML chunks of at most `limit` characters, cut at a paragraph, else a line, else a space.

    Never inside a tag or an entity; tags open at a cut are closed at the end of the chunk and
    reopened at the start of the next one.
    """
    if _tg_len(text) <= limit:
        return [text]
    atoms = _ATOM.findall(text)
    sizes = [_tg_len(atom) for atom in atoms]
    chunks: list[str] = []
    start_tags: tuple[str, ...] = ()  # tags open where the current chunk starts
    i = 0
    while i < len(atoms):
        stack = start_tags
        closing = len(_closing(stack))
        size = sum(_tg_len(t) for t in start_tags)
        cuts: dict[str, tuple[int, tuple[str, ...]]] = {}  # kind of break -> (atom index after it, tags open)
        j = i
        while j < len(atoms):
            atom = atoms[j]
            after, after_closing = stack, closing
            if atom[0] == "<" and len(atom) > 1:
                if atom[1] == "/":
                    after = stack[:-1]
                    after_closing = len(_closing(after))
                else:
                    after = (*stack, atom)
                    after_closing = closing + len(_closing((atom,)))
            if size + sizes[j] + after_closing > limit:
                break
            size += sizes[j]
            stack, closing = after, after_closing
            j += 1
            if atom == "\n":
                cuts["paragraph" if j - 2 >= i and atoms[j - 2] == "\n" else "line"] = (j, stack)
            elif atom == " ":
                cuts["space"] = (j, stack)
        if j == i:  # not even one atom fits next to the tags: drop the tags
            start_tags, stack, j = (), (), i + 1
        cut, open_at_cut, at_line = j, stack, False
        if j < len(atoms):
            for kind in ("paragraph", "line", "space"):
                if kind in cuts and cuts[kind][0] - i > (j - i) // 2:
                    (cut, open_at_cut), at_line = cuts[kind], kind != "space"
                    break
        body = "".join(atoms[i:cut]).rstrip()
        chunk = "".join(start_tags) + body + _closing(open_at_cut)
        if re.sub(r"<[^<>]*>", "", chunk).strip():
            chunks.append(chunk)
        start_tags = open_at_cut
        i = cut
        while i < len(atoms) and atoms[i] in ("\n" if at_line else " \n"):  # keep the next line's indent
            i += 1
    return chunks


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    rows = []
    for button in reply.buttons:
        data = button.data.encode("utf-8")[:CALLBACK_LIMIT].decode("utf-8", "ignore")
        rows.append([InlineKeyboardButton(button.label[:60], callback_data=data)])
    return InlineKeyboardMarkup(rows)

