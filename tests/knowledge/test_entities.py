from __future__ import annotations

import pytest

from knowledge.entities import fold, resolve_entities, same_person, slug
from knowledge.model import Claim


def speaker_claims(*speakers: str | tuple[str, str], kind: str = "person") -> list[Claim]:
    """One quote per speaker; a speaker may be given as (name, role)."""
    claims = []
    for i, speaker in enumerate(speakers, 1):
        name, role = speaker if isinstance(speaker, tuple) else (speaker, None)
        claims.append(Claim(id=f"doc{i}#001", source=f"doc{i}", paragraph=1, kind="quote", text="„…“",
                            speaker=name, speaker_kind=kind, role=role))
    return claims


def groups(claims: list[Claim]) -> list[set[str]]:
    """The original speaker names grouped by the entity they were resolved to."""
    originals = [c.speaker for c in claims]
    resolve_entities(claims)
    by_entity: dict[str, set[str]] = {}
    for original, claim in zip(originals, claims, strict=True):
        by_entity.setdefault(claim.entity, set()).add(original)
    return sorted(by_entity.values(), key=sorted)


VARIANTS = {
    "Yoon": ["Yoon Suk Yeol", "Yun Suk-yol", "Yoon Seok-yeol"],
    "Selenskyj": ["Wolodymyr Selenskyj", "Volodymyr Zelensky", "Selenskyj"],
    "Lawrow": ["Sergej Lawrow", "Sergei Lavrov"],
    "Choe": ["Choe Son-hui", "Choe Son Hui"],
    "Dschalili": ["Said Dschalili", "Saeed Jalili"],
}


@pytest.mark.parametrize("names", VARIANTS.values(), ids=VARIANTS.keys())
def test_transliteration_variants_are_one_entity(names):
    assert groups(speaker_claims(*names)) == [set(names)]


@pytest.mark.parametrize("a, b", [
    ("Choe Son-hui", "Cho Tae-yul"),
    ("Kim Yong-hyun", "Kim Jong Un"),
    ("Sergej Lawrow", "Sergej Schoigu"),
    ("Hans Meier", "Hans Maier-Schulz"),
])
def test_distinct_people_stay_apart(a, b):
    assert groups(speaker_claims(a, b)) == sorted([{a}, {b}], key=sorted)


def test_all_variants_together_still_give_one_entity_per_person():
    names = [n for variants in VARIANTS.values() for n in variants] + ["Cho Tae-yul", "Kim Yong-hyun", "Kim Jong Un"]
    result = groups(speaker_claims(*names))
    assert len(result) == len(VARIANTS) + 3
    for variants in VARIANTS.values():
        assert set(variants) in result


def test_claims_get_the_canonical_name_and_entity_id():
    claims = speaker_claims("Wolodymyr Selenskyj", "Volodymyr Zelensky", "Selenskyj")
    entities = resolve_entities(claims)
    assert len(entities) == 1
    entity = entities[0]
    assert {c.entity for c in claims} == {entity.id}
    assert {c.speaker for c in claims} == {entity.name}
    assert len(entity.name.split()) == 2  # a full name, not the lone surname
    assert sorted([entity.name, *entity.aliases]) == sorted(["Wolodymyr Selenskyj", "Volodymyr Zelensky",
                                                             "Selenskyj"])
    assert entity.kind == "person"
    assert entity.id == slug(entity.name)


def test_the_same_spelling_in_different_countries_is_two_people():
    claims = speaker_claims(("Park Jin", "südkoreanischer Außenminister"), ("Pak Jin", "nordkoreanischer Botschafter"))
    assert len(resolve_entities(claims)) == 2


def test_a_lone_surname_fitting_two_people_is_not_guessed():
    claims = speaker_claims("Anna Schulz", "Peter Schulz", "Schulz")
    assert len(resolve_entities(claims)) == 3
    assert claims[2].speaker == "Schulz"


def test_roles_of_all_variants_are_collected():
    claims = speaker_claims(("Sergej Lawrow", "Außenminister"), ("Sergei Lavrov", "russischer Chefdiplomat"))
    (entity,) = resolve_entities(claims)
    assert sorted(entity.roles) == ["Außenminister", "russischer Chefdiplomat"]


def test_an_organisation_is_not_merged_into_a_person_of_the_same_spelling():
    claims = speaker_claims("Meier", kind="organisation") + speaker_claims("Hans Meier")
    claims[1].id = "other#001"
    assert len(resolve_entities(claims)) == 2


def test_claims_without_speaker_stay_without_entity():
    claims = speaker_claims("Hans Meier")
    claims.append(Claim(id="x#001", source="x", paragraph=1, kind="indirect", text="Es heißt"))
    entities = resolve_entities(claims)
    assert [e.name for e in entities] == ["Hans Meier"]
    assert claims[1].entity is None and claims[1].speaker is None


def test_entity_ids_are_unique_even_when_names_slug_alike():
    claims = speaker_claims("Kim Jong-un", "Kim Jong Un", kind="organisation")
    claims += speaker_claims("Kim Jong-Un", kind="media")
    entities = resolve_entities(claims)
    assert len({e.id for e in entities}) == len(entities)


def test_same_person_needs_matching_tokens():
    assert same_person("Sergej Lawrow", "Sergei Lavrov")
    assert not same_person("Sergej Lawrow", "Sergej Schoigu")
    assert not same_person("", "Sergej Lawrow")


def test_fold_drops_accents_and_sharp_s():
    assert fold("Außenminister Müller") == "aussenminister muller"
    assert slug("Choe Son-hui") == "choe-son-hui"
