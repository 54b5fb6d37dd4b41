"""Consistency checks for the people knowledge base (src/detente/actors/data/people.csv).

The resolver trusts this file to say who held which office on a given date, so the checks
here guard the properties it relies on: parseable dates, one holder per exclusive office at a
time, stable ids, and a current head of state and of government for every UN member.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

PEOPLE_CSV = (
    Path(__file__).resolve().parents[2] / "src" / "detente" / "actors" / "data" / "people.csv"
)
HEADER = ["id", "name", "aliases", "country", "sector", "role", "start", "end", "provenance"]
ROLES = {
    "head_of_state",
    "head_of_government",
    "head_of_state_and_government",
    "foreign_minister",
    "defence_minister",
    "finance_minister",
    "interior_minister",
    "envoy",
    "secretary_general",
    "leader",
    "opposition_leader",
    "legislator",
    "other",
}
# Offices held by one person at a time; head_of_state_and_government occupies both heads.
EXCLUSIVE_OFFICES = {
    "head_of_state": ("head_of_state",),
    "head_of_government": ("head_of_government",),
    "head_of_state_and_government": ("head_of_state", "head_of_government"),
    "foreign_minister": ("foreign_minister",),
    "defence_minister": ("defence_minister",),
    "finance_minister": ("finance_minister",),
    "interior_minister": ("interior_minister",),
    "secretary_general": ("secretary_general",),
}
# Collective or dual headships, where several people legitimately share the office.
SHARED_OFFICES = {
    ("BIH", "head_of_state"),  # three-member Presidency
    ("AND", "head_of_state"),  # two co-princes
    ("SMR", "head_of_state"),  # two Captains Regent
    ("NIC", "head_of_state"),  # co-presidents since the 2025 constitutional reform
    ("NIC", "head_of_government"),
}
# UN members (ISO 3166-1 alpha-3), from the UN's list of member states.
_UN_MEMBERS_TEXT = """
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH
    BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP
    CZE PRK DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC
    GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT
    KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG
    MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL
    PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
    ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR
    TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE"""
UN_MEMBERS = set(_UN_MEMBERS_TEXT.split())
# Members whose office is knowingly vacant in the file at as_of: the term of the last holder
# we know ended, and the successor is not recorded (see the data report).
KNOWN_VACANCIES = {
    ("COL", "head_of_state"),
    ("COL", "head_of_government"),
    ("PER", "head_of_state"),
    ("PER", "head_of_government"),
    ("SMR", "head_of_state"),
}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Row:
    line: int
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str
    role: str
    start: date
    end: date | None


def parse_date(text: str) -> date:
    """Partial dates (YYYY, YYYY-MM) are read as their first day."""
    assert DATE_RE.match(text), f"bad date {text!r}"
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def read_lines() -> list[str]:
    return PEOPLE_CSV.read_text(encoding="utf-8").splitlines()


def as_of() -> date:
    first = read_lines()[0]
    match = re.fullmatch(r"# as_of: (\d{4}-\d{2}-\d{2})", first)
    assert match, f"first line must be '# as_of: YYYY-MM-DD', got {first!r}"
    return date.fromisoformat(match.group(1))


def raw_records() -> Iterator[tuple[int, dict[str, str]]]:
    lines = read_lines()[1:]
    reader = csv.DictReader(lines)
    for record in reader:
        yield reader.line_num + 1, record


def load_rows() -> list[Row]:
    rows = []
    for line, rec in raw_records():
        rows.append(
            Row(
                line=line,
                id=rec["id"],
                name=rec["name"],
                aliases=tuple(a for a in rec["aliases"].split("|") if rec["aliases"]),
                country=rec["country"],
                sector=rec["sector"],
                role=rec["role"],
                start=parse_date(rec["start"]),
                end=parse_date(rec["end"]) if rec["end"] else None,
            )
        )
    return rows


@pytest.fixture(scope="module")
def rows() -> list[Row]:
    return load_rows()


def holders(rows: list[Row], country: str, office: str, on: date) -> set[str]:
    """Ids of people holding `office` (a head role counts HoSG) in `country` on `on`."""
    found = set()
    for r in rows:
        holds = office in EXCLUSIVE_OFFICES.get(r.role, (r.role,))
        if r.country == country and holds and r.start <= on and (r.end is None or on < r.end):
            found.add(r.id)
    return found


def test_header_and_as_of() -> None:
    assert as_of() == date(2026, 11, 1)
    assert read_lines()[1].split(",") == HEADER


def test_every_record_has_all_fields() -> None:
    for line, rec in raw_records():
        assert None not in rec, f"line {line}: too many fields"
        assert all(rec[k] is not None for k in HEADER), f"line {line}: missing fields"
        for key in ("id", "name", "country", "sector", "role", "start", "provenance"):
            assert rec[key].strip() == rec[key] and rec[key], f"line {line}: bad {key}"


def test_field_values(rows: list[Row]) -> None:
    for r in rows:
        assert ID_RE.match(r.id), f"line {r.line}: id {r.id!r}"
        assert re.fullmatch(r"[A-Z]{3}", r.country), f"line {r.line}: country {r.country!r}"
        assert re.fullmatch(r"[A-Z]{3}", r.sector), f"line {r.line}: sector {r.sector!r}"
        assert r.role in ROLES, f"line {r.line}: role {r.role!r}"
        assert r.end is None or r.start <= r.end, f"line {r.line}: start after end"
        assert r.start <= as_of(), f"line {r.line}: starts after as_of"


def test_sectors_are_cameo_codes(rows: list[Row], shared_data: Path) -> None:
    table = (shared_data / "cameo" / "CAMEO_actor_type_codes.tsv").read_text(encoding="utf-8")
    codes = {line.split("\t")[0].strip() for line in table.splitlines() if line.strip()}
    for r in rows:
        assert r.sector in codes, f"line {r.line}: sector {r.sector!r} is not a CAMEO type"


def test_aliases_are_clean(rows: list[Row]) -> None:
    for r in rows:
        surname = r.name.split()[-1]
        assert len(set(r.aliases)) == len(r.aliases), f"line {r.line}: duplicate alias"
        for alias in r.aliases:
            assert alias and alias == alias.strip(), f"line {r.line}: empty alias"
            assert alias != r.name, f"line {r.line}: alias repeats the name"
            assert alias != surname, f"line {r.line}: bare surname {alias!r} in aliases"


def test_ids_are_consistent(rows: list[Row]) -> None:
    by_id: dict[str, tuple[str, tuple[str, ...]]] = {}
    for r in rows:
        first = by_id.setdefault(r.id, (r.name, r.aliases))
        assert first == (r.name, r.aliases), f"line {r.line}: id {r.id} has other name/aliases"


def test_no_duplicate_tenures(rows: list[Row]) -> None:
    seen: set[tuple[str, str, str, date]] = set()
    for r in rows:
        key = (r.id, r.country, r.role, r.start)
        assert key not in seen, f"line {r.line}: duplicate tenure {key}"
        seen.add(key)


def test_rows_are_grouped_and_chronological_per_country(rows: list[Row]) -> None:
    finished: set[str] = set()
    previous: Row | None = None
    for r in rows:
        if previous is not None and r.country != previous.country:
            finished.add(previous.country)
            assert r.country not in finished, f"line {r.line}: {r.country} rows are split"
        elif previous is not None:
            assert previous.start <= r.start, f"line {r.line}: not chronological"
        previous = r


def test_exclusive_offices_do_not_overlap(rows: list[Row]) -> None:
    tenures: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in rows:
        for office in EXCLUSIVE_OFFICES.get(r.role, ()):
            if (r.country, office) not in SHARED_OFFICES:
                tenures[(r.country, office)].append(r)
    clashes = []
    for (country, office), group in tenures.items():
        group.sort(key=lambda r: r.start)
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.id != b.id and b.start < (a.end or date.max):
                    clashes.append(f"{country} {office}: lines {a.line} and {b.line}")
    assert not clashes, "\n".join(clashes)


@pytest.mark.parametrize("office", ["head_of_state", "head_of_government"])
def test_every_un_member_has_a_current_head(rows: list[Row], office: str) -> None:
    missing = sorted(
        c
        for c in UN_MEMBERS
        if not holders(rows, c, office, as_of()) and (c, office) not in KNOWN_VACANCIES
    )
    assert not missing, f"no current {office}: {missing}"


def test_un_member_list_is_complete() -> None:
    assert len(UN_MEMBERS) == 193


def test_known_vacancies_are_still_vacant(rows: list[Row]) -> None:
    filled = sorted(v for v in KNOWN_VACANCIES if holders(rows, v[0], v[1], as_of()))
    assert not filled, f"remove from KNOWN_VACANCIES: {filled}"


@pytest.mark.parametrize(
    ("country", "office", "on", "expected"),
    [
        ("USA", "head_of_state", "2025-10-01", "donald-trump"),
        ("USA", "head_of_government", "2023-06-01", "joe-biden"),
        ("USA", "head_of_state", "2019-06-01", "donald-trump"),
        ("UKR", "head_of_state", "2023-01-01", "volodymyr-zelensky"),
        ("RUS", "head_of_state", "2010-01-01", "dmitry-medvedev"),
        ("RUS", "head_of_government", "2010-01-01", "vladimir-putin"),
        ("DEU", "head_of_government", "2025-06-01", "friedrich-merz"),
        ("JPN", "head_of_government", "2025-11-01", "sanae-takaichi"),
        ("SYR", "head_of_state", "2025-06-01", "ahmed-al-sharaa"),
        ("IRN", "head_of_government", "2023-01-01", "ebrahim-raisi"),
        ("GBR", "foreign_minister", "2025-10-01", "yvette-cooper"),
        ("RUS", "defence_minister", "2024-06-01", "andrey-belousov"),
        ("IRN", "head_of_state", "2025-06-01", "ali-khamenei"),
        ("IRN", "head_of_state", "2026-06-01", "mojtaba-khamenei"),
        ("HUN", "head_of_government", "2026-06-01", "peter-magyar"),
        ("VEN", "head_of_state", "2026-02-01", "delcy-rodriguez"),
    ],
)
def test_spot_facts(rows: list[Row], country: str, office: str, on: str, expected: str) -> None:
    assert holders(rows, country, office, date.fromisoformat(on)) == {expected}


def test_putin_not_president_during_medvedev_term(rows: list[Row]) -> None:
    assert "vladimir-putin" not in holders(rows, "RUS", "head_of_state", date(2010, 1, 1))


@pytest.mark.parametrize(
    ("country", "office", "on", "expected"),
    [
        ("PAK", "defence_minister", "2020-01-01", "pervez-khattak"),
        ("MEX", "defence_minister", "2020-01-01", "luis-cresencio-sandoval"),
        ("KOR", "defence_minister", "2021-06-01", "suh-wook"),
        ("BRA", "defence_minister", "2021-06-01", "walter-braga-netto"),
    ],
)
def test_defence_minister_spot_facts(
    rows: list[Row], country: str, office: str, on: str, expected: str
) -> None:
    assert holders(rows, country, office, date.fromisoformat(on)) == {expected}


def test_one_holder_per_named_command_or_agency(rows: list[Row]) -> None:
    """Rows of role `other` name their office in `provenance` (one agency head or one chief of
    staff each); two people in one such office at once means a wrong date."""
    provenance = {line: rec["provenance"] for line, rec in raw_records()}
    offices: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in rows:
        if r.role == "other" and r.sector in {"SPY", "MIL"}:
            offices[(r.country, provenance[r.line])].append(r)
    clashes = []
    for office, group in offices.items():
        group.sort(key=lambda r: r.start)
        for a, b in pairwise(group):
            if a.id != b.id and b.start < (a.end or date.max):
                clashes.append(f"{office}: lines {a.line} and {b.line}")
    assert not clashes, "\n".join(clashes)


@pytest.mark.parametrize(
    ("country", "on", "expected"),
    [
        ("PAK", "2020-06-01", "faiz-hameed"),
        ("GBR", "2022-06-01", "richard-moore"),
        ("IND", "2021-01-01", "manoj-mukund-naravane"),
    ],
)
def test_agency_and_army_heads(rows: list[Row], country: str, on: str, expected: str) -> None:
    day = date.fromisoformat(on)
    current = {
        r.id
        for r in rows
        if r.country == country and r.start <= day and (r.end is None or day < r.end)
    }
    assert expected in current
