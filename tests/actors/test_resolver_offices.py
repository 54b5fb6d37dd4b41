"""Simultaneous offices, family-name-first surnames and bare-surname ambiguity."""

from __future__ import annotations

from detente.actors import ActorResolver, Entry
from detente.actors.index import surnames


def tenure(
    name: str,
    country: str,
    role: str = "head_of_state",
    start: str = "2020-01-01",
    end: str | None = None,
    aliases: tuple[str, ...] = (),
) -> Entry:
    ident = name.lower().replace(" ", "-")
    return Entry(
        "person", (name, *aliases), name, country, "GOV", role=role, id=ident, start=start, end=end
    )


def country(iso: str, *names: str) -> Entry:
    return Entry("country", names, names[0], iso, id=iso)


COUNTRIES = [country("FRA", "France", "French"), country("AND", "Andorra", "Andorran")]


def test_an_office_held_alone_beats_a_shared_one() -> None:
    # Emmanuel Macron: President of France, and one of Andorra's two co-princes.
    rows = [tenure("Emanuel Macaron", "AND"), tenure("Emanuel Macaron", "FRA")]
    rows += [tenure("Joan Bishop", "AND", start="2003-05-12"), *COUNTRIES]
    resolver = ActorResolver(entries=rows, include_default=False)
    assert resolver.resolve("Emanuel Macaron", "2024-01-01").country == "FRA"
    assert resolver.resolve("Macaron", "2024-01-01").country == "FRA"


def test_the_mention_then_the_context_names_the_country() -> None:
    rows = [tenure("Emanuel Macaron", "AND"), tenure("Emanuel Macaron", "FRA")]
    rows += [tenure("Joan Bishop", "AND", start="2003-05-12"), *COUNTRIES]
    resolver = ActorResolver(entries=rows, include_default=False)
    assert resolver.resolve("Andorran co-prince Macaron", "2024-01-01").country == "AND"
    assert resolver.resolve("Macaron", "2024-01-01", context="Andorra").country == "AND"
    # The context never overrides what the mention says.
    said = resolver.resolve("French President Macaron", "2024-01-01", context="Andorra")
    assert said.country == "FRA"


def test_a_higher_role_then_the_earliest_country_wins() -> None:
    rows = [
        tenure("Ada Lovel", "FRA", "foreign_minister"),
        tenure("Ada Lovel", "AND", "head_of_government"),
        tenure("Bea Lovel", "FRA", start="2021-01-01"),
        tenure("Bea Lovel", "AND", start="2010-01-01", end="2015-01-01", role="other"),
        tenure("Bea Lovel", "AND", start="2021-01-01"),
        *COUNTRIES,
    ]
    resolver = ActorResolver(entries=rows, include_default=False)
    assert resolver.resolve("Ada Lovel", "2024-01-01").country == "AND"
    # Same office in both from the same day: her tenures in Andorra began earlier.
    assert resolver.resolve("Bea Lovel", "2024-01-01").country == "AND"


def test_family_name_first_surnames() -> None:
    assert surnames(["Xi Jinping", "Xi Jin-ping"], family_first=True) == {"xi"}
    assert surnames(["Hwang Kyo-ahn"], family_first=True) == {"hwang"}
    # A Western-order name with its Chinese-order alias: the family name is the shared word.
    assert surnames(["Frank Hsieh", "Hsieh Chang-ting"], family_first=True) == {"hsieh"}
    assert surnames(["William Lai", "Lai Ching-te", "William Lai Ching-te"], True) == {"lai"}
    assert surnames(["Jean-Yves Le Drian"]) == {"le drian"}
    assert surnames(["Mario Abdo Benitez"]) == {"benitez", "abdo benitez"}
    assert surnames(["Abdullah II of Jordan", "King Abdullah II"]) == {"abdullah"}


def test_a_bare_surname_needs_one_holder_in_office() -> None:
    rows = [
        tenure("Xi Jinping", "CHN", start="2013-03-14"),
        tenure("Frank Hsieh", "TWN", "other", "2005-02-01", "2006-01-25", ("Hsieh Chang-ting",)),
        tenure("Kim Jong-un", "PRK", start="2011-12-17"),
        tenure("Kim Tok-hun", "PRK", "head_of_government", "2020-08-13", "2024-12-30"),
        tenure("Kim Yong-hyun", "KOR", "defence_minister", "2024-09-06", "2024-12-05"),
        country("KOR", "South Korea", "South Korean"),
        country("PRK", "North Korea", "North Korean"),
        country("JPN", "Japan", "Japanese"),
        Entry("sector", ("minister", "president", "prime minister"), sector="GOV"),
    ]
    resolver = ActorResolver(entries=rows, include_default=False)
    assert resolver.resolve("Xi", "2024-01-01").id == "xi-jinping"
    assert resolver.resolve("Hsieh", "2005-06-01").id == "frank-hsieh"
    assert resolver.match("Frank", "2005-06-01") is None
    # Two Kims in office in 2024: no guess; the mention's country singles one out.
    assert resolver.match("Kim", "2024-01-01") is None
    assert resolver.resolve("South Korean minister Kim", "2024-10-01").id == "kim-yong-hyun"
    # A title singles one out too.
    assert resolver.resolve("President Kim", "2024-01-01").id == "kim-jong-un"
    assert resolver.resolve("Prime Minister Kim", "2024-01-01").id == "kim-tok-hun"
    assert resolver.resolve("Japanese minister Kim", "2024-10-01").id is None
    # Only one in office in 2025.
    assert resolver.resolve("Kim", "2025-06-01").id == "kim-jong-un"
    # Nobody in office: the most recent holder, as a former official.
    retired = ActorResolver(entries=rows[3:], include_default=False)
    former = retired.resolve("Kim", "2025-06-01")
    assert (former.id, former.sector) == ("kim-tok-hun", "ELI")
