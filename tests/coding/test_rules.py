"""Who did what to whom: voice, coordination, targets, nominal events, negation, modality."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detente.model import Event

pytestmark = pytest.mark.slow
Code = Callable[..., list[Event]]


def dyads(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    """(type, source country, target country) of each event, for compact assertions."""
    return {
        (
            e.type,
            e.source.country if e.source else None,
            e.target.country if e.target else None,
        )
        for e in events
    }


def test_active_voice_with_resolved_actors_and_offsets(code: Code) -> None:
    text = "Poland condemned Belarus on Friday."
    [event] = code(text)
    assert (event.type, event.cameo) == ("ACCUSE", "111")
    assert event.source is not None and event.target is not None
    assert event.source.country == "POL" and event.target.country == "BLR"
    assert text[event.source.start : event.source.end] == "Poland"
    assert text[event.target.start : event.target.end] == "Belarus"
    assert event.trigger is not None and event.trigger.text == "condemned"
    assert event.goldstein is not None and event.goldstein < 0
    assert event.quad in (1, 2, 3, 4)
    assert "condemn" in event.explanation and "nsubj" in event.explanation


def test_passive_voice_swaps_roles(code: Code) -> None:
    assert dyads(code("Kenya was attacked by militants from Somalia.")) == {
        ("ASSAULT", "SOM", "KEN")
    }


def test_coordinated_sources_give_one_event_each(code: Code) -> None:
    events = code("The US and the EU sanctioned Russia.")
    assert sorted(e.source.text for e in events if e.source) == ["EU", "US"]
    assert {e.type for e in events} == {"SANCTION"}
    assert {e.target.country for e in events if e.target} == {"RUS"}


def test_coordinated_targets_give_one_event_each(code: Code) -> None:
    found = dyads(code("Canada expelled diplomats from China and Iran."))
    assert {(t, s, tg) for t, s, tg in found} >= {
        ("SANCTION", "CAN", "CHN"),
        ("SANCTION", "CAN", "IRN"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Israeli jets carried out strikes on Syria.", ("ASSAULT", "ISR", "SYR")),
        ("Vietnam held talks with Japan about maritime security.", ("CONSULT", "VNM", "JPN")),
        ("Germany accused Russia of meddling in its elections.", ("ACCUSE", "DEU", "RUS")),
        ("North Korea fired missiles toward Japan.", ("ASSAULT", "PRK", "JPN")),
        ("China imposed sanctions on three American firms.", ("SANCTION", "CHN", "USA")),
    ],
)
def test_prepositional_and_object_targets(
    code: Code, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in dyads(code(text))


def test_charge_is_not_part_of_the_target(code: Code) -> None:
    [event] = code("The prime minister accused the opposition of treason.")
    assert event.target is not None and event.target.text == "opposition"


def test_meet_with(code: Code) -> None:
    [event] = code("The Chilean foreign minister met with his Argentine counterpart.")
    assert event.type == "CONSULT"
    assert event.source is not None and event.source.country == "CHL"
    assert event.target is not None and event.target.country == "ARG"


def test_nominal_event_with_of_and_by(code: Code) -> None:
    assert ("ASSAULT", "RUS", "UKR") in dyads(code("The invasion of Ukraine by Russia began."))


def test_announced_suspension_of_aid_is_the_cut_not_the_aid(code: Code) -> None:
    [event] = code("Denmark announced a suspension of aid to Egypt.")
    assert (event.type, event.cameo) == ("SANCTION", "162")
    assert event.source is not None and event.source.country == "DNK"
    assert event.target is not None and event.target.country == "EGY"
    assert "suspension" in event.explanation


def test_suspension_of_something_that_is_no_event_codes_nothing(code: Code) -> None:
    assert code("Rabat announced a suspension of the football league.") == []


def test_talks_between_two_capitals_are_consultations_both_ways(code: Code) -> None:
    found = dyads(code("Talks between Washington and Moscow resumed in Riyadh."))
    assert ("CONSULT", "USA", "RUS") in found


def test_reciprocal_agreement_between_coordinated_actors(code: Code) -> None:
    found = dyads(code("Ghana and Togo signed a border agreement."))
    assert {(s, t) for _, s, t in found} == {("GHA", "TGO"), ("TGO", "GHA")}


def test_negation_is_flagged(code: Code) -> None:
    [event] = code("Ukraine is not negotiating with Russia.")
    assert event.type == "CONSULT" and event.negated


def test_threat_with_condition_is_hypothetical(code: Code) -> None:
    events = code("Moscow threatened a breakdown of relations if Ukraine receives missiles.")
    threat = next(e for e in events if e.type == "THREATEN")
    assert threat.hypothetical
    assert threat.source is not None and threat.source.country == "RUS"
    assert threat.target is not None and threat.target.country == "UKR"


def test_refusal_is_a_rejection_of_the_complement(code: Code) -> None:
    [event] = code("The Brazilian government refused to extradite the former banker to Italy.")
    assert event.type == "REJECT"
    assert event.target is not None and event.target.country == "ITA"
    assert "extradite" in event.explanation


def test_will_not_release_is_a_rejection(code: Code) -> None:
    [event] = code("Israel will not release the detained activists.")
    assert event.type == "REJECT" and not event.negated


def test_announced_intention_is_agree(code: Code) -> None:
    [event] = code("Norway will send humanitarian aid to Sudan.")
    assert (event.type, event.hypothetical) == ("AGREE", True)
    assert event.target is not None and event.target.country == "SDN"


def test_demand_is_request(code: Code) -> None:
    assert ("REQUEST", "PAK", "IND") in dyads(code("Pakistan urged India to return to talks."))


def test_complement_of_authorize_is_not_a_fact(code: Code) -> None:
    text = (
        "Envoy Kellogg announced that Trump had authorized Ukraine to carry out "
        "long-range strikes on Russia."
    )
    events = code(text, date="2025-09-23")
    support = [e for e in events if e.type in ("SUPPORT", "AID")]
    assert support and support[0].source is not None and support[0].target is not None
    assert support[0].source.country == "USA" and support[0].target.country == "UKR"
    assert support[0].speaker is not None and "Kellogg" in support[0].speaker.text
    assert support[0].date == "2025-09-23" and support[0].date_precision == "document"
    factual_assaults = [e for e in events if e.type == "ASSAULT" and not e.hypothetical]
    assert factual_assaults == []


def test_question_is_hypothetical(code: Code) -> None:
    [event] = code("Did Iran attack the tanker?")
    assert event.hypothetical


def test_dates_from_the_sentence_else_the_document(code: Code) -> None:
    [dated] = code("Chinese police detained a Canadian businessman on March 3.", date="2025-03-05")
    assert (dated.date, dated.date_precision) == ("2025-03-03", "day")
    [undated] = code("Chinese police detained a Canadian businessman.", date="2025-03-05")
    assert (undated.date, undated.date_precision) == ("2025-03-05", "document")
    [no_date] = code("Chinese police detained a Canadian businessman.", date=None)
    assert no_date.date is None


def test_sentence_without_trigger_gives_nothing(code: Code) -> None:
    assert code("The weather in Oslo was mild for the season.") == []


def test_within_document_coreference(code: Code) -> None:
    text = "Chancellor Olaf Scholz spoke to reporters. He praised Morocco for its reforms."
    events = code(text, date="2023-05-01")
    praise = next(e for e in events if e.type == "SUPPORT")
    assert praise.source is not None and praise.source.text == "He"
    assert praise.source.name == "Olaf Scholz" and praise.source.country == "DEU"


def test_lifting_a_blockade_undoes_it(code: Code) -> None:
    [event] = code("Saudi Arabia lifted its blockade of Qatar.")
    assert event.type in ("CONCEDE", "RETREAT") and event.cameo is not None
    assert event.cameo.startswith("08")
    assert event.target is not None and event.target.country == "QAT"


def test_suspending_aid_reduces_relations(code: Code) -> None:
    [event] = code("Denmark suspended aid to Egypt.")
    assert (event.type, event.cameo) == ("SANCTION", "162")
    assert event.target is not None and event.target.country == "EGY"


def test_labour_strike_and_military_strike(code: Code) -> None:
    [labour] = code("Dock workers in Rotterdam began a strike over pay.")
    assert labour.type == "PROTEST"
    [military] = code("Israeli jets carried out a strike on Syria.")
    assert military.type == "ASSAULT"


def test_what_another_actor_must_do_is_a_demand(code: Code) -> None:
    [event] = code("The Japanese foreign minister said China must release the detained sailors.")
    assert event.type == "REQUEST"
    assert event.source is not None and event.source.country == "JPN"
    assert event.target is not None and event.target.country == "CHN"


def test_demand_made_by_protesting_is_part_of_the_protest(code: Code) -> None:
    events = code("Thousands of farmers protested in Paris to demand lower fuel taxes.")
    assert [e.type for e in events] == ["PROTEST"]
    assert "demanding" in events[0].explanation


def test_place_stands_in_for_the_target_of_coercion(code: Code) -> None:
    [event] = code("The army imposed a curfew in Bangkok.")
    assert event.type == "COERCE"
    assert event.target is not None and event.target.text == "Bangkok"
