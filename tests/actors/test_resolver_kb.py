"""The bundled knowledge base answers the questions the issue asks (facts as of the KB date)."""

from __future__ import annotations

import pytest

from detente.actors import country_code, get_resolver, resolve
from detente.model import Actor


def code(text: str, date: str | None = None) -> tuple[str | None, str | None]:
    actor = resolve(text, date)
    return actor.country, actor.sector


@pytest.mark.parametrize(
    ("date", "name"),
    [("2019-06-01", "Donald Trump"), ("2023-06-01", "Joe Biden"), ("2025-10-01", "Donald Trump")],
)
def test_the_us_president_depends_on_the_date(date: str, name: str) -> None:
    actor = resolve("the U.S. president", date)
    assert (actor.name, actor.country, actor.sector, actor.code) == (name, "USA", "GOV", "USAGOV")


def test_a_former_president_is_an_elite() -> None:
    assert code("Biden", "2025-10-01") == ("USA", "ELI")
    assert code("Biden", "2023-06-01") == ("USA", "GOV")


def test_titles_with_and_without_names() -> None:
    assert code("Ukrainian Finance Minister Serhiy Marchenko", "2024-01-01") == ("UKR", "GOV")
    assert code("Ukrainian Finance Minister Olena Unknownenko") == ("UKR", "GOV")
    minister = resolve("Russia's foreign minister", "2024-01-01")
    assert (minister.country, minister.sector) == ("RUS", "GOV")
    assert minister.name is not None and "Lavrov" in minister.name
    assert code("president") == (None, "GOV")


def test_metonyms_capitals_and_cities() -> None:
    assert code("the Kremlin") == ("RUS", "GOV")
    assert code("Moscow") == ("RUS", "GOV")
    assert code("TEHRAN") == ("IRN", "GOV")
    assert code("Shanghai police") == ("CHN", "COP")


def test_demonyms_and_groups() -> None:
    assert code("Americans") == ("USA", None)
    assert code("Slovak soldiers") == ("SVK", "MIL")
    assert code("two Chinese warplanes") == ("CHN", "MIL")


def test_igos() -> None:
    assert resolve("NATO").country == "NAT"
    assert resolve("the UN Security Council").country == "UNO"


def test_no_actor_gives_nulls() -> None:
    assert resolve("a cat named Frank") == Actor(text="a cat named Frank")
    assert get_resolver().match("a cat named Frank") is None


def test_country_code_normalises_cameo_codes() -> None:
    assert country_code("ROM") == "ROU"
    assert country_code("USA") == "USA"
    assert country_code("QQQ") is None


def test_people_with_offices_in_several_countries() -> None:
    # Macron is also one of Andorra's two co-princes; Charles III reigns over 15 realms.
    assert code("Emmanuel Macron", "2024-01-01") == ("FRA", "GOV")
    assert code("King Charles", "2024-01-01") == ("GBR", "GOV")
    assert resolve("Canadian King Charles", "2024-01-01").country == "CAN"
    assert get_resolver().resolve("Charles III", "2024-01-01", context="Canada").country == "CAN"


def test_family_names_first() -> None:
    assert resolve("Xi", "2024-01-01").name == "Xi Jinping"
    assert resolve("President Xi", "2024-01-01").country == "CHN"


def test_regions_and_non_actors() -> None:
    assert code("European officials") == ("EUR", "GOV")
    assert resolve("the European Union").code == "IGOEUREEC"
    assert code("Middle East") == ("MEA", None)
    for text in ["Antarctica", "yesterday", "It"]:
        assert get_resolver().match(text) is None, text
