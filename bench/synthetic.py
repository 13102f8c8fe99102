"""A synthetic claim store of news-like German claims, built in memory with a fixed seed.

The store mimics what extraction produces from many documents: each document has a Source
(outlet, date), ~10 claims (quotes and indirect speech, ~10% troop/casualty/deserter figures)
attributed to a few thousand person and organisation entities with names, aliases and roles.
Speakers are drawn with a Zipf-like skew, so a few entities speak in thousands of claims, as
heads of state do in real coverage. Claim texts are built from a German news lexicon plus
generated compounds, so the word index has a realistic vocabulary (tens of thousands of words).
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

from knowledge.model import Claim, Entity, Figure, Source
from knowledge.store import Snapshot

FIRST = """Anna Andrij Antony Boris Carla Dmitri Elena Emma Felix Fjodor Georg Hanna Igor Ines Jana Jens Jonas Julia
Karl Katja Klaus Lara Lena Leon Lukas Maria Marek Marta Maxim Mia Michail Nadja Nina Olaf Oleg Olga Paul Pavel
Petra Rainer Robert Sabine Sergej Sofia Stefan Tamara Thomas Ulrich Vera Viktor Walter Wladimir Yuri Zofia Ahmed
Ali Amira Chen David Eitan Farid Hassan Hyun Ji-woo Jae Kenji Laila Lin Mei Min-jun Omar Rashid Samir Seo-yeon
Tae Wei Yasmin Yusuf Alexei Bogdan Daria Ewa Grzegorz Irina Janusz Kateryna Larysa Mykola Natalia Roman Taras
""".split()
LAST = """Bauer Becker Berger Brandt Braun Dietrich Engel Fischer Frank Friedrich Fuchs Graf Hahn Hartmann Hoffmann Horn
Jung Kaiser Keller Klein Koch Kraus Krüger Kuhn Lang Lehmann Lorenz Maier Meyer Möller Neumann Otto Peters Pohl
Richter Roth Sauer Schäfer Schmid Schmitt Schneider Scholz Schröder Schulz Schwarz Seidel Sommer Stein Vogel Wagner
Walter Weber Werner Winkler Wolf Zimmermann Iwanow Petrow Sidorow Kusnezow Popow Smirnow Morosow Wolkow Sokolow
Lebedew Kowalenko Schewtschenko Bondarenko Tkatschenko Kravtschuk Melnyk Lysenko Nowak Kowalski Wiśniewski
Wójcik Kamiński Park Kim Lee Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Tanaka
Suzuki Watanabe Yamamoto Nakamura Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Haddad Khalil Mansour Nasser
Rahman Saleh Farouk Aziz Demir Yılmaz Kaya Şahin Çelik Öztürk Dubois Moreau Laurent Lefebvre Rossi Russo Ferrari
Esposito Bianchi Romano García Martínez López González Sánchez Pérez Johnson Williams Brown Miller Davis Wilson
Anderson Taylor Thompson Harris Clark Lewis Walker Hall Allen Young King Wright
""".split()
NATIONS = [
    ("ukrainische", "Ukraine"), ("russische", "Russland"), ("südkoreanische", "Südkorea"),
    ("nordkoreanische", "Nordkorea"), ("amerikanische", "USA"), ("chinesische", "China"), ("deutsche", "Deutschland"),
    ("französische", "Frankreich"), ("britische", "Großbritannien"), ("polnische", "Polen"), ("japanische", "Japan"),
    ("türkische", "Türkei"), ("italienische", "Italien"), ("spanische", "Spanien"), ("ungarische", "Ungarn"),
]
OFFICES = [
    "Verteidigungsminister", "Außenminister", "Präsident", "Premierminister", "Innenminister", "Finanzminister",
    "Regierungssprecher", "Botschafter", "UN-Botschafter", "Generalstabschef", "Geheimdienstchef", "Sprecher",
    "Sprecherin", "Außenamtssprecher", "Militäranalyst", "Sicherheitsberater", "Abgeordnete", "Oppositionsführer",
    "Bürgermeister", "Gouverneur", "Kommandeur", "Vizeaußenminister", "Staatssekretär", "Parteichef",
]
ORG_HEADS = """Ministerium Institut Stiftung Zentrum Rat Kommission Agentur Behörde Dienst Verband Akademie Forum
Observatorium Komitee Büro Stab Allianz Union Bund Netzwerk
""".split()
ORG_TOPICS = """Sicherheit Verteidigung Frieden Strategie Konfliktforschung Osteuropa Asien Rüstungskontrolle Migration
Menschenrechte Energie Außenpolitik Geopolitik Entwicklung Demokratie Information Statistik Katastrophenschutz
Cyberabwehr Wiederaufbau Logistik Aufklärung
""".split()
OUTLET_NAMES = ["taz", "Spiegel", "FAZ", "Süddeutsche Zeitung", "Welt", "Handelsblatt", "Tagesspiegel", "Stern",
                "Focus", "Zeit", "Deutschlandfunk", "Tagesschau", "ZDFheute", "n-tv", "Merkur", "Rheinische Post",
                "Berliner Zeitung", "Frankfurter Rundschau", "Neue Zürcher Zeitung", "Standard", "Presse", "Kurier",
                "Cicero", "Freitag", "Junge Welt", "Abendblatt", "Stuttgarter Zeitung", "Badische Zeitung",
                "Weser-Kurier", "Volksstimme", "Sächsische Zeitung", "Kieler Nachrichten", "Augsburger Allgemeine",
                "Nordkurier", "Mannheimer Morgen", "902.gr", "Euronews", "Kyiv Independent", "Meduza", "Yonhap",
                "Korea Herald"]

LEXICON_NOUNS = """Eskalation Truppen Soldaten Einsatz Krieg Front Grenze Angriff Offensive Verhandlungen Sanktionen
Waffen Munition Raketen Drohnen Panzer Artillerie Unterstützung Bündnis Allianz Partnerschaft Abkommen Vertrag
Sicherheit Bedrohung Gefahr Reaktion Antwort Entscheidung Strategie Lage Situation Berichte Informationen Hinweise
Beweise Vorwürfe Dementi Bestätigung Ausbildung Training Stationierung Entsendung Verlegung Verluste Opfer Tote
Verwundete Deserteure Gefangene Regierung Führung Armee Streitkräfte Geheimdienst Nachrichtendienst Ministerium
Botschaft Sicherheitsrat Völkerrecht Souveränität Frieden Waffenstillstand Gespräche Gipfel Konferenz Region Gebiet
Stadt Dorf Hafen Flughafen Stellung Stellungen Kräfte Einheiten Brigade Bataillon Kommando Hilfe Lieferungen
Kosten Haushalt Wirtschaft Energie Gas Öl Strom Infrastruktur Zivilisten Flüchtlinge Evakuierung Wiederaufbau
Propaganda Desinformation Medien Öffentlichkeit Bevölkerung Wahl Opposition Parlament Gesetz Mobilisierung
Rekrutierung Wehrpflicht Uniformen Ausrüstung Technologie Atomwaffen Abschreckung Manöver Übungen Kooperation
Partner Verbündete Westen Osten Europa Asien Zukunft Vergangenheit Geschichte Frage Problem Lösung Risiko Chance
Signal Botschaft Warnung Drohung Forderung Angebot Plan Ziel Erfolg Niederlage Sieg Fortschritt Rückzug Vormarsch
Durchbruch Belagerung Blockade Embargo Export Import Handel Grenzübergang Korridor Kontrolle Überwachung Satelliten
Aufnahmen Bilder Videos Quellen Angaben Schätzungen Zahlen Daten Analyse Bewertung Einschätzung Kritik Besorgnis
""".split()
LEXICON_ADJ = """ernste schwere neue weitere massive direkte offene klare deutliche gefährliche beispiellose historische
militärische politische diplomatische wirtschaftliche strategische taktische regionale internationale nukleare
konventionelle moderne westliche östliche russische ukrainische nordkoreanische südkoreanische chinesische
amerikanische europäische erhebliche begrenzte gezielte koordinierte umfassende dringende sofortige langfristige
""".split()
LEXICON_VERBS = """bestätigt dementiert gewarnt gefordert angekündigt kritisiert verurteilt begrüßt erklärt betont
zurückgewiesen eingeräumt angedeutet beschlossen vereinbart geliefert verlegt entsandt stationiert ausgebildet
angegriffen verteidigt zerstört erobert zurückgedrängt verstärkt reduziert ausgeweitet beobachtet dokumentiert
""".split()
CITIES = """Kursk Charkiw Donezk Luhansk Saporischschja Cherson Odessa Kiew Moskau Pjöngjang Seoul Peking Washington
Brüssel Berlin Wladiwostok Chabarowsk Belgorod Brjansk Awdijiwka Bachmut Pokrowsk Kupjansk Tokio Warschau
""".split()
PREFIXES = """Verteidigungs Sicherheits Außen Regierungs Militär Kriegs Friedens Waffen Grenz Luft Boden See Raketen
Drohnen Panzer Artillerie Munitions Nachschub Versorgungs Kommando Aufklärungs Geheimdienst Energie Wirtschafts
Handels Sanktions Rüstungs Atom Kampf Front Straf Rekrutierungs Ausbildungs Mobilmachungs Flüchtlings
Wiederaufbau Informations Propaganda Cyber Satelliten Transport Logistik Reserve Spezial Eliten Sonder
Sturm Angriffs Abwehr Schutz Not Krisen Hilfs Bündnis Partner Staats Landes Bundes Volks Welt
""".split()
SUFFIXES = """lage politik strategie planung einsatz bewegung verband einheit truppe kräfte linie zone gebiet system
programm paket lieferung hilfe kosten haushalt behörde ministerium dienst stab führung kommando konferenz gespräch
abkommen vertrag bericht analyse einschätzung warnung drohung krise frage debatte reform gesetz verordnung
ausrüstung technik fahrzeug waffe rakete drohne stellung posten brücke route korridor
""".split()
FILLERS = """und aber doch auch noch schon nun bereits weiterhin offenbar angeblich laut nach seit während trotz wegen
gegen für mit ohne über unter vor hinter zwischen bei von zu im am vom zum zur der die das den dem des ein eine
einen einem einer nicht kein keine sehr mehr weniger alle viele einige
""".split()
SPEECH_CUES = ["sagte", "erklärte", "betonte", "warnte", "behauptete", "kritisierte", "bezeichnete", "meinte",
               "teilte mit", "räumte ein", "kündigte an", "schrieb"]


@dataclass
class Synthetic:
    snapshot: Snapshot
    persons: list[Entity]
    organisations: list[Entity]
    outlets: list[str]
    phrases: list[str]  # verbatim word runs of claims, for who-said-this questions
    speakers_of: dict[str, int]  # entity id -> claim count


def _slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.lower().replace("ß", "ss"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _vocabulary(rng: random.Random) -> list[str]:
    endings = ("", "en", "n", "s", "es")
    heads = [p.lower() for p in PREFIXES]
    words = [*LEXICON_NOUNS, *CITIES]
    for p in PREFIXES:
        for s in SUFFIXES:
            words.append(p + s)
            words.append(p + s + rng.choice(endings))
            # three-part compounds ("Grenzsicherheitslage") make the long tail of a news vocabulary
            for _ in range(6):
                words.append(p + rng.choice(heads) + s + rng.choice(endings))
    return list(dict.fromkeys(words))


class _Zipf:
    """Draws indexes 0..n-1 with probability ~ 1/(rank+k)^s."""

    def __init__(self, rng: random.Random, n: int, s: float = 1.05, k: float = 2.0) -> None:
        self.rng = rng
        weights = [1.0 / (i + k) ** s for i in range(n)]
        total = 0.0
        self.cum = []
        for w in weights:
            total += w
            self.cum.append(total)
        self.total = total

    def __call__(self) -> int:
        import bisect

        return min(bisect.bisect_left(self.cum, self.rng.random() * self.total), len(self.cum) - 1)


def _entities(rng: random.Random, n_persons: int, n_orgs: int) -> tuple[list[Entity], list[Entity]]:
    persons: list[Entity] = []
    used: set[str] = set()
    while len(persons) < n_persons:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if rng.random() < 0.08:
            name = f"{rng.choice(FIRST)} {name}"
        if name in used or "Merkel" in name:
            continue
        used.add(name)
        adj, _country = rng.choice(NATIONS)
        office = rng.choice(OFFICES)
        role = f"{adj} {office}" if rng.random() < 0.7 else office
        roles = [role]
        if rng.random() < 0.3:
            roles.append(rng.choice(OFFICES))
        aliases = [f"{role[:1].upper()}{role[1:]} {name}"]
        if rng.random() < 0.4:
            aliases.append(name.split()[-1])
        persons.append(Entity(id=_slug(name), name=name, kind="person", aliases=aliases, roles=roles))
    orgs: list[Entity] = []
    while len(orgs) < n_orgs:
        adj, country = rng.choice(NATIONS)
        head = rng.choice(ORG_HEADS)
        topic = rng.choice(ORG_TOPICS)
        style = rng.random()
        if style < 0.4:
            name = f"{head} für {topic} {country}"
        elif style < 0.7:
            name = f"{adj[:1].upper()}{adj[1:]}s {topic}{head.lower()}"
        else:
            name = f"{topic}-{head} {rng.choice(LAST)}"
        if name in used:
            continue
        used.add(name)
        aliases = [f"das {name}"] if rng.random() < 0.5 else []
        roles = ["Denkfabrik"] if head in ("Institut", "Zentrum", "Forum", "Stiftung") and rng.random() < 0.5 else []
        orgs.append(Entity(id=_slug(name), name=name, kind="organisation", aliases=aliases, roles=roles))
    return persons, orgs


def _sentence(rng: random.Random, vocab: list[str], pick_word: _Zipf, n_words: int) -> str:
    out = []
    for _ in range(n_words):
        r = rng.random()
        if r < 0.35:
            out.append(rng.choice(FILLERS))
        elif r < 0.5:
            out.append(rng.choice(LEXICON_ADJ))
        elif r < 0.58:
            out.append(rng.choice(LEXICON_VERBS))
        elif r < 0.62:
            out.append(rng.choice(CITIES))
        else:
            out.append(vocab[pick_word()])
    return " ".join(out)


def _figure(rng: random.Random) -> tuple[Figure, str]:
    measure = rng.choices(["troops", "casualties", "deserters"], weights=[7, 2, 1])[0]
    value = rng.choice([500, 1000, 1500, 2000, 3000, 5000, 8000, 10000, 11000, 12000, 15000, 20000, 100000])
    value += rng.choice([0, 0, 0, 100, 250, -50])
    qualifier = rng.choice([None, None, "rund", "bis zu", "mehr als", "etwa", "mindestens"])
    unit = {"troops": rng.choice(["Soldaten", "Truppen", "Kämpfer"]),
            "casualties": rng.choice(["Tote", "Verwundete", "Gefallene"]),
            "deserters": rng.choice(["Deserteure", "Fahnenflüchtige"])}[measure]
    scope = rng.choice([None, f"in der Region {rng.choice(CITIES)}", f"nach {rng.choice(CITIES)}",
                        f"im Gebiet {rng.choice(CITIES)}; an der Front", "zu Ausbildungszwecken"])
    low = high = None
    if qualifier == "bis zu":
        high = value
    figure = Figure(value=value, low=low, high=high, qualifier=qualifier, unit=unit, scope=scope, measure=measure)
    shown = f"{value:,}".replace(",", ".")
    text = " ".join(x for x in [qualifier, shown, unit, scope] if x)
    return figure, text


#: sentences of a document besides those its claims were cut from (WIKINEWS: 12.5 sentences, 3.5 claims)
OTHER_SENTENCES = 5


def _passages(claims: list[Claim], sources: dict[str, Source], vocab: list[str], seed: int) -> list[Claim]:
    """The documents' sentences, as a build splits them: each claim's sentence and a few others per document.
    Drawn from a generator of their own, so the claims and questions stay those of earlier measurements."""
    rng = random.Random(seed + 1)
    pick_word = _Zipf(rng, len(vocab), s=0.9, k=5)
    by_doc: dict[str, list[Claim]] = {}
    for claim in claims:
        by_doc.setdefault(claim.source, []).append(claim)
    passages: list[Claim] = []
    for doc_id in sources:
        texts = [(c.paragraph, c.sentence or c.text) for c in by_doc.get(doc_id, [])]
        last = max((paragraph for paragraph, _ in texts), default=1)
        for _ in range(OTHER_SENTENCES):
            body = _sentence(rng, vocab, pick_word, rng.randint(6, 20))
            texts.append((rng.randint(1, last + 1), f"{body[:1].upper()}{body[1:]}."))
        texts.sort(key=lambda t: t[0])
        passages.extend(Claim(id=f"{doc_id}#s{k + 1}", source=doc_id, paragraph=paragraph, kind="passage", text=text)
                        for k, (paragraph, text) in enumerate(texts))
    return passages


def build(n_claims: int = 100_000, n_docs: int = 10_000, n_persons: int = 2_500, n_orgs: int = 700,
          seed: int = 20241104) -> Synthetic:
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    rng.shuffle(vocab)
    pick_word = _Zipf(rng, len(vocab), s=0.9, k=5)
    persons, orgs = _entities(rng, n_persons, n_orgs)
    speakers = persons + orgs
    rng.shuffle(speakers)
    pick_speaker = _Zipf(rng, len(speakers), s=1.0, k=3)
    outlet_pick = _Zipf(rng, len(OUTLET_NAMES), s=0.8, k=2)
    sources: dict[str, Source] = {}
    claims: list[Claim] = []
    phrases: list[str] = []
    counts: dict[str, int] = {}
    per_doc = n_claims // n_docs
    for d in range(n_docs):
        doc_id = f"{d:05d}_{rng.getrandbits(64):016x}"
        outlet = OUTLET_NAMES[outlet_pick()] if rng.random() < 0.85 else "unknown"
        date = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if rng.random() < 0.8 else "unknown"
        sources[doc_id] = Source(document=doc_id, outlet=outlet, date=date,
                                 url=f"https://example.org/{doc_id}" if rng.random() < 0.5 else "unknown")
        paragraph = 1
        doc_speakers = [speakers[pick_speaker()] for _ in range(rng.randint(2, 5))]
        for k in range(per_doc):
            paragraph += rng.choice([0, 1, 1, 2])
            section = "comment" if rng.random() < 0.03 else "article"
            entity = rng.choice(doc_speakers) if rng.random() < 0.9 else None
            speaker_kind = None
            speaker = mention = role = None
            if entity is not None:
                speaker, speaker_kind = entity.name, entity.kind
                role = entity.roles[0] if entity.roles else None
                mention = rng.choice([entity.name, *entity.aliases, "Er" if entity.kind == "person" else entity.name])
            elif rng.random() < 0.5:
                speaker, speaker_kind = rng.choice(["Regierungsvertreter", "Militärexperten", "Beobachter",
                                                    "ein anonymer Beamter"]), "group"
                mention = speaker
            cue = rng.choice(SPEECH_CUES)
            body = _sentence(rng, vocab, pick_word, rng.randint(8, 24))
            if rng.random() < 0.1:
                figure, fig_text = _figure(rng)
                kind = "figure"
                text = f"{body[:1].upper()}{body[1:]} {fig_text} {_sentence(rng, vocab, pick_word, 4)}."
            else:
                figure = None
                kind = "quote" if rng.random() < 0.5 else "indirect"
                text = f"„{body[:1].upper()}{body[1:]}.“" if kind == "quote" else f"{body}."
            sentence = f"{mention or 'Es'} {cue}, {text}" if speaker else None
            claims.append(Claim(
                id=f"{doc_id}#{k + 1:03d}", source=doc_id, paragraph=paragraph, kind=kind, text=text,
                speaker=speaker, speaker_kind=speaker_kind, role=role, mention=mention, via=None,
                cue=cue.split()[0], sentence=sentence, figure=figure, section=section,
                entity=entity.id if entity is not None else (_slug(speaker) if speaker else None)))
            if entity is not None:
                counts[entity.id] = counts.get(entity.id, 0) + 1
            if kind != "figure" and speaker and rng.random() < 0.01:
                toks = body.split()
                start = rng.randint(0, max(0, len(toks) - 5))
                phrases.append(" ".join(toks[start:start + rng.randint(3, 5)]))
    entities = [e for e in speakers if e.id in counts]
    # group speakers have entities too, as resolve_entities makes them
    for name in ("Regierungsvertreter", "Militärexperten", "Beobachter", "ein anonymer Beamter"):
        entities.append(Entity(id=_slug(name), name=name, kind="group"))
    snapshot = Snapshot(version=1, claims=claims, entities=entities, sources=sources,
                        passages=_passages(claims, sources, vocab, seed))
    return Synthetic(snapshot=snapshot, persons=[e for e in persons if e.id in counts],
                     organisations=[e for e in orgs if e.id in counts], outlets=OUTLET_NAMES, phrases=phrases,
                     speakers_of=counts)
