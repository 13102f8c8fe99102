"""Admins reload documents from a Telegram chat; non-admins are refused; broken files lose nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from botapi_server import FakeBotAPI
from harness import ADMIN_ID, drive, running_bot, sends, settle, wait_until

from bot.config import Config
from chats import audit_log
from handlers import Context
from knowledge.store import open_store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ARTICLE = ("Vilnius (dpa) - „Wir verstärken die Ostflanke“, sagte die litauische Verteidigungsministerin "
           "Dovilė Šakalienė am Mittwoch.\nNach Angaben der Regierung sind bis zu 4.000 Soldaten beteiligt.\n")
USER = 777


async def answer_to(server: FakeBotAPI, text: str, user: int) -> str:
    """Send `text` and wait for the bot's reply: a reload may keep the bot busy for a moment on a loaded machine."""
    before = len(sends(server, user))
    server.send_text(text, chat_id=user, user_id=user)
    await wait_until(lambda: len(sends(server, user)) > before, timeout=20, what=f"a reply to {text!r}")
    return str((await settle(server, user))[-1].result["text"])


def own_store(tmp_path: Path, server: FakeBotAPI) -> tuple[Path, Config, Context]:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("*.db", ".*lock"))
    db = f"sqlite:///{tmp_path / 'reload.db'}"
    config = Config(seeds=folder, db=db, telegram_token=server.token, telegram_base_url=server.base_url,
                    admins={str(ADMIN_ID)})
    return folder, config, Context(open_store(folder, db, progress=False), config)


def test_admin_reload_makes_a_new_article_answerable(tmp_path: Path, server: FakeBotAPI) -> None:
    folder, config, context = own_store(tmp_path, server)

    async def scenario() -> None:
        async with running_bot(config, context):
            (folder / "080_vilnius.txt").write_text(ARTICLE, encoding="utf-8")
            assert "Admins" in await answer_to(server, "/reload", USER)
            server.send_text("/reload", chat_id=ADMIN_ID, user_id=ADMIN_ID)
            done = await wait_until(lambda: [c for c in sends(server, ADMIN_ID) if "Version" in c.result["text"]],
                                    timeout=40, what="the reload report")
            assert "+1 neu" in done[-1].result["text"]
            answer = await answer_to(server, "Was sagte Šakalienė?", USER)
            assert "Ostflanke" in answer and "¶1" in answer
            assert "4.000" in await answer_to(server, "Wie viele Soldaten meldet jede Quelle?", USER)

    drive(scenario(), timeout=60)
    assert any(e.user == str(USER) and not e.allowed for e in audit_log(context.engine))


def test_broken_claim_file_is_reported_and_old_answers_stay(tmp_path: Path, server: FakeBotAPI) -> None:
    folder, config, context = own_store(tmp_path, server)
    claim_file = next(folder.glob("003_*.claims.yaml"))
    claim_file.write_text(claim_file.read_text(encoding="utf-8").replace("paragraph: 5", "paragraph: fünf", 1),
                          encoding="utf-8")

    async def scenario() -> None:
        async with running_bot(config, context):
            server.send_text("/reload", chat_id=ADMIN_ID, user_id=ADMIN_ID)
            report = (await wait_until(lambda: sends(server, ADMIN_ID), timeout=40, what="the reload report")
                      )[-1].result["text"]
            assert claim_file.name in report and "paragraph" in report
            assert "untrennbar" in await answer_to(server, "Was sagte Yoon Suk Yeol?", USER)

    drive(scenario(), timeout=60)
