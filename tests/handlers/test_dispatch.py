"""What a user sees in a chat: every message goes through `dispatch`, every claim line is cited."""

from __future__ import annotations

import re

import pytest
from helpers import CITATION, claim_lines

from handlers import COMMANDS, Context, Request, dispatch, texts

TAZ = "003_4c124ba2100f9a82"


def ask(context: Context, text: str, **kw):
    return dispatch(Request(text=text, **kw), context)


def assert_cited(reply) -> None:
    lines = claim_lines(reply.text)
    assert lines, reply.text
    for line in lines:
        assert CITATION.search(line), line


# ---------------------------------------------------------------- citations on every line


QUESTIONS = [
    "Wie viele Soldaten melden die Quellen?",
    "How many troops does each source report?",
    "Wie viele Soldaten nennt die taz?",
    "Was sagte Austin?",
    "What did Blinken say?",
    "Was sagte Kim?",
    "Wer sprach von Eskalation?",
    "Who called it an escalation?",
    "Wer sagte „Putins Optionen werden dünn“?",
    "Wer wird in der taz zitiert?",
    "Who is quoted in 902.gr?",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_line_that_shows_a_claim_ends_with_its_citation(seeds, question):
    reply = ask(seeds, question)
    assert reply.claims
    assert_cited(reply)
    for claim in reply.claims:  # each claim shown is in the text with its own citation
        outlet = seeds.index.outlet(claim.source)
        assert f"[{outlet} ¶{claim.paragraph}]" in reply.text


def test_citations_name_the_outlet_or_the_short_document_id(seeds, news):
    text = ask(seeds, "Wie viele Soldaten melden die Quellen?").text
    assert "[taz ¶7]" in text
    assert "[000 ¶1]" in text
    assert "[902.gr ¶3]" in text
    assert "003_4c124ba2100f9a82" not in text
    text = ask(news, "Wie viele Soldaten melden die Quellen?").text
    assert re.search(r"^  bis zu 5\.000 Soldaten .* \[taz ¶1\]$", text, re.M)
    assert re.search(r"^  rund 3\.000 Soldaten .* \[example\.org ¶1\]$", text, re.M)
    assert re.search(r"^  insgesamt 8\.000 Soldaten .* \[nordkurier\.example ¶3\]$", text, re.M)


def test_a_qualifier_is_not_repeated_as_scope(news):
    text = ask(news, "Wie viele Soldaten melden die Quellen?").text
    line = next(line for line in text.splitlines() if "8.000" in line)
    assert line.count("insgesamt") == 1, line


def test_claim_lines_name_quote_or_paraphrase(news):
    text = ask(news, "Was sagte Hans Albers?").text
    assert "  Zitat: „Wir werden unser Land verteidigen“ [taz ¶2]" in text.splitlines()
    assert "  sinngemäß: die Lage an der Grenze sei ernst, aber unter Kontrolle. [taz ¶3]" in text.splitlines()
    assert text.splitlines()[0] == "Aussagen von Hans Albers (Verteidigungsminister):"


# ---------------------------------------------------------------- the asker's language


def test_english_question_gets_english_text_and_verbatim_german_quotes(news):
    reply = ask(news, "What did Hans Albers say?")
    assert reply.lang == "en"
    lines = reply.text.splitlines()
    assert lines[0] == "Statements by Hans Albers (defence minister):"
    assert "  quote: „Wir werden unser Land verteidigen“ [taz ¶2]" in lines
    assert "  paraphrase: die Lage an der Grenze sei ernst, aber unter Kontrolle. [taz ¶3]" in lines
    assert "Aussagen" not in reply.text and "Zitat" not in reply.text


def test_english_figures_use_english_numbers_and_words(news):
    reply = ask(news, "How many troops does each source report?")
    assert reply.lang == "en"
    assert reply.text.startswith("Troop figures by source:")
    assert "up to 5,000 soldiers" in reply.text  # what is counted, in the reply's language
    assert "about 3,000 soldiers" in reply.text
    assert "Range: 3,000 – 8,000" in reply.text
    german = ask(news, "Wie viele Soldaten melden die Quellen?")
    assert german.lang == "de"
    assert "bis zu 5.000 Soldaten" in german.text
    assert "Spanne: 3.000 – 8.000" in german.text


def test_a_figure_its_speaker_would_not_confirm_is_shown_as_such_and_left_out_of_the_range(news):
    for question, line, span in (
            ("How many troops does each source report?", "12,000 soldiers – disputed by Verteidigungsministerium",
             "Range: 3,000 – 8,000"),
            ("Wie viele Soldaten melden die Quellen?", "12.000 Soldaten – bestritten von Verteidigungsministerium",
             "Spanne: 3.000 – 8.000")):
        reply = ask(news, question)
        assert line in reply.text
        assert span in reply.text


def test_a_fixed_chat_language_wins_over_the_question(news):
    assert ask(news, "/lang en").lang == "en"
    reply = ask(news, "Was sagte Hans Albers?")
    assert reply.lang == "en" and reply.text.startswith("Statements by Hans Albers")
    ask(news, "/lang auto")
    assert ask(news, "What did Hans Albers say?").lang == "en"
    assert ask(news, "Was sagte Hans Albers?").lang == "de"


def test_the_language_of_one_chat_is_not_that_of_another(news):
    ask(news, "/lang en", chat="a")
    assert ask(news, "Was sagte Hans Albers?", chat="b").lang == "de"


# ---------------------------------------------------------------- ambiguity and the empty answer


def test_a_surname_of_a_speaker_and_of_someone_only_mentioned(seeds):
    reply = ask(seeds, "Was sagte Kim?")
    assert reply.intent == "statements"
    assert {c.entity for c in reply.claims} == {"kim-yong-hyun"}
    assert "Aussagen von Kim Yong-hyun" in reply.text
    assert "Kim Jong Un wird in den Quellen erwähnt, aber nicht zitiert." in reply.text
    assert [(b.label, b.data) for b in reply.buttons] == [("Kim Yong-hyun", "/who Kim Yong-hyun"),
                                                         ("Kim Jong Un", "/who Kim Jong Un")]


def test_the_button_for_someone_only_mentioned_does_not_show_a_namesake(seeds):
    reply = ask(seeds, "/who Kim Jong Un")
    assert reply.claims == []
    assert "Kim Yong-hyun" not in reply.text
    assert reply.text == "Kim Jong Un wird in den Quellen erwähnt, aber nicht zitiert."
    reply = ask(seeds, "What did Kim Jong Un say?")
    assert reply.text == "Kim Jong Un is mentioned in the sources but not quoted."


def test_two_people_with_one_surname(news):
    reply = ask(news, "Was sagte Albers?")
    assert reply.text.splitlines()[0] == "Mehrere Personen passen: Greta Albers, Hans Albers."
    assert "Aussagen von Hans Albers (Verteidigungsminister):" in reply.text
    assert "Aussagen von Greta Albers (Außenministerin):" in reply.text
    assert sorted(b.data for b in reply.buttons) == ["/who Greta Albers", "/who Hans Albers"]
    assert_cited(reply)


def test_a_surname_with_a_namesake_only_mentioned_in_the_invented_documents(news):
    reply = ask(news, "Was sagte Brandt?")
    assert {c.entity for c in reply.claims} == {"peter-brandt"}
    assert reply.text.splitlines()[-1] == "Karl Brandt wird in den Quellen erwähnt, aber nicht zitiert."
    reply = ask(news, "/who Karl Brandt")
    assert reply.claims == []
    assert "Peter Brandt" not in reply.text


NOTHING = re.compile(r"steht nichts in den Quellen|nennen keine Zahlen|sagt in den Quellen nichts|"
                     r"say nothing|says nothing|give no figures")


@pytest.mark.parametrize(("question", "text"), [
    ("Was sagte Macron?", "Zu „macron“ steht nichts in den Quellen."),
    ("Wie viele Panzer hat Nordkorea geschickt?", "Die Quellen nennen keine Zahlen zu „panzer“."),
    ("xqzv blorp fnord", "Zu „xqzv blorp fnord“ steht nichts in den Quellen."),
    ("What did Macron say?", "The sources say nothing about “macron”."),
    ("What did Blinken say about Putin?", "Antony Blinken says nothing about “putin” in the sources."),
    ("Was sagte Blinken über Putin?", "Antony Blinken sagt in den Quellen nichts zu „putin“."),
])
def test_nothing_fits_means_a_plain_nothing_and_no_claims(seeds, question, text):
    reply = ask(seeds, question)
    assert reply.intent == "none"
    assert reply.claims == [] and reply.sources == []
    assert reply.text == text
    assert not CITATION.search(reply.text) and "¶" not in reply.text


@pytest.mark.parametrize("question", ["Was sagte Macron?", "Wie viele Panzer hat Nordkorea geschickt?",
                                      "xqzv blorp fnord", "Wer sagte „Die Bananen sind alle blau“?"])
def test_nothing_fits_on_the_invented_documents_too(news, question):
    reply = ask(news, question)
    assert reply.claims == []
    assert "¶" not in reply.text
    assert reply.text.strip()


@pytest.mark.parametrize("text", ["", "   ", "?", "…?!"])
def test_an_empty_question_asks_for_one(seeds, text):
    reply = ask(seeds, text)
    assert reply.claims == []
    assert reply.text == texts("de").empty_question


# ---------------------------------------------------------------- long answers and /more


def test_a_long_answer_ends_with_a_more_hint_and_more_returns_the_rest(news):
    reply = ask(news, "Was sagte Vogt?")
    assert reply.has_more
    assert reply.text.splitlines()[-1] == "… 4 weitere – /more zeigt sie."
    first = claim_lines(reply.text)
    assert len(first) == 8
    rest = ask(news, "/more")
    assert rest.intent == "more"
    assert not rest.has_more
    second = claim_lines(rest.text)
    assert len(second) == 4
    assert "Wir informieren jeden Abend über die Lage" in rest.text
    assert not set(first) & set(second)
    for line in second:
        assert CITATION.search(line), line
    assert ask(news, "/more").text == "Nichts weiter."


def test_more_in_english(news):
    reply = ask(news, "What did Vogt say?")
    assert reply.text.splitlines()[-1] == "… 4 more – /more shows them."
    assert "quote: „Wir informieren jeden Abend über die Lage“" in ask(news, "/more", lang="en").text
    assert ask(news, "/more", lang="en").text == "Nothing more."


def test_every_command_a_reply_names_has_the_prefix_of_the_askers_messenger(news):
    matrix = {"transport": "matrix", "prefix": "!"}
    reply = ask(news, "Was sagte Vogt?", **matrix)
    assert reply.text.splitlines()[-1] == "… 4 weitere – !more zeigt sie."
    assert sorted(b.data for b in ask(news, "Was sagte Albers?", **matrix).buttons) == [
        "!who Greta Albers", "!who Hans Albers"]
    assert ask(news, "!wer", **matrix).text == "Aufruf: !wer NAME, z. B. !wer Maria Vogt"
    assert ask(news, "!who", lang="en", **matrix).text == "Usage: !who NAME, e.g. !who Maria Vogt"
    assert "(jede Nachricht ohne ! ist eine Frage)" in ask(news, "!hilfe", **matrix).text


def test_more_belongs_to_its_chat_and_to_the_last_question(news):
    ask(news, "Was sagte Vogt?", chat="a")
    assert ask(news, "/more", chat="b").text == "Nichts weiter."
    ask(news, "Was sagte Hans Albers?", chat="a")  # a short answer replaces the long one
    assert ask(news, "/more", chat="a").text == "Nichts weiter."


def test_a_very_long_more_is_paged_again(seeds):
    reply = ask(seeds, "Wer sprach über Nordkorea?")
    assert reply.has_more
    assert "/more" in reply.text.splitlines()[-1]
    pages = [ask(seeds, "/more")]
    while pages[-1].has_more and len(pages) < 10:
        assert pages[-1].text.endswith("… /more")
        pages.append(ask(seeds, "/more"))
    assert len(pages) >= 2
    assert not pages[-1].has_more
    shown = claim_lines(reply.text) + [line for p in pages for line in claim_lines(p.text)]
    hidden = int(re.search(r"… (\d+) weitere", reply.text).group(1))
    assert len(shown) == len(claim_lines(reply.text)) + hidden


# ---------------------------------------------------------------- odd messages


def test_a_ten_thousand_character_message(seeds):
    reply = ask(seeds, "Was sagte Austin? " + "bla " * 2500)
    assert reply.text
    reply = ask(seeds, "x" * 10_000)
    assert reply.claims == [] and reply.text
    reply = ask(seeds, "Was sagte Austin? " * 1000)  # 18,000 characters
    assert {c.entity for c in reply.claims} == {"lloyd-austin"}


def test_markup_in_a_question_is_ignored(seeds):
    reply = ask(seeds, "<b>Was sagte</b> <i>Austin</i>?")
    assert {c.entity for c in reply.claims} == {"lloyd-austin"}
    reply = ask(seeds, "<script>alert('x')</script> Was sagte **Austin**?")
    assert {c.entity for c in reply.claims} == {"lloyd-austin"}
    assert "<script>" not in reply.text and "alert" not in reply.text


def test_control_characters_and_emoji(seeds):
    reply = ask(seeds, "Was sagte\x00 Austin?\x1b[31m 🙂")
    assert {c.entity for c in reply.claims} == {"lloyd-austin"}


# ---------------------------------------------------------------- commands


def test_an_unknown_command_gets_a_clear_message(seeds):
    reply = ask(seeds, "/frobnicate now")
    assert reply.intent == "unknown_command"
    assert reply.text.startswith("Unbekannter Befehl /frobnicate. Bekannt: ")
    assert "/help" in reply.text and "/who" in reply.text and "/reload" not in reply.text
    reply = ask(seeds, "!frobnicate", lang="en")
    assert reply.text.startswith("Unknown command !frobnicate. Known: !start")


def test_a_slash_that_is_no_command_is_a_question(seeds):
    assert ask(seeds, "/ Was sagte Austin?").intent == "statements"


def test_help_lists_every_command_for_users(seeds):
    reply = ask(seeds, "/help")
    assert reply.intent == "help"
    for command in COMMANDS:
        assert (f"/{command.names[0]}" in reply.text) != command.admin
    english = ask(seeds, "/help", lang="en")
    assert english.text.startswith("I answer questions about the sources")
    assert "/who NAME – statements of a person" in english.text
    assert ask(seeds, "!hilfe", transport="matrix", prefix="!").text.count("!wer") == 1
    assert ask(seeds, "Hilfe").intent == "help"


def test_start_greets(seeds):
    assert ask(seeds, "/start").text.startswith("Hallo! Ich bin briefbot.\n")
    assert ask(seeds, "/start@briefbot_bot", lang="en").text.startswith("Hello! I am briefbot.\n")


def test_sources_command_and_question(seeds):
    reply = ask(seeds, "/sources")
    lines = reply.text.splitlines()
    assert lines[0] == "5 Quellen:"
    assert reply.sources == sorted(seeds.index.sources)
    assert "• 003: taz – " in reply.text and "[003_4c124ba2100f9a82]" in reply.text
    assert "• 001: 902.gr – " in reply.text
    assert "• 000: Medium unbekannt – " in reply.text
    question = ask(seeds, "Welche Quellen gibt es?")
    assert question.intent == "sources" and question.text == reply.text


def test_figures_command_of_one_source(seeds):
    reply = ask(seeds, "/figures taz")
    assert reply.intent == "figures"
    assert {c.source for c in reply.claims} == {TAZ}
    reply = ask(seeds, "/zahlen")
    assert len({c.source for c in reply.claims}) >= 4


def test_who_command(seeds):
    reply = ask(seeds, "/who Austin")
    assert {c.entity for c in reply.claims} == {"lloyd-austin"}
    assert ask(seeds, "/wer Rute").claims
    assert ask(seeds, "/who").text == "Aufruf: /wer NAME, z. B. /wer Lloyd Austin"
    reply = ask(seeds, "/who Macron", lang="en")
    assert reply.claims == [] and "macron" in reply.text.lower()


def test_lang_command_without_a_choice_explains_itself(seeds):
    assert ask(seeds, "/lang").text == "Aufruf: /sprache de|en|auto"
    assert ask(seeds, "/lang klingonisch", lang="en").text == "Usage: /lang de|en|auto"



# ---------------------------------------------------------------- any string in, a sendable reply out


@pytest.mark.parametrize("text", ["/w\udfffho", "Was sagte \ud800Austin?", "/wer \udfff", "\udfff", "/\udc80"])
def test_a_lone_surrogate_never_reaches_a_reply(news, text):
    reply = ask(news, text)
    reply.text.encode("utf-8")
    for button in reply.buttons:
        (button.label + button.data).encode("utf-8")


def test_a_reply_replaces_lone_surrogates_it_is_given():
    from handlers import Button, Reply

    reply = Reply(text="a\udfffb", buttons=[Button(label="\ud800", data="/wer \ud800")])
    assert reply.text.encode("utf-8") == "a\ufffdb".encode()
    assert reply.buttons[0].data == "/wer \ufffd"


def test_windows_line_endings_are_the_same_question(news):
    assert ask(news, "Was sagte Hans Albers?\r\n").text == ask(news, "Was sagte Hans Albers?").text
    assert "\r" not in ask(news, "/wer Hans\r\nAlbers").text


@pytest.mark.parametrize("args, lang, wanted, unwanted", [
    ("25:00", "de", "keine Uhrzeit", "is not a time"),
    ("Mars/Olympus", "de", "Unbekannte Zeitzone", "unknown time zone"),
    ("25:00", "en", "is not a time of day", "Uhrzeit"),
    ("Mars/Olympus", "en", "unknown time zone", "Zeitzone"),
])
def test_subscribe_errors_are_in_the_chat_language(news, args, lang, wanted, unwanted):
    reply = ask(news, f"/subscribe {args}", lang=lang)
    assert wanted in reply.text and unwanted not in reply.text
