"""`briefbot ask`: the reply as text, and the JSON contract other programs rely on."""

from __future__ import annotations

import io
import json

import pytest
from helpers import cited_paragraph, verbatim_pieces

from bot.cli import main

CLAIM_KEYS = {"id", "source", "paragraph", "speaker", "kind", "text", "figure"}
FIGURE_KEYS = {"value", "low", "high", "qualifier", "unit", "scope", "measure"}
INTENTS = {"figures", "statements", "who_said", "quoted_in", "sources", "help", "none"}


def ask_json(capsys, folder, url, question: str, *extra: str) -> dict:
    code = main(["--seeds", str(folder), "--db", url, "ask", "--json", *extra, question])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.endswith("\n") and out.count("\n") == 1  # one JSON object on one line
    return json.loads(out)


@pytest.fixture(scope="module")
def seeds(seeds_folder, seeds_db, seeds_snapshot):
    return seeds_folder, seeds_db  # the snapshot fixture has built the store already


def test_ask_json_prints_one_object_with_the_contract_fields(seeds, capsys):
    data = ask_json(capsys, *seeds, "Was sagte Austin?")
    assert set(data) >= {"question", "lang", "intent", "text", "sources", "claims"}
    assert data["question"] == "Was sagte Austin?"
    assert (data["lang"], data["intent"]) == ("de", "statements")
    assert data["text"].startswith("Aussagen von Lloyd Austin")
    assert data["claims"]
    for claim in data["claims"]:
        assert claim.keys() >= CLAIM_KEYS
        assert claim["speaker"] == "Lloyd Austin"
        assert claim["kind"] in ("quote", "indirect")
        assert claim["figure"] is None
        assert isinstance(claim["paragraph"], int) and claim["paragraph"] >= 1
    assert data["sources"] == list(dict.fromkeys(c["source"] for c in data["claims"]))
    assert "„Putins Optionen werden dünn“" in [c["text"] for c in data["claims"]]


def test_ask_json_claims_are_only_the_ones_shown(news_folder, news_db, news_snapshot, capsys):
    data = ask_json(capsys, news_folder, news_db, "Was sagte Vogt?")
    assert len(data["claims"]) == 8  # the first page, not the four behind /more
    for claim in data["claims"]:
        assert f"[regierung.example ¶{claim['paragraph']}]" in data["text"]
    assert "Wir informieren jeden Abend über die Lage" not in json.dumps(data["claims"], ensure_ascii=False)


def test_ask_json_figures(news_folder, news_db, news_snapshot, capsys):
    data = ask_json(capsys, news_folder, news_db, "How many troops does each source report?")
    assert (data["lang"], data["intent"]) == ("en", "figures")
    assert data["sources"] == ["alpha", "beta", "gamma"]
    figures = {c["figure"]["value"]: c["figure"] for c in data["claims"]}
    assert set(figures) == {5000, 3000, 8000, 12000}
    assert [c["stance"] for c in data["claims"] if c["figure"]["value"] == 12000] == ["denies"]
    assert all(set(f) >= FIGURE_KEYS and f["measure"] == "troops" for f in figures.values())
    assert figures[5000]["qualifier"] == "bis zu"
    assert all(c["kind"] == "figure" for c in data["claims"])


QUESTIONS = [
    "Was sagte Austin?",
    "What did Blinken say?",
    "Wie viele Soldaten melden die Quellen?",
    "Wer sprach von Eskalation?",
    "Wer wird in der taz zitiert?",
    "Was sagte die Pentagon-Sprecherin?",
    "Was sagte Choe Son Hui?",
    "Wer sagte „Putins Optionen werden dünn“?",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_claim_stands_verbatim_in_its_cited_paragraph(seeds, capsys, question):
    folder, _ = seeds
    data = ask_json(capsys, *seeds, question)
    assert data["claims"]
    for claim in data["claims"]:
        paragraph = cited_paragraph(folder, claim)
        for piece in verbatim_pieces(claim["text"]):
            assert piece in paragraph, (claim["id"], piece)


def test_the_invented_documents_are_cited_verbatim_too(news_folder, news_db, news_snapshot, capsys):
    for question in ("Was sagte Albers?", "Wie viele Soldaten?", "Wer sprach von Eskalation?", "Was sagte Vogt?"):
        data = ask_json(capsys, news_folder, news_db, question)
        for claim in data["claims"]:
            assert claim["text"] in cited_paragraph(news_folder, claim), claim


@pytest.mark.parametrize(("question", "intent", "lang"), [
    ("What did Blinken say about Putin?", "none", "en"),
    ("Was sagte Macron?", "none", "de"),
    ("Wie viele Panzer hat Nordkorea geschickt?", "none", "de"),
    ("Welche Quellen gibt es?", "sources", "de"),
    ("Hilfe", "help", "de"),
    ("Who is quoted in 902.gr?", "quoted_in", "en"),
])
def test_ask_json_intents_and_languages(seeds, capsys, question, intent, lang):
    data = ask_json(capsys, *seeds, question)
    assert (data["intent"], data["lang"]) == (intent, lang)
    assert data["intent"] in INTENTS
    if intent in ("none", "help", "sources"):
        assert data["claims"] == []
    if intent == "sources":
        assert len(data["sources"]) == 5


def test_ask_json_forced_language(seeds, capsys):
    data = ask_json(capsys, *seeds, "Was sagte Austin?", "--lang", "en")
    assert data["lang"] == "en"
    assert data["text"].startswith("Statements by Lloyd Austin")


def test_batch_reads_stdin_and_writes_one_json_line_per_question(seeds, capsys, monkeypatch):
    questions = ["Was sagte Austin?", "Who called it an escalation?", "xqzv blorp fnord",
                 "Wie viele Soldaten nennt die taz?"]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(questions) + "\n"))
    folder, url = seeds
    assert main(["--seeds", str(folder), "--db", url, "ask", "--json"]) == 0
    out = capsys.readouterr().out
    objects = [json.loads(line) for line in out.splitlines()]
    assert [o["question"] for o in objects] == questions
    assert [o["intent"] for o in objects] == ["statements", "who_said", "none", "figures"]
    assert [o["lang"] for o in objects] == ["de", "en", "de", "de"]
    assert objects[2]["claims"] == []
    assert {c["source"] for c in objects[3]["claims"]} == {"003_4c124ba2100f9a82"}


