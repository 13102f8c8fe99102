"""/help and /start give example questions about the documents loaded, whatever their story."""

from __future__ import annotations

import dataclasses

from handlers import Context, Request, dispatch
from handlers.help import most_quoted_person


def examples(context: Context, text: str, lang: str | None = None) -> list[str]:
    reply = dispatch(Request(text, chat="c1", lang=lang), context)
    return [line for line in reply.text.splitlines() if line.startswith("• ")]


def test_the_examples_name_the_person_the_documents_quote_most(news: Context, seeds: Context) -> None:
    assert examples(news, "/hilfe") == ["• Welche Zahlen nennen die Quellen?", "• Was sagte Maria Vogt?",
                                        "• Welche Quellen gibt es?"]
    assert "• What did Lloyd Austin say?" in examples(seeds, "/help", lang="en")
    assert "• Was sagte Lloyd Austin?" in examples(seeds, "/start")


def test_every_example_question_is_answered_from_the_documents(seeds: Context) -> None:
    for lang in ("de", "en"):
        for line in examples(seeds, "/help", lang=lang):
            reply = dispatch(Request(line[2:], chat="c1", lang=lang), seeds)
            assert reply.intent not in ("none", "help") and reply.text.count("[") >= 2, line


def test_without_anybody_quoted_the_name_example_is_left_out(seeds_snapshot) -> None:
    figures_only = dataclasses.replace(seeds_snapshot, claims=[c for c in seeds_snapshot.claims
                                                               if c.kind == "figure"])
    assert most_quoted_person(figures_only) is None
    context = Context(figures_only)
    assert examples(context, "/hilfe") == ["• Welche Zahlen nennen die Quellen?", "• Welche Quellen gibt es?"]
    assert dispatch(Request("/wer", chat="c1"), context).text == "Aufruf: /wer NAME"
