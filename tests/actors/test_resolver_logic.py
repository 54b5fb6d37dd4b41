"""Resolver rules on a knowledge base written by the tests (tests/actors/conftest.py)."""

from __future__ import annotations

import pytest

from detente.actors import ActorResolver


def fields(
    resolver: ActorResolver, text: str, date: str | None = "2024-01-01"
) -> tuple[object, ...]:
    actor = resolver.resolve(text, date)
    return actor.country, actor.sector, actor.code


def test_tenures_decide_office_at_the_date(mini: ActorResolver) -> None:
    assert mini.resolve("the Arnorian president", "2020-06-01").name == "Aragorn Elessar"
    assert mini.resolve("the Arnorian president", "2024-06-01").name == "Arwen Undomiel"
    assert mini.resolve("Aragorn Elessar", "2020-06-01").sector == "GOV"
    former = mini.resolve("Strider", "2024-06-01")
    assert (former.country, former.sector, former.id) == ("ARN", "ELI", "aragorn")


def test_several_offices_take_the_highest_role(mini: ActorResolver) -> None:
    assert mini.resolve("Arwen Undomiel", "2024-01-01").role == "head_of_state"
    assert mini.resolve("Arwen Undomiel", "2021-01-01").role == "foreign_minister"
    assert mini.resolve("Arnor's foreign minister", "2021-01-01").id == "arwen"


def test_partial_dates_cover_their_whole_period(mini: ActorResolver) -> None:
    # Boromir's tenure ends "2019-06": still in office on 2019-06-30, former in July.
    assert mini.resolve("Boromir Denethorson", "2019-06-30").sector == "MIL"
    assert mini.resolve("Boromir Denethorson", "2019-07-01").sector == "ELI"
    assert mini.resolve("Boromir Denethorson", "2017-12-31").sector is None


def test_titles_without_names(mini: ActorResolver) -> None:
    assert fields(mini, "president") == (None, "GOV", "GOV")
    assert fields(mini, "Romanian soldiers") == ("ROU", "MIL", "ROMMIL")
    assert fields(mini, "Arnorian Defence Minister Faramir Hurin", None)[:2] == ("ARN", "GOV")
    named = mini.resolve("Arnorian Defence Minister Faramir Hurin")
    assert named.name == "Faramir Hurin" and named.id is None and named.code == "ARNGOVMIL"


def test_deputies_are_not_the_office_holder(mini: ActorResolver) -> None:
    deputy = mini.resolve("Arnor's deputy foreign minister", "2021-01-01")
    assert deputy.sector == "GOV" and deputy.name is None


def test_capitals_and_seats_of_power(mini: ActorResolver) -> None:
    assert fields(mini, "Bucharest") == ("ROU", "GOV", "ROMGOV")
    assert fields(mini, "BUCHAREST") == ("ROU", "GOV", "ROMGOV")
    assert fields(mini, "Cotroceni Palace") == ("ROU", "GOV", "ROMGOV")
    assert fields(mini, "Weathertop") == ("ARN", "MIL", "ARNMIL")


def test_cities_give_country_and_stand_for_people(mini: ActorResolver) -> None:
    assert fields(mini, "Bree police") == ("ARN", "COP", "ARNCOP")
    assert fields(mini, "Bree") == ("ARN", "CVL", "ARNCVL")


def test_demonyms_and_country_names_have_no_sector(mini: ActorResolver) -> None:
    assert fields(mini, "two Romanians") == ("ROU", None, "ROM")
    assert fields(mini, "Romania") == ("ROU", None, "ROM")


def test_organisations_and_their_organs(mini: ActorResolver) -> None:
    assert fields(mini, "NATO") == ("NAT", "IGO", "IGOWSTNAT")
    assert fields(mini, "the NATO Secretary General") == ("NAT", "GOV", "IGOWSTNATGOV")
    assert fields(mini, "NATO soldiers") == ("NAT", "MIL", "IGOWSTNATMIL")


def test_named_bodies_keep_their_sector(mini: ActorResolver) -> None:
    assert fields(mini, "Rangers soldiers") == ("ARN", "REB", "ARNREB")
    assert fields(mini, "a former Rangers official") == ("ARN", "ELI", "ARNELI")


def test_former_makes_elites(mini: ActorResolver) -> None:
    assert fields(mini, "a former minister") == (None, "ELI", "ELI")


def test_possessive_head_noun_decides(mini: ActorResolver) -> None:
    assert fields(mini, "schoolchildren's parents") == (None, "CVL", "CVL")
    assert fields(mini, "the company's board") == (None, "BUS", "BUS")


def test_objects_of_prepositions_do_not_code_the_actor(mini: ActorResolver) -> None:
    assert fields(mini, "Romanian minister to the United States")[:2] == ("ROU", "GOV")


def test_apposition_lends_fields(mini: ActorResolver) -> None:
    actor = mini.resolve("Faramir Hurin, Arnor's foreign minister", "2021-01-01")
    assert (actor.name, actor.country, actor.sector) == ("Faramir Hurin", "ARN", "GOV")


def test_acronyms_only_match_in_capitals(mini: ActorResolver) -> None:
    assert mini.resolve("US soldiers").country == "USA"
    assert mini.match("us") is None