def test_ask_prints_plain_text(seeds, capsys):
    folder, url = seeds
    assert main(["--seeds", str(folder), "--db", url, "ask", "Was", "sagte", "Rute?"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Aussagen von Mark Rutte")
    assert "[taz ¶8]" in out


def test_ask_without_a_question_or_json_explains_itself(seeds, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Was sagte Austin?\n"))
    folder, url = seeds
    assert main(["--seeds", str(folder), "--db", url, "ask"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "--json" in captured.err


def test_ask_answers_byte_identically_while_a_claim_file_has_a_wrong_typed_field(tmp_path, seeds_folder, capsys):
    import shutil

    folder = tmp_path / "seeds"
    shutil.copytree(seeds_folder, folder)
    url = f"sqlite:///{tmp_path / 'store.db'}"
    question = ["--seeds", str(folder), "--db", url, "ask", "--json", "Was sagte Austin?"]
    assert main(question) == 0
    before = capsys.readouterr().out
    claim_file = next(folder.glob("002_*.claims.yaml"))
    text = claim_file.read_text(encoding="utf-8")
    claim_file.write_text(text.replace("  kind: quote\n", "  kind: quote\n  via: [a, b]\n", 1), encoding="utf-8")
    for _ in range(2):  # the first run after the slip, and a restart
        assert main(question) == 0
        out, err = capsys.readouterr()
        assert out == before
        assert claim_file.name in err and "`via` must be text" in err


@pytest.fixture
def own_seeds(tmp_path, seeds_folder):
    """A copy of the seeds with its own store, for tests that write subscriptions."""
    import shutil

    folder = tmp_path / "seeds"
    shutil.copytree(seeds_folder, folder)
    return folder, f"sqlite:///{tmp_path / 'store.db'}"


@pytest.mark.parametrize("command, intent", [
    ("/subscribe 07:00 Europe/Berlin", "subscribe"), ("/unsubscribe", "unsubscribe"), ("/settings", "settings"),
    ("/digest", "digest"),
])
def test_ask_answers_the_digest_commands(own_seeds, capsys, command, intent):
    folder, url = own_seeds
    assert main(["--seeds", str(folder), "--db", url, "ask", "--json", command]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["intent"] == intent
    assert "Traceback" not in err


def test_batch_gives_one_object_per_line_for_questions_and_digest_commands(own_seeds, capsys, monkeypatch):
    lines = ["Was sagte Austin?\r", "/subscribe 07:00 Europe/Berlin", "/settings", "/digest", "/subscribe 25:00",
             "/unsubscribe", "Wie viele Soldaten nennt die taz?"]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    folder, url = own_seeds
    assert main(["--seeds", str(folder), "--db", url, "ask", "--json"]) == 0
    objects = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["question"] for o in objects] == [line.rstrip("\r") for line in lines]
    assert [o["intent"] for o in objects] == ["statements", "subscribe", "settings", "digest", "subscribe",
                                              "unsubscribe", "figures"]
    assert "07:00 (Europe/Berlin)" in objects[2]["text"]  # the lines share the console's subscription
    assert objects[5]["text"].startswith("Abbestellt")


def test_a_line_that_fails_gives_an_error_object_and_the_batch_goes_on(news_snapshot, monkeypatch):
    import bot.console

    real = bot.console.dispatch

    def failing(request, context):
        if "kaputt" in request.text:
            raise RuntimeError("no database configured")
        return real(request, context)

    monkeypatch.setattr(bot.console, "dispatch", failing)
    out = io.StringIO()
    assert bot.console.ask_batch(news_snapshot, io.StringIO("Was sagte Vogt?\nkaputt\nWas sagte Albers?\n"), out) == 0
    objects = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [o["intent"] for o in objects] == ["statements", "error", "statements"]
    assert objects[1]["question"] == "kaputt" and objects[1]["claims"] == []
    assert objects[1]["text"] and "RuntimeError" not in objects[1]["text"]
