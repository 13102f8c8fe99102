"""Words of questions: folding, stop words, intent cues, and a bilingual lexicon of the domain.

Users type in German or English, in lower case, without umlauts and with typos; the claims
are German. Everything that is compared is folded the same way (`fold_query`), and English
topic words are mapped to German stems so "escalation" finds "Eskalation".
"""

from __future__ import annotations

import re
import unicodedata

_UMLAUT_DIGRAPHS = (("ae", "a"), ("oe", "o"), ("ue", "u"))


def fold_query(text: str) -> str:
    """Lowercase, no accents, umlaut digraphs collapsed: 'Südkorea', 'Suedkorea', 'sudkorea' all agree."""
    text = text.lower().replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    for a, b in _UMLAUT_DIGRAPHS:
        text = text.replace(a, b)
    return text


def words(text: str) -> list[str]:
    return re.findall(r"[\w][\w.\-]*[\w]|[\w]", fold_query(text))


GERMAN_MARKERS = frozenset(fold_query(w) for w in """
    wie viele wieviele was wer sagte sagten gesagt hat haben die der das den dem des und oder ist sind welche
    welcher quelle quellen jede jeder nennt nennen meldet melden soldaten truppen uber zu von im in laut sprach
    bezeichnete zitiert hilfe zeige zeig mir gibt es spricht nordkoreanische ich du nicht
""".split())
ENGLISH_MARKERS = frozenset("""
    how many what who did does do say said says the each every source sources troops soldiers about is are which
    called call quoted numbers figures give gives report reports show me list help talk talked spoke of in was were
    mention mentioned north korean there any
""".split())

STOP = frozenset(fold_query(w) for w in """
    wie viele wieviele was wer wen wem sagte sagten sagt gesagt hat haben hatte die der das den dem des ein eine
    einer eines und oder ist sind war welche welcher welches quelle quellen jede jeder jedes nennt nennen nannte
    meldet melden gemeldet uber zu von vom im in am an auf laut sprach sprechen spricht bezeichnete bezeichnet
    zitiert zitieren gibt es mir zeige zeig bitte denn eigentlich alle alles insgesamt dazu daruber davon
    how many what who whom did does do say said says the a an each every source sources about is are was were
    which called call quoted numbers figures give gives report reports reported show me list talk talked spoke
    of on in to it its that this there any please all tell mention mentioned by from with
    soldaten truppen soldiers troops soldier troop nordkoreanische nordkoreanischen north korean koreans
    mann zahl zahlen anzahl number statements aussagen aussage zitate quotes quote claims behauptungen
    according gemass nach sagen meinte erklarte statement wurden wurde werden wird sind ist sein seien were been
    hatten haben hast habt gab gibt geben gegeben genannt nennen nannten melden meldeten sent send sending
""".split())

