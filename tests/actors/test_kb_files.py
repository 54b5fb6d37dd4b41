"""The bundled world data (countries, organisations, sector lexicon, bodies) is well formed.

These files are edited by hand; a typo in a code or a name listed under two different actors
silently changes how mentions resolve, so the structure and the cross-references are checked
here rather than trusted.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

import detente

DATA = Path(detente.__file__).resolve().parent / "actors" / "data"
FILES = ("countries.yaml", "organizations.yaml", "sectors.yaml", "bodies.yaml")
CODE = re.compile(r"^[A-Z]{3}$")
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
COUNTRY_KEYS = ("iso3", "name", "names", "adjectives", "demonyms", "capitals")


@cache
def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict), name
    return data


def countries() -> list[dict[str, Any]]:
    return list(load("countries.yaml")["countries"])


def organizations() -> list[dict[str, Any]]:
    return list(load("organizations.yaml")["organizations"])


def bodies() -> list[dict[str, Any]]:
    return list(load("bodies.yaml")["bodies"])


def known_sectors() -> set[str]:
    return set(load("sectors.yaml")["codes"])


def sector_codes(value: str) -> list[str]:
    """ "GOV MIL" -> ["GOV", "MIL"]: the multi-sector notation of FORMAT.md."""
    return str(value).split()


def iso_codes() -> set[str]:
    return {c["iso3"] for c in countries()}


def dated(entry: dict[str, Any]) -> bool:
    return bool(entry.get("start") or entry.get("end"))


def duplicates(owners: dict[str, set[str]]) -> dict[str, set[str]]:
    return {name: who for name, who in owners.items() if len(who) > 1}


@pytest.mark.parametrize("name", FILES)
def test_each_file_has_provenance_and_as_of(name: str) -> None:
    data = load(name)
    assert isinstance(data.get("provenance"), str) and len(data["provenance"]) > 20
    assert isinstance(data.get("as_of"), str) and ISO_DATE.match(data["as_of"])


def test_countries_have_the_required_keys_and_valid_codes() -> None:
    for country in countries():
        missing = [k for k in COUNTRY_KEYS if k not in country]
        assert not missing, (country.get("iso3"), missing)
        assert CODE.match(country["iso3"]), country["iso3"]
        assert country["name"] and country["names"] and country["adjectives"], country["iso3"]
        assert country["name"] in country["names"], country["iso3"]
        if "cameo" in country:
            assert CODE.match(country["cameo"]) and country["cameo"] != country["iso3"]


def test_country_codes_are_unique_and_cover_iso_3166() -> None:
    codes = [c["iso3"] for c in countries()]
    assert len(codes) == len(set(codes))
    # ISO 3166-1 has 249 entries (Antarctica listed as not an actor); Kosovo (XKX) is added.
    not_actors = set(load("countries.yaml")["not_actors"])
    assert len(codes) + len(not_actors) >= 250 and not not_actors & set(codes)
    assert {"XKX", "PSE", "TWN", "ESH"} <= set(codes)


def test_regions_are_cameo_region_codes() -> None:
    table = load("countries.yaml")["cameo_regions"]
    regions = set(table)
    used = {c["region"] for c in countries() if c.get("region")}
    assert used <= regions, used - regions
    assert not regions & iso_codes()
    # A region's name must not also name a country ("Central African" is the CAR's).
    phrases = {phrase.lower() for phrase, _ in country_phrases()}
    for code, region in table.items():
        words = {w.lower() for w in region["names"] + region["adjectives"]}
        assert region["name"] in region["names"] and not words & phrases, code


def country_phrases() -> Iterator[tuple[str, str]]:
    for country in countries():
        for key in ("names", "adjectives", "demonyms", "capitals", "metonyms"):
            for phrase in country.get(key) or []:
                yield phrase, country["iso3"]
        for phrase in country.get("metonym_sectors") or {}:
            yield phrase, country["iso3"]


def test_no_country_phrase_names_two_countries() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for phrase, iso in country_phrases():
        owners[phrase.lower()].add(iso)
    assert not duplicates(owners)


def test_metonym_sectors_are_known_codes() -> None:
    sectors = known_sectors()
    for country in countries():
        for place, code in (country.get("metonym_sectors") or {}).items():
            assert set(sector_codes(code)) <= sectors, (country["iso3"], place, code)


def test_sector_lexicon_uses_known_codes_and_lists_each_word_once() -> None:
    data = load("sectors.yaml")
    sectors = known_sectors()
    assert all(CODE.match(code) for code in sectors)
    owners: dict[str, set[str]] = defaultdict(set)
    for key, words in data["sectors"].items():
        codes = sector_codes(key)
        assert 1 <= len(codes) <= 2 and set(codes) <= sectors, key
        assert words, key
        for word in words:
            owners[word.lower()].add(key)
    assert not duplicates(owners)
    assert set(data["modifiers"].values()) <= sectors
    assert not {w.lower() for w in data["non_actors"]} & set(owners)
    assert set(data["cameo_equivalents"]) <= sectors


def test_organizations_are_well_formed() -> None:
    sectors = known_sectors()
    isos = iso_codes()
    codes = [o["code"] for o in organizations()]
    assert len(codes) == len(set(codes))
    owners: dict[str, set[str]] = defaultdict(set)
    for org in organizations():
        code = org["code"]
        assert CODE.match(code), code
        # EUR and AFR are CAMEO's own codes for the EU and AU; no other code may shadow a country.
        assert code not in isos, code
        assert org["name"] and org["names"], code
        assert set(sector_codes(org["sector"])) <= sectors, code
        if "cameo" in org:
            assert re.match(r"^(IGO|NGO)[A-Z]{3,6}$", org["cameo"]), org["cameo"]
        for name in org["names"]:
            owners[name].add(code)
        for body in org.get("bodies") or []:
            assert body["names"] and set(sector_codes(body["sector"])) <= sectors, code
            for name in body["names"]:
                owners[name].add(f"{code}/{body['sector']}")
    assert not duplicates(owners)


def test_bodies_are_well_formed() -> None:
    sectors = known_sectors()
    places = iso_codes() | {o["code"] for o in organizations()}
    for body in bodies():
        assert body["names"] and all(isinstance(n, str) and n.strip() for n in body["names"])
        assert body["country"] in places, body["names"][0]
        codes = sector_codes(body["sector"])
        assert 1 <= len(codes) <= 2 and set(codes) <= sectors, body["names"][0]
        for key in ("start", "end"):
            if key in body:
                assert ISO_DATE.match(str(body[key])), body["names"][0]


def test_an_undated_body_name_belongs_to_one_body() -> None:
    """Dated entries (a status that changed) may repeat a name; current entries may not."""
    owners: dict[str, set[str]] = defaultdict(set)
    for i, body in enumerate(bodies()):
        if not dated(body):
            for name in body["names"]:
                owners[name].add(f"{i}:{body['country']}")
    assert not duplicates(owners)


def test_dated_bodies_have_an_undated_successor() -> None:
    current = {n for b in bodies() if not dated(b) for n in b["names"]}
    for body in bodies():
        if dated(body):
            assert set(body["names"]) & current, body["names"][0]


def test_files_do_not_disagree_about_one_name() -> None:
    """A name in two files must mean the same country and sector in both."""
    meaning: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for country in countries():
        for key in ("capitals", "metonyms"):
            for place in country.get(key) or []:
                meaning[place.lower()].add((country["iso3"], "GOV"))
        for place, code in (country.get("metonym_sectors") or {}).items():
            meaning[place.lower()].add((country["iso3"], code))
    for org in organizations():
        for body in org.get("bodies") or []:
            for name in body["names"]:
                meaning[name.lower()].add((org["code"], body["sector"]))
    for body in bodies():
        if not dated(body):
            for name in body["names"]:
                meaning[name.lower()].add((body["country"], body["sector"]))
    assert not {name: m for name, m in meaning.items() if len(m) > 1}


@pytest.mark.shared
def test_every_cameo_country_code_is_known(shared_data: Path) -> None:
    rows = (shared_data / "cameo" / "GDELT_CAMEO.country.txt").read_text("utf-8").splitlines()
    cameo = {line.split("\t")[0] for line in rows[1:] if line.strip()}
    data = load("countries.yaml")
    known = iso_codes() | {c["cameo"] for c in countries() if c.get("cameo")}
    known |= set(data["cameo_regions"]) | set(data["cameo_places"])
    assert cameo - known == set()


@pytest.mark.shared
def test_every_cameo_actor_type_is_a_known_sector(shared_data: Path) -> None:
    rows = (shared_data / "cameo" / "CAMEO_actor_type_codes.tsv").read_text("utf-8").splitlines()
    types = {line.split("\t")[0] for line in rows[1:] if line.strip()}
    # The four named-organisation codes of that table are organisations, not sectors.
    named = {"AMN", "IRC", "GRP", "UNO"}
    assert types - named <= known_sectors()
    assert named <= {o["code"] for o in organizations()}


def city_rows() -> list[tuple[str, list[str], str]]:
    """(name, aliases, country) of cities.csv; comment lines may mark sections anywhere."""
    lines = (DATA / "cities.csv").read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if line.strip() and not line.startswith("#")]
    assert body[0] == "name,aliases,country"
    rows = []
    for name, aliases, country in csv.reader(body[1:]):
        rows.append((name, [a for a in aliases.split("|") if a], country))
    return rows


def test_cities_file_is_well_formed() -> None:
    text = (DATA / "cities.csv").read_text(encoding="utf-8")
    assert "# provenance:" in text and re.search(r"^# as_of: \d{4}-\d{2}-\d{2}$", text, re.M)
    isos = iso_codes()
    owners: dict[str, set[str]] = defaultdict(set)
    for name, aliases, country in city_rows():
        assert country in isos, (name, country)
        for phrase in [name, *aliases]:
            assert phrase == phrase.strip() and phrase, name
            owners[phrase.lower()].add(country)
    assert not duplicates(owners)


def test_no_city_shadows_another_states_name() -> None:
    """cities.csv loads after the YAML files, so a phrase shared with another state's name
    would change its meaning ("Georgia" the US state would hide the country). A capital that
    is also listed as a city is harmless (same state); all-capital acronyms match by case."""
    owners: dict[str, set[str]] = defaultdict(set)
    for phrase, iso in country_phrases():
        owners[phrase.lower()].add(iso)
    named = [(n, b["country"]) for b in bodies() if not dated(b) for n in b["names"]]
    named += [(n, o["code"]) for o in organizations() for n in o["names"]]
    for name, country in named:
        owners[name if name.isupper() else name.lower()].add(country)
    clashes = [
        (phrase, country, owners[phrase.lower()])
        for name, aliases, country in city_rows()
        for phrase in [name, *aliases]
        if owners.get(phrase.lower(), {country}) != {country}
    ]
    assert not clashes


def test_first_level_subdivisions_have_their_state() -> None:
    text = (DATA / "cities.csv").read_text(encoding="utf-8")
    assert "# First-level subdivisions" in text
    country_of = {p.lower(): c for name, aliases, c in city_rows() for p in [name, *aliases]}
    expected = {
        "California": "USA",
        "Nova Scotia": "CAN",
        "Queensland": "AUS",
        "Maharashtra": "IND",
        "Xinjiang": "CHN",
        "Chechnya": "RUS",
        "Crimea": "UKR",  # ISO 3166: Ukrainian territory, whatever its occupation
        "Zaporizhzhia Oblast": "UKR",
        "Jalisco": "MEX",
        "Borno State": "NGA",
        "Balochistan": "PAK",
        "Helmand": "AFG",
        "Anbar": "IRQ",
        "Tigray": "ETH",
        "Darfur": "SDN",
        "Rakhine": "MMR",
        "North Kivu": "COD",
        "Scotland": "GBR",
        "Catalonia": "ESP",
        "Bavaria": "DEU",
        "Kashmir": "IND",
        "Azad Kashmir": "PAK",
    }
    assert {name: country_of.get(name.lower()) for name in expected} == expected
    # Names of units in two states are ambiguous and must stay out.
    assert not {"punjab", "kurdistan", "georgia", "amazonas"} & set(country_of)


def test_common_role_words_are_in_the_lexicon() -> None:
    sector_of = {
        w.lower(): key for key, words in load("sectors.yaml")["sectors"].items() for w in words
    }
    expected = {
        "forces": "MIL",
        "government forces": "MIL",
        "security forces": "MIL",
        "pro-government forces": "MIL",
        "junta": "GOV MIL",
        "authorities": "GOV",
        "delegation": "GOV",
        "negotiator": "GOV",
        "peacekeeper": "PKO",
        "settler": "SET",
        "pirate": "CRM",
        "smuggler": "CRM",
        "worker": "LAB",
        "union": "LAB",
        "teacher": "EDU",
        "refugee": "REF",
        "kurd": "CVL",
        "sunni": "REL",
    }
    assert {w: sector_of.get(w) for w in expected} == expected


def test_ethnic_and_religious_communities_have_their_state() -> None:
    meaning = {n: (b["country"], b["sector"]) for b in bodies() if not dated(b) for n in b["names"]}
    assert meaning["Uighurs"] == ("CHN", "CVL")
    assert meaning["Rohingya"] == ("MMR", "CVL")
    assert meaning["Crimean Tatars"] == ("UKR", "CVL")
    assert meaning["Yazidis"] == ("IRQ", "REL")
    assert "Kurds" not in meaning  # spread over four states: a country-less role word
