"""Targets that are no actor acted on: places an event happened in, and the agents of
permission and transfer complements."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detente.model import Event

pytestmark = pytest.mark.slow
Code = Callable[..., list[Event]]


def targets(events: list[Event]) -> set[tuple[str, str | None]]:
    return {(e.type, e.target.text if e.target else None) for e in events}


def test_the_place_stands_for_a_missing_target(code: Code) -> None:
    text = "The ELN declared a monthlong ceasefire in Colombia on Monday."
    events = code(text)
    assert ("RETREAT", "Colombia") in targets(events)
    [event] = [e for e in events if e.target is not None]
    assert event.target is not None and "place" in event.explanation


def test_the_place_outranks_an_object_naming_no_actor(code: Code) -> None:
    events = code("Over 700,000 refugees have sought refuge in Bangladesh.")
    assert {t for _, t in targets(events)} == {"Bangladesh"}


def test_an_actor_object_keeps_its_place(code: Code) -> None:
    events = code("Police in Tehran arrested three journalists in Iran on Monday.")
    assert {t for _, t in targets(events)} == {"three journalists"}


def test_mutual_events_of_coordinated_actors_ignore_the_place(code: Code) -> None:
    events = code("Chilean and Peruvian officials held talks in Lima.")
    assert all(e.target is None or e.target.text != "Lima" for e in events)


def test_who_is_allowed_to_act_is_the_target(code: Code) -> None:
    events = code("Russia refused to allow two EU-based airlines to land flights in the country.")
    assert ("REJECT", "two EU-based airlines") in targets(events)


def test_the_destination_of_a_transfer_complement_is_the_target(code: Code) -> None:
    events = code("President Obama has offered to send troops to Uganda.")
    assert {t for _, t in targets(events)} == {"Uganda"}


def test_who_must_act_first_is_the_target(code: Code) -> None:
    events = code("The union said it will not end the strike until the government raises pay.")
    assert {t for _, t in targets(events)} == {"government"}


def test_a_dateline_is_not_the_subject(code: Code) -> None:
    events = code("BERLIN -- A court in Bavaria has convicted an Iranian man over an assault.")
    assert {e.source.text for e in events if e.source} == {"court in Bavaria"}


def test_a_possessive_pronoun_gives_way_to_the_subject(code: Code) -> None:
    events = code("Syrian government forces continued their attacks on the enclave.")
    assert {e.source.text for e in events if e.source} == {"Syrian government forces"}


def test_a_naming_apposition_stays_in_the_span(code: Code) -> None:
    events = code("Iraq's prime minister met his Jordanian counterpart, Ayman Safadi, in Amman.")
    assert "his Jordanian counterpart, Ayman Safadi" in {t for _, t in targets(events)}


def test_the_partner_of_a_mutual_event_outranks_its_topic(code: Code) -> None:
    events = code("Erdogan discussed Libya with Donald Trump in a phone call.")
    assert ("CONSULT", "Donald Trump") in targets(events)