#: English domain words -> German stems found in the claims (folded).
BILINGUAL = {
    "escalation": ["eskal"], "escalate": ["eskal"], "escalated": ["eskal"], "escalating": ["eskal"],
    "troops": ["truppe", "soldat"], "soldiers": ["soldat", "truppe"], "deployment": ["entsend", "stationier", "einsatz"],
    "deploy": ["entsend", "stationier", "einsatz"], "deployed": ["entsend", "stationier", "einsatz"],
    "weapons": ["waffe"], "weapon": ["waffe"], "arms": ["waffe", "rustung"], "nuclear": ["atom", "nuklear"],
    "missiles": ["rakete"], "missile": ["rakete"], "rockets": ["rakete"], "war": ["krieg"], "uniforms": ["uniform"],
    "uniform": ["uniform"], "victory": ["sieg"], "win": ["sieg"], "partnership": ["partnerschaft"],
    "intelligence": ["geheimdienst", "nachrichtendienst"], "spy": ["geheimdienst"], "desert": ["desert", "fahnenfl"],
    "deserted": ["desert", "fahnenfl"], "deserters": ["desert", "fahnenfl"], "desertion": ["desert", "fahnenfl"],
    "training": ["ausbild", "training"], "trained": ["ausbild", "training"], "border": ["grenze"],
    "russia": ["russ"], "russian": ["russ"], "ukraine": ["ukrain"], "ukrainian": ["ukrain"],
    "north": ["nordkorea"], "korea": ["korea"], "south": ["sudkorea"], "china": ["china", "chines"],
    "support": ["unterstutz"], "threat": ["bedroh"], "concern": ["besorg", "bedenk"], "concerned": ["besorg"],
    "condemn": ["verurteil"], "condemned": ["verurteil"], "technology": ["technolog"], "ammunition": ["munition"],
    "shells": ["granate"], "drones": ["drohne"], "combat": ["kampf"], "fight": ["kampf"], "fighting": ["kampf"],
    "front": ["front"], "alliance": ["allianz", "bundnis"], "security": ["sicherheit"], "options": ["option"],
    "losses": ["verlust", "verloren"], "lost": ["verloren", "verlust"], "reaction": ["reaktion"],
    "response": ["reaktion"], "zero": ["null"], "law": ["recht"], "international": ["volkerrecht", "international"],
    "court": ["gericht"], "game": ["freiwild"], "target": ["freiwild", "ziel"], "targets": ["freiwild", "ziel"],
    "europe": ["europ"], "asia": ["asien"], "peace": ["frieden"], "sanctions": ["sanktion"], "attack": ["angriff"],
    "invasion": ["einmarsch", "invasion"], "crisis": ["krise"], "tension": ["spannung"], "tensions": ["spannung"],
    "kursk": ["kursk"], "putin": ["putin"], "pyongyang": ["pjongjang"], "moscow": ["moskau"], "kyiv": ["kiew", "kyjiw"],
    "washington": ["washington"], "seoul": ["seoul"], "nato": ["nato"], "west": ["west"], "western": ["west"],
    "help": ["hilfe", "unterstutz"], "aid": ["hilfe"], "military": ["milit"], "cooperation": ["kooperation"],
    "exercises": ["ubung"], "deterrence": ["abschreck"], "accusations": ["vorwurf", "vorwurfe", "anschuldigung"],
    "denied": ["dementi", "bestritt", "verneint"], "confirmed": ["bestatig"], "confirm": ["bestatig"],
    "artillery": ["artillerie"], "tanks": ["panzer"], "jets": ["kampfjet", "kampfflugzeug"], "planes": ["flugzeug"],
}

#: English names of offices and bodies -> the German words the documents use (folded).
ROLE_TERMS = [
    ("foreign policy chief", "aussenpolitikbeauftragte"), ("foreign policy representative", "aussenpolitikbeauftragte"),
    ("high representative", "aussenpolitikbeauftragte"), ("foreign minister", "aussenminister"),
    ("foreign ministry", "aussenministerium"), ("defence minister", "verteidigungsminister"),
    ("defense minister", "verteidigungsminister"), ("defense secretary", "verteidigungsminister"),
    ("defence secretary", "verteidigungsminister"), ("secretary of defense", "verteidigungsminister"),
    ("secretary of state", "aussenminister"), ("secretary general", "generalsekretar"),
    ("secretary-general", "generalsekretar"), ("prime minister", "premierminister"),
    ("spokeswoman", "sprecherin"), ("spokesman", "sprecher"), ("spokesperson", "sprecher"),
    ("press secretary", "sprecher"), ("president", "prasident"), ("chancellor", "kanzler"),
    ("ambassador", "botschafter"), ("embassy", "botschaft"), ("intelligence service", "nachrichtendienst"),
    ("intelligence agency", "geheimdienst"), ("intelligence", "geheimdienst"), ("minister", "minister"),
    ("chief", "chef"), ("head of", "chef"), ("analyst", "analyst"), ("think tank", "denkfabrik"),
    ("officials", "beamte"), ("official", "beamte"), ("government", "regierung"), ("leader", "machthaber"),
    ("south korean", "sudkoreanische"), ("north korean", "nordkoreanische"), ("russian", "russische"),
    ("ukrainian", "ukrainische"), ("american", "amerikanische"), ("chinese", "chinesische"), ("us ", "us-"),
    ("eu ", "eu-"), ("nato ", "nato-"), ("pentagon ", "pentagon-"), ("deputy", "stellvertretende"),
    ("un ", "un-"), ("white house", "weissen hauses"), ("national security council", "sicherheitsrats"),
]