def test_surnames_need_capitals_and_no_other_first_name(mini: ActorResolver) -> None:
    assert mini.resolve("Elessar", "2020-06-01").id == "aragorn"
    assert mini.match("Gimli Elessar", "2020-06-01") is None
    assert mini.match("elessar said", "2020-06-01") is None


def test_one_typo_in_a_long_proper_name(mini: ActorResolver) -> None:
    assert mini.resolve("Anuminas").country == "ARN"  # a letter dropped
    assert mini.resolve("Annuminsa").country == "ARN"  # two letters swapped
    assert mini.resolve("Arnor").country == "ARN"
    assert mini.match("Annu") is None


def test_no_actor(mini: ActorResolver) -> None:
    for text in ["a cat named Frank", "yesterday", "Mechanism", "Zulhijjah Mirzadah", ""]:
        assert mini.match(text) is None, text
        actor = mini.resolve(text)
        assert actor.text == text and actor.country is None and actor.sector is None


def test_pronouns_are_actors_without_fields(mini: ActorResolver) -> None:
    actor = mini.match("He")
    assert actor is not None and actor.country is None and actor.sector is None


def test_bad_date_is_a_value_error(mini: ActorResolver) -> None:
    with pytest.raises(ValueError, match="invalid date"):
        mini.resolve("Romania", "2024-13-01")


def test_country_codes(mini: ActorResolver) -> None:
    assert mini.country_code("ROM") == "ROU"
    assert mini.country_code("rou") == "ROU"
    assert mini.country_code("NAT") == "NAT"
    assert mini.country_code("XYZ") is None


def test_context_hint_fills_a_missing_country(mini: ActorResolver) -> None:
    assert mini.resolve("the minister", "2024-01-01", context="Romania").country == "ROU"
    assert mini.resolve("Bree police", "2024-01-01", context="Romania").country == "ARN"


def test_cached_answers_match_fresh_ones_across_dates(mini: ActorResolver) -> None:
    # The cache is keyed by the interval between KB date boundaries; check it never mixes
    # two intervals up, on days around every boundary of the fixture.
    days = ["2017-12-31", "2018-01-01", "2019-03-24", "2019-03-25", "2019-06-30"]
    days += ["2019-07-01", "2020-01-01", "2022-12-31", "2023-01-01", "2023-06-01"]
    texts = ["the Arnorian president", "Boromir Denethorson", "Arnor's foreign minister"]
    answers = {(t, d): mini.resolve(t, d) for d in days for t in texts}
    for (text, day), answer in answers.items():
        mini.cache_clear()
        assert mini.resolve(text, day) == answer, (text, day)


def test_courtesy_titles_and_abbreviated_ranks(mini: ActorResolver) -> None:
    assert mini.resolve("Mr. Elessar", "2020-06-01").id == "aragorn"
    general = mini.resolve("Arnorian Gen. Faramir Hurin")
    assert (general.country, general.sector, general.name) == ("ARN", "MIL", "Faramir Hurin")


def test_a_possessive_person_is_not_the_head(mini: ActorResolver) -> None:
    aide = mini.resolve("Elessar's official", "2020-06-01")
    assert (aide.country, aide.sector, aide.name) == ("ARN", "GOV", None)
    assert mini.resolve("President Elessar's", "2020-06-01").id == "aragorn"


def test_arabic_article_spellings_meet() -> None:
    from detente.actors import Entry

    person = Entry(
        "person",
        ("Omar al-Example",),
        "Omar al-Example",
        "SDN",
        "GOV",
        role="head_of_state",
        id="omar",
        start="1990-01-01",
    )
    resolver = ActorResolver(entries=[person], include_default=False)
    assert resolver.resolve("President Omar El Example", "2000-01-01").id == "omar"
    assert resolver.resolve("el-Example", "2000-01-01").id == "omar"


def test_simultaneous_offices_prefer_the_mentioned_then_the_prominent_country() -> None:
    from detente.actors import Entry

    def tenure(person: str, country: str, role: str = "head_of_state") -> Entry:
        return Entry(
            "person",
            (person,),
            person,
            country,
            "GOV",
            role=role,
            id=person.lower(),
            start="2020-01-01",
        )

    rows = [tenure("Elros Tar-Minyatur", "NUM"), tenure("Elros Tar-Minyatur", "ARN")]
    rows += [tenure(f"Arnor Minister {n}", "ARN", "other") for n in range(3)]
    resolver = ActorResolver(entries=rows, include_default=False)
    assert resolver.resolve("Elros Tar-Minyatur", "2021-01-01").country == "ARN"
    numenor = Entry("country", ("Numenor", "Numenorean"), "Numenor", "NUM", id="NUM")
    resolver = ActorResolver(entries=[*rows, numenor], include_default=False)
    assert resolver.resolve("Numenorean Elros Tar-Minyatur", "2021-01-01").country == "NUM"


def test_pro_and_anti_are_stances_not_actors(mini: ActorResolver) -> None:
    assert fields(mini, "pro-Romanian soldiers") == (None, "MIL", "MIL")
    assert fields(mini, "anti-government civilians") == (None, "CVL", "CVL")
    assert fields(mini, "Romanian soldiers") == ("ROU", "MIL", "ROMMIL")
