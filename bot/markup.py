"""Replies as HTML for the messengers: every piece of text escaped, headings in bold.

Telegram and Matrix both take a small HTML subset; they differ only in how lines are joined.
"""

from __future__ import annotations

import html

from handlers.base import sendable


def html_lines(text: str) -> list[str]:
    """One escaped line per reply line; a heading (not indented, ending with ':') is bold."""
    lines = []
    for line in sendable(text).split("\n"):
        escaped = html.escape(line, quote=False)
        if line and not line.startswith((" ", "•")) and line.endswith(":") and len(line) < 120:
            escaped = f"<b>{escaped}</b>"
        lines.append(escaped)
    return lines