def translate_role(folded: str) -> str:
    text = f" {folded} "
    for english, german in ROLE_TERMS:
        text = text.replace(f" {english}", f" {german}")
    return " ".join(text.split()).replace("- ", "-")


#: Words that ask "how many".
FIGURE_CUES = ("wie viele", "wieviele", "wie viel", "wieviel", "how many", "how much", "anzahl", "zahlen", "zahl ",
               "numbers", "figures", "figure", "truppenstarke", "troop count", "troop numbers", "headcount",
               "wie gross", "how large", "how big")

#: Count nouns a figure question may ask about, by the figure measure they mean.
MEASURE_WORDS = {
    "troops": ("soldat", "truppe", "troop", "soldier", "mann", "kampfer", "fighter", "nordkoreaner", "north korean",
               "personnel", "streitkraft", "forces", "einheit", "units", "armee", "army", "militar"),
    "deserters": ("desert", "fahnenfl", "ubergelaufen", "defect"),
    "casualties": ("tote", "getotet", "gefallen", "killed", "dead", "casualt", "verlust", "losses", "verwundet",
                   "wounded"),
}

#: Nouns that name things the store never counts (so "how many tanks" gets an honest "nothing").
OTHER_COUNT_NOUNS = re.compile(
    r"\b(panzer|tanks?|kampfjets?|jets?|flugzeuge?|planes?|aircraft|raketen?|missiles?|drohnen?|drones?|granaten|"
    r"shells|schiffe?|ships?|container\w*|geschutze?|guns?|waffen|weapons|dollar|euro|milliarden|billion|"
    r"menschen|people|zivilisten|civilians|fluchtlinge|refugees|kilometer|km|prozent|percent)\b"
)

HELP_CUES = ("hilfe", "help", "was kannst du", "what can you", "wie funktioniert", "how do i", "how does this",
             "befehle", "commands", "/help", "/start", "/hilfe")
SOURCE_LIST_CUES = ("welche quellen", "which sources", "what sources", "list sources", "liste der quellen",
                    "list of sources", "quellen gibt es", "welche dokumente", "which documents", "what documents",
                    "sources are there", "alle quellen", "all sources", "quellenliste", "/sources", "/quellen")
QUOTED_IN_CUES = ("wer wird", "wer kommt", "who is quoted", "who's quoted", "who gets quoted", "who is cited",
                  "wer ist zitiert", "who appears", "wer zitiert wird", "who speaks in", "wen zitiert", "whom does",
                  "who does", "wer wird zitiert", "quoted in", "zitiert in", "zu wort")
WHO_CUES = ("wer ", "who ", "welcher politiker", "which politician", "welche person")
SAID_CUES = ("sagte", "sagten", "gesagt", "sagt", "said", "say", "says", "sprach", "spricht", "spoke", "talk",
             "nannte", "nennt", "called", "call", "bezeichnete", "bezeichnet", "meinte", "erklarte", "behauptete",
             "warnte", "warned", "claimed", "stated", "mentioned", "erwahnte", "aussagen", "statements", "zitate",
             "quotes", "aussage", "statement", "aeusserte", "ausserte", "aussern", "schrieb", "wrote", "position",
             "haltung", "meinung", "view", "think", "thinks", "denkt")
TOPIC_CUES = ("uber", "about", "zum thema", "zu ", "regarding", "on ", "concerning", "bezuglich")


def _folded(cues: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(fold_query(c) for c in cues))


# cue lists are compared with folded questions, so they are folded the same way
FIGURE_CUES = _folded(FIGURE_CUES)
HELP_CUES = _folded(HELP_CUES)
SOURCE_LIST_CUES = _folded(SOURCE_LIST_CUES)
QUOTED_IN_CUES = _folded(QUOTED_IN_CUES)
WHO_CUES = _folded(WHO_CUES)
SAID_CUES = _folded(SAID_CUES)
TOPIC_CUES = _folded(TOPIC_CUES)
MEASURE_WORDS = {k: _folded(v) for k, v in MEASURE_WORDS.items()}
BILINGUAL = {k: [fold_query(s) for s in v] for k, v in BILINGUAL.items()}
