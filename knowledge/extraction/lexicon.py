"""German words the extractor keys on: reporting verbs, cues, determiners, roles.

These are closed or near-closed classes of the language of news reporting, not names from
any particular article; that is what lets the extractor work on documents it has never seen.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

#: Reporting cues learned from an annotated corpus by knowledge/training/derive_cues.py.
LEARNED_CUES_FILE = Path(__file__).with_name("data") / "reporting_cues.json"
#: A learned verb reports often enough to be a cue when at least this share of its uses are cues ...
LEARNED_MIN_SHARE = 0.08
#: ... and needs no clause or quote after it only when nearly all its uses are cues (and it was seen twice).
LEARNED_STRONG_SHARE = 0.75

#: General German reporting verbs, the core the learned ones extend.
CORE_REPORTING_VERBS = frozenset(
    [
        "sagen", "erklären", "betonen", "warnen", "behaupten", "bestätigen", "fordern", "schreiben", "mitteilen",
        "hinzufügen", "bemerken", "spekulieren", "meinen", "kritisieren", "berichten", "verweisen", "äußern",
        "sprechen", "nennen", "bezeichnen", "antworten", "verneinen", "unterstreichen", "zitieren", "ankündigen",
        "einräumen", "zugeben", "hinweisen", "andeuten", "glauben", "hoffen", "vermuten", "befürchten", "fürchten",
        "vorwerfen", "beklagen", "bekräftigen", "versichern", "versprechen", "erläutern", "ergänzen", "fortfahren",
        "feststellen", "klarstellen", "argumentieren", "begründen", "bestreiten", "dementieren", "leugnen", "melden",
        "verkünden", "verlauten", "bekanntgeben", "angeben", "mahnen", "appellieren", "drohen", "prognostizieren",
        "vorhersagen", "schätzen", "rechnen", "ausgehen", "sehen", "zeigen", "loben", "begrüßen", "verurteilen",
        "anprangern", "zurückweisen", "ablehnen", "erwidern", "entgegnen", "beteuern", "unterstellen", "vorschlagen",
        "empfehlen", "raten", "verlangen", "bitten", "aufrufen", "auffordern", "insistieren", "kommentieren",
        "resümieren", "bilanzieren", "folgern", "schließen", "schildern", "beschreiben", "darlegen", "ausführen",
        "berufen", "informieren", "bekennen", "gestehen", "zusichern", "zugestehen", "eingestehen", "wissen",
        "verraten", "erzählen", "twittern", "posten", "widersprechen", "dementieren", "präzisieren", "relativieren",
        "signalisieren", "beharren", "pochen", "anmerken", "festhalten", "hervorheben", "veröffentlichen",
        "publizieren", "abstreiten", "entscheiden", "beschließen", "anbieten", "zusagen", "beschuldigen",
        "verdächtigen", "plädieren", "beantragen", "ersuchen", "androhen", "bekunden", "zustimmen", "bezweifeln",
        "anzweifeln", "befürworten", "erwähnen", "ergeben",
    ]
)

#: Verbs that report only when they take a that-clause or a quote (not "sieht das Auto").
CORE_WEAK_REPORTING_VERBS = frozenset(
    [
        "sehen", "zeigen", "rechnen", "ausgehen", "schließen", "wissen", "glauben", "hoffen", "berufen", "schätzen",
        "loben", "begrüßen", "beschreiben", "ablehnen", "nennen", "unterstreichen", "signalisieren", "verlangen",
        "bestätigen", "veröffentlichen", "zitieren", "entscheiden", "beschließen", "anbieten", "zusagen",
        "beschuldigen", "verdächtigen", "plädieren", "beantragen", "ersuchen", "androhen", "bekunden", "zustimmen",
        "befürworten", "erwähnen", "ergeben",
    ]
)

#: Separable particles that complete a reporting verb at the end of the clause.
CORE_SEPARABLE_PARTICLES = {
    "hinzu": {"fügen": "hinzufügen"},
    "mit": {"teilen": "mitteilen"},
    "bekannt": {"geben": "bekanntgeben"},
    "an": {"kündigen": "ankündigen", "geben": "angeben", "deuten": "andeuten", "merken": "anmerken",
           "prangern": "anprangern", "bieten": "anbieten", "drohen": "androhen"},
    "ein": {"räumen": "einräumen", "gestehen": "eingestehen"},
    "zu": {"geben": "zugeben", "sichern": "zusichern", "stimmen": "zustimmen", "sagen": "zusagen"},
    "hin": {"weisen": "hinweisen"},
    "vor": {"werfen": "vorwerfen", "schlagen": "vorschlagen", "rechnen": "vorrechnen"},
    "auf": {"rufen": "aufrufen", "fordern": "auffordern"},
    "fest": {"stellen": "feststellen", "halten": "festhalten"},
    "klar": {"stellen": "klarstellen"},
    "zurück": {"weisen": "zurückweisen"},
    "dar": {"legen": "darlegen"},
    "aus": {"führen": "ausführen", "gehen": "ausgehen"},
    "fort": {"fahren": "fortfahren"},
    "hervor": {"heben": "hervorheben"},
    "ab": {"lehnen": "ablehnen", "streiten": "abstreiten", "geben": "abgeben"},
}



#: The learned cue file as written: verbs with their counts, separable particles, nouns, prepositions.
LEARNED_CUES: dict[str, dict] = json.loads(LEARNED_CUES_FILE.read_text(encoding="utf-8"))


def _learned_cues() -> tuple[frozenset[str], frozenset[str], dict[str, dict[str, str]]]:
    """Verbs learned from the corpus: (all, weak ones, separable particle → base → verb)."""
    data = LEARNED_CUES
    verbs, weak = set(), set()
    for verb, seen in data["verbs"].items():
        share = seen["cue"] / max(seen["seen"], 1)
        if share < LEARNED_MIN_SHARE:
            continue
        verbs.add(verb)
        if share < LEARNED_STRONG_SHARE or seen["cue"] < 2:
            weak.add(verb)
    return frozenset(verbs), frozenset(weak), data["separable"]


def _merge_particles(*tables: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for table in tables:
        for particle, bases in table.items():
            merged.setdefault(particle, {}).update(bases)
    return merged


_LEARNED_VERBS, _LEARNED_WEAK, _LEARNED_PARTICLES = _learned_cues()
REPORTING_VERBS = CORE_REPORTING_VERBS | _LEARNED_VERBS
#: Verbs whose "als „…“" complement is a quoted verdict ("würdigte ihn als „…“"), learned from the corpus.
PREDICATIVE_VERBS = frozenset(LEARNED_CUES.get("predicative", {})) | {"bezeichnen", "nennen"}
#: A learned verb that is a core verb keeps the core's judgement; a new one is weak unless it nearly always reports.
WEAK_REPORTING_VERBS = CORE_WEAK_REPORTING_VERBS | (_LEARNED_WEAK - CORE_REPORTING_VERBS)
SEPARABLE_PARTICLES = _merge_particles(_LEARNED_PARTICLES, CORE_SEPARABLE_PARTICLES)

#: Konjunktiv I forms: unambiguous marks of reported speech.
KONJUNKTIV_I = frozenset(
    [
        "sei", "seien", "seist", "habe", "habest", "werde", "werdest", "könne", "könnest", "müsse", "müssest",
        "solle", "sollest", "wolle", "dürfe", "möge", "wisse", "gebe", "gehe", "komme", "stehe", "liege", "bleibe",
        "handle", "handele", "gelte", "brauche", "fehle",
    ]
)

#: Konjunktiv I and II forms that mark reported speech without a reporting verb nearby.
SUBJUNCTIVE_FORMS = frozenset(
    [
        "sei", "seien", "seist", "habe", "habest", "werde", "werdest", "könne", "könnest", "müsse", "müssest",
        "solle", "sollest", "wolle", "dürfe", "möge", "wisse", "gebe", "gehe", "komme", "stehe", "liege", "bleibe",
        "handle", "handele", "gelte", "brauche", "fehle", "hätte", "hätten", "wäre", "wären", "würde", "würden",
        "könnte", "könnten", "müsste", "müssten", "sollte", "sollten",
    ]
)

DETERMINERS = frozenset(
    [
        "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen", "kein", "keine",
        "keiner", "keines", "sein", "seine", "seiner", "seines", "ihr", "ihre", "ihrer", "ihres", "unser", "unsere",
        "dieser", "diese", "dieses", "jener", "jene", "mehrere", "viele", "einige", "zahlreiche", "beide", "alle",
    ]
)

PERSONAL_PRONOUNS = {"er": "m", "sie": "f", "es": "n", "ich": None, "wir": None, "man": None}

#: Words that cannot start or continue a speaker's noun phrase.
PREPOSITIONS = frozenset(
    [
        "an", "am", "auf", "aus", "bei", "beim", "bis", "durch", "für", "gegen", "gegenüber", "hinter", "im", "in",
        "ins", "mit", "nach", "neben", "ohne", "seit", "trotz", "über", "um", "unter", "vom", "vor", "während",
        "wegen", "zu", "zum", "zur", "zufolge", "laut", "gemäß", "per", "via", "angesichts", "anlässlich", "infolge",
        "innerhalb", "außerhalb",
    ]
)

SUBORDINATORS = frozenset(
    [
        "dass", "daß", "ob", "weil", "da", "wie", "als", "wenn", "nachdem", "während", "obwohl", "wobei", "womit",
        "sodass", "damit", "bevor", "falls", "indem", "seit", "seitdem", "sofern", "solange", "wohingegen", "was",
        "wer", "wo", "worauf", "woraufhin", "weshalb", "warum",
    ]
)

#: Adverbs and particles that often sit between a reporting verb and its subject.
ADVERBS = frozenset(
    [
        "auch", "außerdem", "zudem", "dazu", "dabei", "daher", "damit", "dann", "jedoch", "aber", "doch", "nun",
        "noch", "bereits", "schon", "zuvor", "später", "heute", "gestern", "morgen", "vorgestern", "inzwischen",
        "unterdessen", "derweil", "daraufhin", "zugleich", "gleichzeitig", "ebenfalls", "weiter", "weiterhin",
        "erneut", "wieder", "nochmals", "ausdrücklich", "allerdings", "freilich", "indes", "jetzt", "damals",
        "zuletzt", "zunächst", "anschließend", "demnach", "demzufolge", "offenbar", "offensichtlich", "angeblich",
        "mutmaßlich", "laut", "deutlich", "klar", "scharf", "unverblümt", "vielmehr", "sogar", "etwa", "rund",
        "fast", "kaum", "nicht", "nie", "stets", "immer", "oft", "mehrfach", "mehrmals", "so", "dort", "hier",
        "hierzu", "hierbei", "darin", "darauf", "darüber", "davon", "dazu", "ferner", "überdies", "schließlich",
        "lediglich", "nur", "bloß", "insgesamt", "allein", "erstmals",
        "ebenso", "gleichwohl", "dennoch", "trotzdem", "denn", "also", "jedenfalls",
        "ohnehin", "bislang", "bisher", "tatsächlich", "insbesondere", "besonders", "zumindest", "eigentlich",
        "nämlich", "bekanntlich", "letztlich", "womöglich", "möglicherweise", "vermutlich", "wahrscheinlich",
        "immerhin", "kürzlich", "jüngst", "zwar", "vorerst", "hingegen",
    ]
)

#: What somebody delivers: "hieß es in der Rede" means the words of whoever gave it; these also end compounds
#: ("Thronrede", "Pressemitteilung"), unlike "Botschaft" or "Schreiben" ("US-Botschaft" is an embassy).
SPEECH_EVENT_NOUNS = ("rede", "ansprache", "erklärung", "mitteilung", "stellungnahme")

WEEKDAYS = frozenset(
    [
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag", "wochenende",
        "morgen", "abend", "mittag", "nachmittag", "vormittag", "nacht",
    ]
)

#: Heads of noun phrases naming an office or function (matched as word endings).
ROLE_SUFFIXES = (
    "minister", "ministerin", "präsident", "präsidentin", "sprecher", "sprecherin", "chef", "chefin",
    "sekretär", "sekretärin", "botschafter", "botschafterin", "beauftragte", "beauftragter",
    "kanzler", "kanzlerin", "direktor", "direktorin", "leiter", "leiterin", "vorsitzende",
    "vorsitzender", "general", "kommandeur", "beamte", "beamter", "beamtin", "vertreter",
    "vertreterin", "mitarbeiter", "mitarbeiterin", "analyst", "analystin", "experte", "expertin",
    "autor", "autorin", "abgeordnete", "abgeordneter", "politiker", "politikerin", "senator",
    "senatorin", "gouverneur", "bürgermeister", "bürgermeisterin", "staatsanwalt", "staatsanwältin",
    "anwalt", "anwältin", "richter", "richterin", "professor", "professorin", "forscher",
    "forscherin", "wissenschaftler", "wissenschaftlerin", "trainer", "trainerin", "kapitän",
    "diplomat", "diplomatin", "machthaber", "führer", "führerin", "premier", "premierministerin",
    "regierungschef", "staatschef", "kommissar", "kommissarin", "ökonom", "ökonomin", "journalist",
    "journalistin", "korrespondent", "korrespondentin", "offizier", "soldat", "sprecherin",
    "amtskollege", "amtskollegin", "kollege", "kollegin", "berater", "beraterin", "funktionär",
    "funktionärin", "manager", "managerin", "gründer", "gründerin", "chef", "spieler", "spielerin",
    "historiker", "historikerin", "arzt", "ärztin", "zeuge", "zeugin", "bischof", "papst", "könig",
    "königin", "prinz", "prinzessin", "fürst", "oberhaupt", "kandidat", "kandidatin", "aktivist",
    "aktivistin", "mitglied", "eigentümer", "inhaber", "inhaberin", "besitzer", "sänger",
    "sängerin", "schauspieler", "schauspielerin", "regisseur", "regisseurin", "fan", "bewohner",
    "anwohner", "augenzeuge", "augenzeugin", "polizist", "polizistin", "ermittler", "ermittlerin",
    "beobachter", "beobachterin", "kritiker", "kritikerin", "befürworter", "gegner", "gegnerin",
    "spezialist", "spezialistin", "mediziner", "medizinerin", "bürger", "bürgerin",
    "koordinator", "koordinatorin", "organisator", "organisatorin", "veranstalter", "veranstalterin",
    "initiator", "initiatorin", "moderator", "moderatorin", "verteidiger", "verteidigerin", "ankläger",
    "anklägerin", "unterstützer", "unterstützerin", "kardinal", "pfarrer", "pfarrerin", "pastor", "pastorin",
    "patriarch", "rabbiner", "rabbinerin", "imam", "nuntius", "prälat", "dekan", "dekanin", "kaiser", "kaiserin",
    "scheich", "sultan", "theologe", "theologin", "philosoph", "philosophin", "soziologe", "soziologin",
    "politologe", "politologin", "psychologe", "psychologin",
)

#: Heads naming organisations, bodies and institutions.
ORGANISATION_SUFFIXES = (
    "dienst", "ministerium", "regierung", "behörde", "botschaft", "agentur", "institut", "polizei",
    "armee", "militär", "kommission", "rat", "amt", "partei", "verband", "verein", "gericht",
    "staatsanwaltschaft", "unternehmen", "konzern", "firma", "gesellschaft", "organisation", "stiftung",
    "denkfabrik", "zeitung", "sender", "fernsehen", "rundfunk", "portal", "nachrichtenportal",
    "magazin", "blatt", "union", "bund", "bündnis", "allianz", "koalition", "fraktion", "senat",
    "parlament", "kongress", "gruppe", "bank", "ministerien", "führung",
    "verwaltung", "feuerwehr", "gewerkschaft", "komitee", "ausschuss", "staat",
    "kabinett", "geheimdienst", "nachrichtendienst", "generalstab", "streitkräfte", "büro",
    "klub", "club", "mannschaft", "team", "universität", "hochschule", "schule", "akademie",
    "zentrum", "center", "netzwerk", "kirche", "sekretariat", "kammer", "rathaus",
    "medien", "presse", "website", "webseite", "dpa", "afp", "reuters",
)

#: Heads of mentions that report without naming anybody.
ANONYMOUS_HEADS = ("quelle", "quellen", "kreise", "kreisen", "insider", "beobachter", "berichten", "bericht",
                   "berichte", "angaben", "informationen", "schätzungen", "einschätzung", "medien")

MEDIA_SUFFIXES = ("zeitung", "portal", "nachrichtenportal", "agentur", "nachrichtenagentur", "sender",
                  "magazin", "blatt", "times", "post", "journal", "news", "tribune", "guardian",
                  "spiegel", "welt", "tagesschau", "bild", "focus", "stern", "dpa", "afp",
                  "reuters", "bbc", "cnn", "ap")

NUMBER_WORDS = {
    "ein": 1, "eins": 1, "eine": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
    "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18,
    "neunzehn": 19, "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
    "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100, "tausend": 1000,
    "einhundert": 100, "eintausend": 1000, "zweihundert": 200, "dreihundert": 300,
    "fünfhundert": 500, "zweitausend": 2000, "dreitausend": 3000, "fünftausend": 5000,
    "zehntausend": 10000, "zwanzigtausend": 20000, "hunderttausend": 100000,
}

SCALE_WORDS = {"tausend": 1000, "million": 1_000_000, "millionen": 1_000_000, "mio": 1_000_000,
               "mio.": 1_000_000, "milliarde": 10**9, "milliarden": 10**9, "mrd": 10**9, "mrd.": 10**9}

WORD_RE = re.compile(r"[A-Za-zÄÖÜäöüßÀ-ÿ][\w'’\-\.]*", re.UNICODE)


#: Role nouns learned from an annotated corpus by knowledge/training/derive_roles.py.
LEARNED_ROLES = frozenset(json.loads((Path(__file__).with_name("data") / "role_nouns.json")
                                     .read_text(encoding="utf-8"))["roles"])


#: Every form a role suffix takes: "sprecher", "sprechers", "sprechern", "sprecheren" (str.endswith takes a tuple).
_ROLE_ENDINGS = tuple(s + ending for s in ROLE_SUFFIXES for ending in ("", "s", "n", "en"))
_ORGANISATION_ENDINGS = tuple(s + ending for s in ORGANISATION_SUFFIXES for ending in ("", "s", "es"))


def role_head(word: str) -> bool:
    """Whether a (capitalised) noun names an office or function."""
    w = word.lower().rstrip(".")
    return w in LEARNED_ROLES or w.endswith(_ROLE_ENDINGS)


def organisation_head(word: str) -> bool:
    """Whether a noun names a body: "Ministerium", "Behörde", "Verbandes"."""
    return word.lower().endswith(_ORGANISATION_ENDINGS)


#: Bodies named by their seat ("das Landgericht Berlin", "die Staatsanwaltschaft München I"): the place after
#: the head is part of the body's name, unlike the name after a kind of body ("der Konzern Siemens").
SEATED_BODY_SUFFIXES = (
    "gericht", "staatsanwaltschaft", "polizei", "polizeipräsidium", "universität", "hochschule", "behörde", "amt",
    "verwaltung", "feuerwehr", "rathaus", "kammer", "klinik", "klinikum", "krankenhaus", "schule", "präsidium",
)


def seated_body_head(word: str) -> bool:
    """Whether the word heads a body that takes its seat's name ("Landgericht", "Staatsanwaltschaft")."""
    w = word.lower()
    return any(w.endswith(s) for s in SEATED_BODY_SUFFIXES)


def media_head(word: str) -> bool:
    w = word.lower()
    return any(w == s or w.endswith(s) for s in MEDIA_SUFFIXES[:6]) or w in MEDIA_SUFFIXES or (
        "." in w.strip(".") and w.replace(".", "").isalnum())
