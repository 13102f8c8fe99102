"""The words users read, in German and English: one typed catalogue.

Every language is one `Texts` value, so a text missing in a language is a type error, not a
reply in the wrong language. Placeholders are `str.format` fields. `{prefix}` is the command
prefix of the user's messenger ("/" or "!"); command names in texts are given per language.

The answers to questions (handlers.replies, handlers.ask, handlers.who) still keep their own
wording; they are to move in here as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["de", "en"]
LANGS: tuple[Lang, ...] = ("de", "en")


@dataclass(frozen=True, slots=True)
class Texts:
    # dispatch, front ends
    unknown_command: str
    text_only: str
    failed_line: str
    # /help, /start
    help_intro: str
    greeting: str
    # /lang
    lang_set: str
    lang_auto: str
    lang_usage: str
    # /more
    nothing_more: str
    # /figures, /chart, the digest's overview
    figures_question: str
    chart_title: str
    no_chart: str
    # /stats
    stats_refused: str
    stats: str
    uncertain_digests: str
    # /subscribe, /unsubscribe, /settings
    bad_time: str
    bad_zone: str
    subscribe_usage: str
    subscribed: str
    unsubscribed: str
    no_subscription_to_end: str
    no_subscription: str
    quiet_skipped: str
    quiet_line: str
    settings: str
    # the digest
    digest_title: str
    nothing_new: str
    current_state: str
    new_documents: str
    new_figures: str
    newly_quoted: str
    main_statements: str
    # /reload
    reload_refused: str
    reload_no_folder: str
    reload_busy: str
    reload_unchanged: str
    reload_failed: str
    reload_done: str
    reload_speakers: str
    reload_figures: str
    reload_took: str


CATALOGUE: dict[Lang, Texts] = {
    "de": Texts(
        unknown_command="Unbekannter Befehl {command}. Bekannt: {known}",
        text_only="Ich lese nur Textnachrichten – bitte tippen Sie Ihre Frage.",
        failed_line="Diese Zeile konnte nicht beantwortet werden; die übrigen werden weiter beantwortet.",
        help_intro=("Ich beantworte Fragen zu den Quellen, jede Aussage mit Beleg. Beispiele:\n"
                    "• Wie viele Soldaten meldet jede Quelle?\n• Was sagte Austin?\n• Wer sprach von Eskalation?\n"
                    "Befehle:"),
        greeting="Hallo! Ich bin briefbot.",
        lang_set="Ich antworte jetzt auf Deutsch.",
        lang_auto="Sprache automatisch / language automatic.",
        lang_usage="Aufruf: {prefix}sprache de|en|auto",
        nothing_more="Nichts weiter.",
        figures_question="Wie viele Soldaten meldet jede Quelle?",
        chart_title="Truppenzahlen je Quelle",
        no_chart="Keine Zahlen für eine Grafik.",
        stats_refused="Nur Admins sehen die Statistik.",
        stats=("Dokumente: {documents}\nAussagen: {claims} ({figures} Zahlen)\nSprecher: {speakers}\n"
               "Stand: Version {version}\nZuletzt neu geladen: {built}\nAbonnenten: {subscribers}"),
        uncertain_digests="Briefings: {n} unsicher (vielleicht angekommen, nicht erneut gesendet)",
        bad_time="{given} ist keine Uhrzeit (HH:MM, 00:00–23:59).",
        bad_zone="Unbekannte Zeitzone „{given}“ (ein IANA-Name wie Europe/Berlin oder UTC).",
        subscribe_usage="Aufruf: {prefix}abonnieren [HH:MM] [Zeitzone]",
        subscribed="Abonniert: jeden Tag um {time} ({tz}) ein Briefing. {prefix}abbestellen beendet es.",
        unsubscribed="Abbestellt: keine Briefings mehr.",
        no_subscription_to_end="Dieser Chat hat kein Abonnement.",
        no_subscription="Kein Abonnement. {prefix}abonnieren [HH:MM] [Zeitzone] richtet eines ein.",
        quiet_skipped="übersprungen",
        quiet_line="eine kurze „nichts Neues“-Zeile",
        settings=("Briefing: täglich um {time} ({tz}), Sprache {lang}; ruhige Tage: {quiet} "
                  "({prefix}einstellungen leer aus|an). Letztes Briefing: {last}. Antwortsprache: {chat_lang}."),
        digest_title="Briefing vom {day}",
        nothing_new="Nichts Neues seit {since}.",
        current_state="Aktueller Stand: {n} Dokumente – {docs}",
        new_documents="Neue Dokumente: {docs}",
        new_figures="Neue Zahlen:",
        newly_quoted="Neu zitiert: {names}",
        main_statements="Wichtigste Aussagen:",
        reload_refused="Nur Admins dürfen neu laden.",
        reload_no_folder="Nichts neu zu laden: kein Dokumentordner eingestellt.",
        reload_busy="Es läuft bereits ein Neuladen; bitte gleich noch einmal versuchen.",
        reload_unchanged="Keine Änderungen; Stand bleibt Version {version}.",
        reload_failed="Neu laden abgebrochen; der bisherige Stand antwortet weiter. Probleme:",
        reload_done=("Stand Version {version}: Dokumente +{added} neu, {changed} geändert, -{removed} entfernt; "
                     "Aussagen +{plus} / -{minus}."),
        reload_speakers="Neue Sprecher: ",
        reload_figures="Neue Zahlen: {n}",
        reload_took="Dauer {seconds:.1f} s.",
    ),
    "en": Texts(
        unknown_command="Unknown command {command}. Known: {known}",
        text_only="I only read text messages – please type your question.",
        failed_line="This line could not be answered; the others are answered as usual.",
        help_intro=("I answer questions about the sources, every statement cited. Examples:\n"
                    "• How many troops does each source report?\n• What did Austin say?\n"
                    "• Who called it an escalation?\nCommands:"),
        greeting="Hello! I am briefbot.",
        lang_set="I will reply in English now.",
        lang_auto="Sprache automatisch / language automatic.",
        lang_usage="Usage: {prefix}lang de|en|auto",
        nothing_more="Nothing more.",
        figures_question="How many troops does each source report?",
        chart_title="Troop figures by source",
        no_chart="No figures to chart.",
        stats_refused="Only admins may see the statistics.",
        stats=("Documents: {documents}\nClaims: {claims} ({figures} figures)\nSpeakers: {speakers}\n"
               "Store version: {version}\nLast reload: {built}\nSubscribers: {subscribers}"),
        uncertain_digests="Digests: {n} uncertain (may have arrived, not sent again)",
        bad_time="{given} is not a time of day (HH:MM, 00:00–23:59).",
        bad_zone="unknown time zone “{given}” (use an IANA name such as Europe/Berlin or UTC).",
        subscribe_usage="Usage: {prefix}subscribe [HH:MM] [time zone]",
        subscribed="Subscribed: a digest every day at {time} ({tz}). {prefix}unsubscribe ends it.",
        unsubscribed="Unsubscribed: no more digests.",
        no_subscription_to_end="This chat has no subscription.",
        no_subscription="No subscription. {prefix}subscribe [HH:MM] [time zone] starts one.",
        quiet_skipped="skipped",
        quiet_line="a short 'nothing new' line",
        settings=("Digest: daily at {time} ({tz}), language {lang}; quiet days: {quiet} "
                  "({prefix}settings empty skip|send). Last digest: {last}. Reply language: {chat_lang}."),
        digest_title="Briefing for {day}",
        nothing_new="Nothing new since {since}.",
        current_state="Current state: {n} documents – {docs}",
        new_documents="New documents: {docs}",
        new_figures="New figures:",
        newly_quoted="Newly quoted: {names}",
        main_statements="Main statements:",
        reload_refused="Only admins may reload.",
        reload_no_folder="Nothing to reload from: no documents folder is configured.",
        reload_busy="Another reload is running; try again in a moment.",
        reload_unchanged="No changes; store version {version} stays.",
        reload_failed="Reload stopped; the previous store keeps answering. Problems:",
        reload_done=("Store version {version}: documents +{added} added, {changed} changed, -{removed} removed; "
                     "claims +{plus} / -{minus}."),
        reload_speakers="New speakers: ",
        reload_figures="New figures: {n}",
        reload_took="Took {seconds:.1f} s.",
    ),
}


def texts(lang: str) -> Texts:
    """The catalogue of `lang`; German for any language without one (German is the bot's first language)."""
    return CATALOGUE["en"] if lang == "en" else CATALOGUE["de"]
