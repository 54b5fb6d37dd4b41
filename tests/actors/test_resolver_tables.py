"""The resolver's own data tables (titles.yaml, names.yaml, sector_priority.yaml) are sound.

They were code constants; now that they are hand-edited files, a typo (a role no person has,
a country code that does not exist) would silently stop a title or a name rule from applying.
"""

from __future__ import annotations

import csv

import pytest

from detente.actors.index import FAMILY_NAME_FIRST, TITLE_ROLES
from detente.actors.resolver import SECTOR_PRIORITY
from detente.actors.tables import DATA_DIR, data_table
from detente.actors.text import ABBREVIATIONS

TABLES = ("titles.yaml", "names.yaml", "sector_priority.yaml")


@pytest.mark.parametrize("name", TABLES)
def test_table_has_provenance_header(name: str) -> None:
    table = data_table(name)
    assert str(table.get("provenance", "")).strip()
    assert str(table.get("as_of", "")).startswith("20")


def test_title_roles_are_people_roles() -> None:
    lines = (DATA_DIR / "people.csv").read_text(encoding="utf-8").splitlines()
    roles = {row["role"] for row in csv.DictReader(line for line in lines if line[:1] != "#")}
    used = {role for group in TITLE_ROLES.values() for role in group}
    assert used <= roles, used - roles
    assert TITLE_ROLES["foreign minister"] == ("foreign_minister",)
    assert TITLE_ROLES["president"] == ("head_of_state", "head_of_state_and_government")


def test_family_name_first_codes_are_countries() -> None:
    countries = {rec["iso3"] for rec in data_table("countries.yaml")["countries"]}
    assert countries >= FAMILY_NAME_FIRST, FAMILY_NAME_FIRST - countries
    assert {"CHN", "KOR"} <= FAMILY_NAME_FIRST


def test_sector_priority_is_a_ranking_of_codes() -> None:
    assert len(SECTOR_PRIORITY) == len(set(SECTOR_PRIORITY))
    assert all(len(code) == 3 and code.isupper() for code in SECTOR_PRIORITY)
    assert SECTOR_PRIORITY.index("SPY") < SECTOR_PRIORITY.index("GOV")
    assert SECTOR_PRIORITY.index("LEG") < SECTOR_PRIORITY.index("OPP")


def test_abbreviations_map_short_forms_to_words() -> None:
    assert ABBREVIATIONS["lt"] == "lieutenant"
    assert all(short.isalpha() and short.islower() for short in ABBREVIATIONS)
    assert all(len(word) > len(short) for short, word in ABBREVIATIONS.items())
