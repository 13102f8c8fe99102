"""/chart: a picture of the troop figures each source reports, for those who would rather look.

One horizontal bar per source spanning the lowest to the highest figure it reports, a dot
for each figure, labelled with who the source attributes it to.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from handlers.base import Command, Context, Reply, Request
from knowledge.answers import answer


def render_chart(groups: list[tuple[str, list[tuple[int, str]]]], title: str, number: Callable[[int], str]) -> bytes:
    """PNG bytes: groups are (source label, [(value, attributed to)]); `number` writes a figure as the
    reader's language does ("12.000", "12,000")."""
    # here, not at the top: matplotlib takes a second to load, and only /chart needs it (Agg before pyplot)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    height = 1.2 + 0.9 * max(len(groups), 1)
    fig, ax = plt.subplots(figsize=(8, height), dpi=110)
    try:
        for row, (_label, points) in enumerate(reversed(groups)):
            values = [v for v, _ in points]
            lo, hi = min(values), max(values)
            ax.plot([lo, hi], [row, row], color="#8fb3d9", linewidth=10, solid_capstyle="round", zorder=1)
            for value, who in points:
                ax.scatter([value], [row], color="#1f4e79", zorder=2, s=36)
                ax.annotate(number(value) + (f" – {who[:28]}" if who else ""), (value, row),
                            textcoords="offset points", xytext=(4, 9), fontsize=7.5, color="#333333")
        ax.set_yticks(range(len(groups)))
        ax.set_yticklabels([label for label, _ in reversed(groups)])
        ax.set_title(title, fontsize=11)
        ax.grid(axis="x", linestyle=":", alpha=0.6)
        ax.set_ylim(-0.7, len(groups) - 0.3)
        ax.margins(x=0.25)
        ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda x, _: number(int(x))))
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        plt.close(fig)


def run(request: Request, context: Context) -> Reply:
    lang = context.reply_lang(request)
    words = context.texts(request)
    result = answer(words.figures_question, context.index, lang)
    groups: list[tuple[str, list[tuple[int, str]]]] = []
    for group in result.groups:
        points: list[tuple[int, str]] = []
        for claim in group.claims:
            if claim.stance in ("denies", "refuses"):
                continue  # a number its speaker disputes is no point of the chart
            f = claim.figure
            for value in {v for v in (f.value, f.low, f.high) if isinstance(v, int)} if f else ():
                points.append((value, claim.speaker or ""))
        if points:
            groups.append((group.title, sorted(points)))
    if not groups:
        return Reply(text=words.no_chart, lang=lang, intent="chart")
    title = words.chart_title
    caption = title + " (" + ", ".join(label for label, _ in groups) + ")"
    return Reply(text=caption, lang=lang, intent="chart", image=render_chart(groups, title, words.number),
                 claims=result.claims, sources=result.sources)


COMMAND = Command(names=("grafik", "chart"), run=run)
