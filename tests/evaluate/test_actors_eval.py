"""How NGEC-style actor test cases map onto the resolver's output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.actors import ActorResolver
from detente.evaluate.actors import ActorEvalReport, evaluate_actors, parse_date

KB = """\
countries:
  - {iso3: MNG, name: Mongolia, names: [Mongolia], adjectives: [Mongolian], capitals: [Ulaanbaatar]}
organizations:
  - {code: UNO, name: United Nations, names: [United Nations, UN], sector: IGO}
sectors:
  GOV: [president]
  MIL: [soldier]
  UNK: [men]
bodies:
  - {names: [State Great Khural], country: MNG, sector: LEG}
"""

PEOPLE = """\
id,name,aliases,country,sector,role,start,end,provenance
khurelsukh,Ukhnaagiin Khurelsukh,,MNG,GOV,head_of_state,2021-06-25,,test
"""


def case(
    text: str, expect: dict[str, object], date: str = "", **extra: object
) -> dict[str, object]:
    return {
        "test": text,
        "method": "agent_to_code",
        "args": [text, "", date],
        "kwargs": {},
        "expect": expect,
        "skip": False,
        "xfail": False,
        **extra,
    }


@pytest.fixture
def resolver(tmp_path: Path) -> ActorResolver:
    (tmp_path / "kb.yaml").write_text(KB, encoding="utf-8")
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    return ActorResolver([tmp_path / "kb.yaml", tmp_path / "people.csv"], include_default=False)


def score(
    tmp_path: Path, resolver: ActorResolver, cases: list[dict[str, object]]
) -> ActorEvalReport:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(c) for c in cases) + "\n", encoding="utf-8")
    return evaluate_actors(gold, resolver)


def test_country_and_sector_checks(tmp_path: Path, resolver: ActorResolver) -> None:
    report = score(
        tmp_path,
        resolver,
        [
            case("the Mongolian President", {"code['country']": "MNG", "code['code_1']": "GOV"}),
            case("Mongolia", {"code['country']": "MNG", "code['code_1']": ""}),
            case("soldier", {"code['code_1']": "MIL", "code['country']": ""}),
            case("United Nations", {"code['country']": "IGO"}),
            case("two men", {"code['country']": "", "code['code_1']": "UNK"}),
            case("yesterday", {"code['country']": "", "code['code_1']": "JNK"}),
            case("a cat", {"code Is": "None"}),
            case("Mongolia", {"code['code_1'] In": ["GOV", "MIL"]}),  # a miss: no sector
        ],
    )
    assert (report.n, report.correct) == (8, 7)
    assert report.misses[0]["text"] == "Mongolia" and report.accuracy == pytest.approx(7 / 8)


def test_dates_and_names(tmp_path: Path, resolver: ActorResolver) -> None:
    report = score(
        tmp_path,
        resolver,
        [
            case(
                "Ukhnaagiin Khurelsukh",
                {
                    "code['country']": "MNG",
                    "code['code_1']": "GOV",
                    "code['wiki']": "Ukhnaagiin Khurelsukh",
                },
                "October 1, 2021",
            ),
            case(
                "Ukhnaagiin Khurelsukh",
                {"code['code_1']": "GOV"},
                "",
                kwargs={"query_date": "2020-01-01"},
            ),  # not yet in office: a miss
            {
                "method": "query_wiki",
                "args": ["State Great Khural"],
                "kwargs": {},
                "expect": {"wiki['title']": "State Great Khural (Mongolia)"},
                "skip": False,
            },
            case("skipped", {"code['code_1']": "GOV"}, skip=True),
            {"method": "short_text_to_agent", "args": [None], "expect": {"code['code_1']": "COP"}},
        ],
    )
    assert (report.n, report.correct, report.skipped) == (2, 1, 2)
    assert (report.names_n, report.names_correct) == (2, 2)
    assert report.to_dict()["accuracy"] == 0.5
    assert report.summary()[0].startswith("actor resolution: 1/2")


def test_parse_date() -> None:
    assert parse_date("Today") is None and parse_date("") is None
    assert parse_date("10 May 2015") == "2015-05-10"
    assert parse_date("October 1, 2021") == "2021-10-01"
    with pytest.raises(ValueError):
        parse_date("the other day")
