"""CAMEO regions, words that are never actors, and national organisations in user files."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.actors import ActorResolver

KB = """\
countries:
  - {iso3: UKR, name: Ukraine, names: [Ukraine], adjectives: [Ukrainian]}
  - {iso3: KEN, name: Kenya, names: [Kenya], adjectives: [Kenyan]}
cameo_regions:
  EUR: {name: Europe, names: [Europe], adjectives: [European]}
  WST: {name: The West, names: [The West, the West], adjectives: [Western]}
  MEA: {name: Middle East, names: [Middle East, the Middle East], adjectives: [Middle Eastern]}
not_actors:
  ATA: Antarctica
organizations:
  - {code: EUR, cameo: IGOEUREEC, name: European Union, names: [European Union, EU]}
  - {code: AMN, cameo: NGOAMN, name: Amnesty International, names: [Amnesty], sector: NGO}
sectors:
  GOV: [official, diplomat]
  MIL: [troops]
  JNK: [yesterday]
non_actors: [it, this, nothing]
"""


@pytest.fixture
def regions(tmp_path: Path) -> ActorResolver:
    path = tmp_path / "kb.yaml"
    path.write_text(KB, encoding="utf-8")
    return ActorResolver([path], include_default=False)


def fields(resolver: ActorResolver, text: str) -> tuple[object, ...]:
    actor = resolver.resolve(text, "2024-01-01")
    return actor.country, actor.sector, actor.code


def test_regions_code_as_their_cameo_region(regions: ActorResolver) -> None:
    assert fields(regions, "Europe") == ("EUR", None, "EUR")
    assert fields(regions, "European officials") == ("EUR", "GOV", "EURGOV")
    assert fields(regions, "Western diplomats") == ("WST", "GOV", "WSTGOV")
    assert fields(regions, "the West") == ("WST", None, "WST")
    assert fields(regions, "Middle Eastern troops") == ("MEA", "MIL", "MEAMIL")


def test_a_country_beats_a_region(regions: ActorResolver) -> None:
    assert fields(regions, "Western Ukrainian officials") == ("UKR", "GOV", "UKRGOV")


def test_the_eu_shares_europes_code_but_stays_an_igo(regions: ActorResolver) -> None:
    # CAMEO codes the EU under the Europe region (IGO EUR EEC): country EUR for both,
    # told apart by the sector and code.
    assert fields(regions, "the European Union") == ("EUR", "IGO", "IGOEUREEC")
    assert fields(regions, "EU officials") == ("EUR", "GOV", "IGOEUREECGOV")
    assert regions.names_of("EUR") == ["European Union", "EU"]


def test_the_west_needs_its_capital(regions: ActorResolver) -> None:
    assert fields(regions, "Troops in the West") == ("WST", "MIL", "WSTMIL")
    assert fields(regions, "Troops in the west") == (None, "MIL", "MIL")


def test_non_actors_are_never_actors(regions: ActorResolver) -> None:
    for text in ["It", "this", "Nothing", "Antarctica", "yesterday", "Antarctika"]:
        assert regions.match(text, "2024-01-01") is None, text
    assert fields(regions, "this Ukrainian official") == ("UKR", "GOV", "UKRGOV")


def test_a_users_national_ngo_keeps_its_country(regions: ActorResolver, tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "organizations:\n"
        "  - {code: KRC, name: Kenya Red Cross, names: [KRCS], sector: NGO, country: KEN}\n"
        "  - {code: XNG, name: Example Watch, sector: NGO}\n",
        encoding="utf-8",
    )
    layered = regions.with_files([user])
    assert fields(layered, "Kenya Red Cross") == ("KEN", "NGO", "KENNGO")
    assert fields(layered, "KRCS") == ("KEN", "NGO", "KENNGO")
    # International NGOs stay transnational unless the mention names a country.
    assert fields(layered, "Example Watch") == (None, "NGO", "NGOXNG")
    assert fields(layered, "Amnesty") == (None, "NGO", "NGOAMN")
    assert fields(layered, "Kenyan Amnesty") == ("KEN", "NGO", "NGOAMN")
