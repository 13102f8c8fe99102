"""The console: a chat driven through stdin, and the JSON batch, over the same handlers as the messengers."""

from __future__ import annotations

import io
import json

import pytest
from helpers import CITATION, claim_lines

import bot.console
from bot.console import ask_batch, ask_once, chat, reply_json
from handlers import Context, Request, dispatch


def run_chat(snapshot, text: str, config: object | None = None) -> str:
    out = io.StringIO()
    assert chat(snapshot, config, stdin=io.StringIO(text), stdout=out) == 0
    return out.getvalue()


def test_chat_shows_the_help_and_answers_a_question(seeds_snapshot):
    out = run_chat(seeds_snapshot, "/help\nWas sagte Austin?\n/quit\n")
    help_part, answer_part = out.split("Aussagen von Lloyd Austin", 1)
    assert help_part.startswith("Ich beantworte Fragen zu den Quellen")
    assert "/wer NAME" in help_part and "/quellen" in help_part
    assert "„Putins Optionen werden dünn“ [002 ¶4]" in answer_part
    assert not out.startswith("briefbot –")  # no banner when stdin is not a terminal


def test_chat_stops_at_quit(seeds_snapshot):
    out = run_chat(seeds_snapshot, "Was sagte Austin?\n/quit\nWas sagte Blinken?\n")
    assert "Lloyd Austin" in out
    assert "Blinken" not in out


def test_chat_ends_at_end_of_input_and_skips_blank_lines(news_snapshot):
    out = run_chat(news_snapshot, "\n   \nWas sagte Hans Albers?")  # no newline at the end, no /quit
    assert out.startswith("Aussagen von Hans Albers (Verteidigungsminister):\n")
    assert out.endswith("\n\n")
    assert out.count("Aussagen von") == 1


def test_chat_prints_buttons_as_commands_to_type(seeds_snapshot):
    out = run_chat(seeds_snapshot, "Was sagte Kim?\n")
    assert "Kim Jong Un wird in den Quellen erwähnt, aber nicht zitiert." in out
    assert "  → Kim Yong-hyun: /who Kim Yong-hyun\n" in out
    assert "  → Kim Jong Un: /who Kim Jong Un\n" in out


def test_chat_keeps_state_between_messages(news_snapshot):
    out = run_chat(news_snapshot, "/lang en\nWas sagte Vogt?\n/more\n/more\n")
    assert "I will reply in English now." in out
    assert "Statements by Maria Vogt" in out
    assert "… 4 more – /more shows them." in out
    assert "quote: „Wir informieren jeden Abend über die Lage“ [regierung.example ¶12]" in out
    assert out.rstrip().endswith("Nothing more.")


def test_chat_answers_every_kind_with_citations(seeds_snapshot):
    out = run_chat(seeds_snapshot, "Wie viele Soldaten nennt die taz?\nWer sprach von Eskalation?\n")
    figures, who_said = out.split("\n\n")[:2]  # one reply per question, in order
    assert figures.startswith("Truppenzahlen je Quelle:\n• taz:\n")
    # the taz's own figure, on a line of its own cited to its paragraph
    assert any("12.000" in line and line.endswith(" [taz ¶7]") for line in figures.splitlines()), figures
    assert who_said.startswith("Wer sprach über „eskalation“?\n") and "• Mark Rutte:\n" in who_said
    assert any("Eskalation" in line and line.endswith(" [taz ¶3]") for line in who_said.splitlines()), who_said
    lines = claim_lines(out)
    assert len(lines) >= 4
    assert all(CITATION.search(line) for line in lines), lines


def test_chat_survives_a_failing_message(news_snapshot, monkeypatch):
    def flaky(request, context):
        if request.text == "boom":
            raise RuntimeError("kaputt")
        return dispatch(request, context)

    monkeypatch.setattr(bot.console, "dispatch", flaky)
    out = run_chat(news_snapshot, "boom\nWas sagte Hans Albers?\n")
    assert "error: RuntimeError: kaputt" in out
    assert "Aussagen von Hans Albers" in out


def test_reload_in_a_chat_without_a_documents_folder(news_snapshot):
    out = run_chat(news_snapshot, "/reload\nWas sagte Hans Albers?\n")
    assert out.startswith("Nichts neu zu laden")
    assert "Aussagen von Hans Albers" in out


def test_chat_handles_a_huge_line_and_markup(seeds_snapshot):
    out = run_chat(seeds_snapshot, "<b>" + "x" * 10_000 + "</b>\n<i>Was sagte Austin?</i>\n")
    assert "Lloyd Austin" in out
    assert "<b>" not in out and "<i>" not in out


# ---------------------------------------------------------------- one-shot and batch


def test_ask_once_prints_the_reply_text(news_snapshot, capsys):
    assert ask_once(news_snapshot, "Was sagte Hans Albers?") == 0
    out = capsys.readouterr().out
    assert out.startswith("Aussagen von Hans Albers")
    assert "  Zitat: „Wir werden unser Land verteidigen“ [taz ¶2]\n" in out


def test_ask_once_json_and_a_forced_language(news_snapshot, capsys):
    assert ask_once(news_snapshot, "Was sagte Hans Albers?", as_json=True, lang="en") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["lang"] == "en"
    assert data["text"].startswith("Statements by Hans Albers")
    assert data["question"] == "Was sagte Hans Albers?"


def test_batch_writes_one_json_line_per_question_in_order(news_snapshot):
    questions = ["Was sagte Hans Albers?", "How many troops does each source report?", "Was sagte Macron?",
                 "", "Wer sprach von Eskalation?"]
    out = io.StringIO()
    assert ask_batch(news_snapshot, io.StringIO("\n".join(questions) + "\n"), out) == 0
    lines = out.getvalue().splitlines()
    assert len(lines) == len(questions)
    objects = [json.loads(line) for line in lines]
    assert [o["question"] for o in objects] == questions
    assert [o["intent"] for o in objects] == ["statements", "figures", "none", "none", "who_said"]
    assert objects[1]["lang"] == "en"
    assert objects[2]["claims"] == [] and objects[2]["sources"] == []


def test_batch_questions_do_not_share_a_more_page(news_snapshot):
    out = io.StringIO()
    ask_batch(news_snapshot, io.StringIO("Was sagte Vogt?\n/more\n"), out)
    first, more = (json.loads(line) for line in out.getvalue().splitlines())
    assert "/more" in first["text"]
    assert (more["intent"], more["text"]) == ("more", "Nichts weiter.")  # each line stands alone


@pytest.mark.parametrize("question", ["Was sagte Albers?", "Wie viele Soldaten?", "Welche Quellen gibt es?"])
def test_reply_json_lists_exactly_the_claims_shown(news_snapshot, question):
    reply = dispatch(Request(text=question), Context(news_snapshot))
    data = reply_json(question, reply)
    assert set(data) == {"question", "lang", "intent", "text", "sources", "claims"}
    assert [c["id"] for c in data["claims"]] == [c.id for c in reply.claims]
    for claim in data["claims"]:
        assert f"¶{claim['paragraph']}]" in data["text"]
    json.dumps(data)  # serialisable as it is
