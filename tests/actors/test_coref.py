"""Within-document coreference: later short mentions link to the entity introduced earlier."""

from __future__ import annotations

from detente.actors import ActorResolver


def test_surname_of_an_unknown_person_links_back(mini: ActorResolver) -> None:
    ctx = mini.document("2024-01-01")
    first = ctx.resolve("Romanian Finance Minister Ion Popescu", 0, 37)
    assert (first.country, first.sector, first.name) == ("ROU", "GOV", "Ion Popescu")
    later = ctx.resolve("Popescu", 80, 87)
    assert (later.country, later.sector, later.name) == ("ROU", "GOV", "Ion Popescu")
    assert (later.text, later.start, later.end) == ("Popescu", 80, 87)
    assert mini.match("Popescu", "2024-01-01") is None  # alone it names no one


def test_bare_titles_link_to_the_latest_holder_of_the_title(mini: ActorResolver) -> None:
    ctx = mini.document("2024-01-01")
    ctx.resolve("Romanian Finance Minister Ion Popescu")
    assert ctx.resolve("the minister").name == "Ion Popescu"
    ctx.resolve("Arwen Undomiel")  # the Arnorian head of state at the date
    assert ctx.resolve("the president").name == "Arwen Undomiel"
    assert ctx.resolve("the minister").name == "Ion Popescu"


def test_titles_with_another_country_do_not_link(mini: ActorResolver) -> None:
    ctx = mini.document("2024-01-01")
    ctx.resolve("Romanian Finance Minister Ion Popescu")
    assert ctx.resolve("the Arnorian minister").country == "ARN"


def test_pronouns_link_only_when_one_person_was_introduced(mini: ActorResolver) -> None:
    ctx = mini.document("2024-01-01")
    assert ctx.resolve("he").country is None
    ctx.resolve("Arwen Undomiel")
    assert ctx.resolve("she").id == "arwen"
    ctx.resolve("Romanian Finance Minister Ion Popescu")
    assert ctx.resolve("he").name is None  # two candidates: ambiguous


def test_document_people_beat_kb_namesakes(mini: ActorResolver) -> None:
    ctx = mini.document("2020-06-01")
    ctx.resolve("Romanian official Tom Elessar")
    assert ctx.resolve("Elessar").country == "ROU"
    assert mini.resolve("Elessar", "2020-06-01").id == "aragorn"


def test_known_people_keep_their_kb_identity(mini: ActorResolver) -> None:
    ctx = mini.document("2020-06-01")
    assert ctx.resolve("Aragorn Elessar").id == "aragorn"
    assert ctx.resolve("Strider").id == "aragorn"
    assert ctx.resolve("he").id == "aragorn"


def test_office_holders_answer_to_their_title(mini: ActorResolver) -> None:
    ctx = mini.document("2021-06-01")
    ctx.resolve("Arwen Undomiel")  # foreign minister at that date, named without a title
    assert ctx.resolve("the minister").id == "arwen"
    assert ctx.resolve("the foreign minister").id == "arwen"


def test_family_name_first_for_east_asian_names() -> None:
    from detente.actors import Entry

    china = Entry("country", ("China", "Chinese"), "China", "CHN", id="CHN")
    minister = Entry("sector", ("spokesman",), "spokesman", sector="GOV")
    resolver = ActorResolver(entries=[china, minister], include_default=False)
    ctx = resolver.document("2024-01-01")
    ctx.resolve("Chinese spokesman Wang Wenbin")
    later = ctx.resolve("Wang")
    assert (later.name, later.country, later.sector) == ("Wang Wenbin", "CHN", "GOV")
    assert ctx.resolve("Wenbin").name is None
