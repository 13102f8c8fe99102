"""What a Matrix message looks like: the plain body and its HTML copy, the size limit they share and
how a long reply is cut to fit it, the user's text of a reply, a chart's dimensions, who may invite the bot.

Pure functions without a client, so the sending code and the tests use the same ones.
"""

from __future__ import annotations

import struct

from bot.markup import html_lines

# Bytes of a message's body plus its HTML copy. Matrix refuses events over 64 KiB, and in an encrypted
# room the JSON is encrypted and base64-encoded (+33 %): 24 kB of text stays well under that.
MAX_BODY = 24_000


def to_html(text: str) -> str:
    return "<br>".join(html_lines(text))


def _line_size(line: str) -> int:
    """Bytes a message takes: its plain body plus its HTML copy."""
    return len(line.encode("utf-8")) + len(to_html(line).encode("utf-8"))


def _cut(line: str, limit: int) -> int:
    """Where to cut an overlong line: as many characters as fit, at a space where one is near."""
    low, high = 1, len(line)
    while low < high:
        mid = (low + high + 1) // 2
        if _line_size(line[:mid]) <= limit:
            low = mid
        else:
            high = mid - 1
    space = line.rfind(" ", 0, low)
    return space + 1 if space > low * 3 // 4 else low


def split_body(text: str, limit: int = MAX_BODY) -> list[str]:
    """Messages of at most `limit` bytes of body plus HTML copy, split between lines where possible."""
    if _line_size(text) <= limit:
        return [text]
    lines: list[str] = []
    for line in text.split("\n"):
        while _line_size(line) > limit:  # one line too long for a message: cut it, losing nothing
            cut = _cut(line, limit)
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        line_size = _line_size(line) + 5  # the newline and the <br> that join it to the one before
        if current and size + line_size > limit:
            chunks.append("\n".join(current))
            current, size = [], 0
        current.append(line)
        size += line_size
    if current:
        chunks.append("\n".join(current))
    return chunks


def strip_reply_fallback(body: str) -> str:
    """The user's own text of a reply: without the quoted "> <@someone> ..." lines that clients prepend."""
    if not body.startswith(">"):
        return body
    lines = body.split("\n")
    while lines and lines[0].startswith(">"):
        lines.pop(0)
    return "\n".join(lines).strip()


def png_size(data: bytes) -> tuple[int, int]:
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    return 0, 0


def allowed_inviter(sender: str, allow: str | None) -> bool:
    """BRIEFBOT_MATRIX_ALLOW: comma-separated user ids (@a:b) or servers (example.org or :example.org)."""
    if not allow:
        return True
    for item in (part.strip() for part in allow.split(",")):
        if not item:
            continue
        if item.startswith("@") and sender == item:
            return True
        server = item.lstrip(":")
        if not item.startswith("@") and sender.endswith(":" + server):
            return True
    return False
