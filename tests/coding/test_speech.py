"""Statements: speakers of reported events, quotes across sentences, and stance."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detente.model import Event

pytestmark = pytest.mark.slow
Code = Callable[..., list[Event]]


def test_negative_quote_about_a_named_actor_is_an_accusation(code: Code) -> None:
    [event] = code("'The Russian economy is going to hell,' Trump said.", date="2025-07-01")
    assert (event.type, event.cameo, event.quad) == ("ACCUSE", "111", 3)
    assert event.source is not None and event.source.country == "USA"
    assert event.target is not None and event.target.country == "RUS"
    assert event.speaker is not None and event.speaker.text == "Trump"
    assert "hell" in event.explanation


def test_positive_statement_is_support(code: Code) -> None:
    events = code("The Kenyan president said Ethiopia had been a wonderful partner.")
    assert [(e.type, e.target.country if e.target else None) for e in events] == [
        ("SUPPORT", "ETH")
    ]


def test_negated_stance_word_flips_polarity(code: Code) -> None:
    events = code("The Kenyan president said Ethiopia had not been a good partner.")
    assert [e.type for e in events] == ["ACCUSE"]


def test_neutral_statement_is_not_an_event(code: Code) -> None:
    assert code("The Kenyan president said Ethiopia held elections in June.") == []


def test_reported_event_keeps_its_actor_and_gets_a_speaker(code: Code) -> None:
    [event] = code("A Ukrainian official said Russia shelled Kharkiv overnight.")
    assert event.type == "ASSAULT"
    assert event.source is not None and event.source.country == "RUS"
    assert event.speaker is not None and event.speaker.text == "Ukrainian official"


def test_first_person_in_a_quote_is_the_speaker(code: Code) -> None:
    [event] = code("'We condemn the attack on our embassy,' the Dutch foreign minister said.")
    assert event.type == "ACCUSE"
    assert event.source is not None and event.source.country == "NLD"


def test_pronoun_subject_of_what_was_said_is_the_speaker(code: Code) -> None:
    [event] = code("The Iraqi military said it had seized two oil fields near Kirkuk.")
    assert event.source is not None and event.source.text == "Iraqi military"


def test_quote_takes_the_speaker_of_the_previous_sentence(code: Code) -> None:
    text = (
        "Chancellor Olaf Scholz spoke in Berlin on Monday. "
        "On the same day, he also said: 'We will never abandon our Polish friends.' "
        "'Russia has become a danger to all of Europe.'"
    )
    events = code(text, date="2023-05-03")
    last = [e for e in events if e.sentence_index == 2]
    assert [e.type for e in last] == ["ACCUSE"]
    assert last[0].source is not None and last[0].source.name == "Olaf Scholz"
    assert last[0].target is not None and last[0].target.country == "RUS"
