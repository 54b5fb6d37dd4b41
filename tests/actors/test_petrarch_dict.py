"""PETRARCH/TABARI dictionaries as user layers."""

from __future__ import annotations

from pathlib import Path

from detente.actors import ActorResolver, load_petrarch_dictionary
from detente.actors.petrarch import split_code

ACTORS = """\
<!-- a test dictionary -->
ARNOR_  [ARN]
+ARNORIAN
+ARNORIANS
GONDOR_MILITARY [GONMIL] # a comment
BOROMIR_SON_OF_DENETHOR
\t[GON <950601]
\t[GONGOV 19950601 - 19990815]
\t[GONELI >19990816]
RED_CROSS [NGO]  ; CountryInfo.txt
OLD_KINGDOM
\t[--- <010101]
\t[OLK]
"""

AGENTS = """\
!PERSON! = MAN, MEN
STEWARD [~GOV]
RANGER!PERSON! [~MIL]
STATE_RADIO {} [~GOVMED]
AID_GROUP [NGO~]
"""


def write(tmp_path: Path) -> tuple[Path, Path]:
    actors, agents = tmp_path / "actors.txt", tmp_path / "agents.txt"
    actors.write_text(ACTORS, encoding="utf-8")
    agents.write_text(AGENTS, encoding="utf-8")
    return actors, agents


def test_codes_split_into_country_and_sectors() -> None:
    assert split_code("USAGOV") == ("USA", "GOV", None)
    assert split_code("IGOUNO") == ("UNO", "IGO", None)
    assert split_code("PSEREBHMS") == ("PSE", "REB", "HMS")
    assert split_code("---") == (None, None, None)
    assert split_code("NGO") == (None, "NGO", None)


def test_actor_and_agent_dictionaries(tmp_path: Path) -> None:
    actors, agents = write(tmp_path)
    problems: list[str] = []
    entries = load_petrarch_dictionary(actors, agents, problems)
    assert problems == []
    resolver = ActorResolver(entries=entries, include_default=False)
    assert resolver.resolve("Arnorians").country == "ARN"
    assert (resolver.resolve("the Gondor military").sector) == "MIL"
    assert resolver.resolve("the Arnorian steward").code == "ARNGOV"
    assert resolver.resolve("Arnorian rangermen").sector == "MIL"
    assert resolver.resolve("state radio").code == "GOVMED"
    assert resolver.resolve("the Red Cross").sector == "NGO"


def test_date_restrictions(tmp_path: Path) -> None:
    actors, agents = write(tmp_path)
    resolver = ActorResolver(
        entries=load_petrarch_dictionary(actors, agents), include_default=False
    )
    boromir = "Boromir son of Denethor"
    assert resolver.resolve(boromir, "1990-01-01").code == "GON"
    assert resolver.resolve(boromir, "1997-01-01").code == "GONGOV"
    assert resolver.resolve(boromir, "1999-08-15").code == "GONGOV"  # limits are inclusive
    assert resolver.resolve(boromir, "2005-01-01").code == "GONELI"
    assert resolver.match("the Old Kingdom", "1999-01-01") is None  # [---] before 2001
    assert resolver.resolve("the Old Kingdom", "2005-01-01").country == "OLK"


def test_files_are_recognised_by_layout(tmp_path: Path) -> None:
    actors, agents = write(tmp_path)
    resolver = ActorResolver([actors, agents], include_default=False)
    assert resolver.resolve("Arnorian steward").code == "ARNGOV"


def test_petrarch_validation_dictionary(shared_data: Path) -> None:
    folder = shared_data / "petrarch"
    problems: list[str] = []
    entries = load_petrarch_dictionary(
        folder / "PETR.Validate.actors.txt", folder / "PETR.Validate.agents.txt", problems
    )
    assert len(entries) > 150
    resolver = ActorResolver(entries=entries, include_default=False)
    assert resolver.resolve("Israeli troops").code == "ISRMIL"
    assert resolver.resolve("the United Nations").country == "UNO"
    sam = "Sam Gamgee"
    assert resolver.resolve(sam, "2007-01-01").code == "HOBCIV"
    assert resolver.resolve(sam, "2010-01-10").code == "ORCHOB"
    assert resolver.resolve(sam, "2014-01-01").code == "HOBELI"
