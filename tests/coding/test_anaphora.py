"""Event anaphora: "the summit", "the sanctions" coded with the participants named earlier."""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from typing import Any

import pytest

from detente.coding.anaphora import load_table, parse_table
from detente.coding.lexicon import LexiconError
from detente.model import Event

Code = Callable[..., list[Event]]


def anaphoric(events: list[Event]) -> list[Event]:
    return [e for e in events if "anaphora" in e.extra]


def dyads(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {
        (e.type, e.source.country if e.source else None, e.target.country if e.target else None)
        for e in events
    }


# -- the data table (no spaCy) ---------------------------------------------------------------


def _table() -> dict[str, Any]:
    return {
        "look_back_sentences": 5,
        "confidence_factor": 0.7,
        "min_antecedent_confidence": 0.5,
        "other_occurrence_modifiers": ["next"],
        "place_prepositions": ["in"],
        "occurrence_verbs": ["happen"],
        "groups": {
            "meeting": {"nouns": ["meeting"], "acts": ["04"], "announced": [], "code": "040"}
        },
    }


def test_the_packaged_table_links_meetings_to_consultations() -> None:
    table = load_table()
    assert table.groups["summit"].fits("044") and table.groups["summit"].fits("036")
    assert not table.groups["summit"].fits("190")
    assert table.groups["sanction"].code == "163"


def test_an_unknown_code_in_the_table_fails_loudly() -> None:
    data = _table()
    data["groups"]["meeting"]["acts"] = ["99"]
    with pytest.raises(LexiconError, match="unknown CAMEO"):
        parse_table(data)


def test_a_noun_in_two_groups_fails_loudly() -> None:
    data = _table()
    data["groups"]["talks"] = deepcopy(data["groups"]["meeting"])
    with pytest.raises(LexiconError, match="'meeting' in meeting and talks"):
        parse_table(data)


# -- coded text (spaCy) ----------------------------------------------------------------------


@pytest.mark.slow
def test_an_announced_meeting_that_took_place_is_coded_with_its_participants(code: Code) -> None:
    first = "Trump and Putin will meet in Anchorage on Friday."
    events = code(f"{first} The summit ended without a deal.", date="2025-08-20")
    found = anaphoric(events)
    assert dyads(found) == {("CONSULT", "USA", "RUS"), ("CONSULT", "RUS", "USA")}
    for event in found:
        assert event.sentence_index == 1 and event.cameo == "040"
        assert event.trigger is not None and event.trigger.text == "summit"
        assert event.source is not None and event.source.end is not None
        assert event.source.end <= len(first)  # the actor span is the earlier mention
        assert "participants from sentence 0" in event.explanation
        assert "took place" in event.explanation
        assert not event.hypothetical
    [announced, _] = [e for e in events if e.trigger and e.trigger.text == "meet"]
    assert announced.hypothetical
    assert all(e.confidence < announced.confidence for e in found)


@pytest.mark.slow
def test_a_new_date_of_the_same_act_keeps_its_code_and_takes_its_own_date(code: Code) -> None:
    text = "The EU imposed sanctions on Iran on Tuesday. The sanctions took effect on Wednesday."
    [event] = anaphoric(code(text, date="2025-03-05"))
    assert dyads([event]) == {("SANCTION", "EUR", "IRN")}
    assert event.cameo == "163" and (event.date, event.date_precision) == ("2025-03-05", "day")


@pytest.mark.slow
def test_without_its_own_date_the_mention_takes_the_antecedents(code: Code) -> None:
    text = "Trump and Putin met in Anchorage on Friday. The meeting did not produce an agreement."
    found = anaphoric(code(text, date="2025-08-20"))
    assert dyads(found) == {("CONSULT", "USA", "RUS"), ("CONSULT", "RUS", "USA")}
    assert {(e.date, e.date_precision) for e in found} == {("2025-08-15", "day")}
    assert not any(e.negated for e in found)  # the deal did not happen; the meeting did


@pytest.mark.slow
def test_a_meeting_that_did_not_take_place_is_negated(code: Code) -> None:
    text = "Trump and Putin will meet in Anchorage on Friday. The meeting did not take place."
    found = anaphoric(code(text, date="2025-08-20"))
    assert found and all(e.negated for e in found)


@pytest.mark.slow
@pytest.mark.parametrize(
    "later",
    [
        "Meetings are useful.",  # generic
        "A summit would help.",  # indefinite
        "The next meeting will be held in Moscow.",  # another occurrence
        "Reporters waited for hours outside the summit.",  # names it again, adds nothing
        "Zelensky criticized the summit.",  # the object of an event of its own
    ],
)
def test_no_event_for_nouns_that_do_not_report_the_earlier_act(code: Code, later: str) -> None:
    events = code(f"Trump and Putin met in Anchorage on Friday. {later}", date="2025-08-20")
    assert anaphoric(events) == []


@pytest.mark.slow
def test_no_event_without_a_compatible_antecedent(code: Code) -> None:
    text = "The EU imposed sanctions on Iran on Tuesday. The summit ended without a deal."
    assert anaphoric(code(text, date="2025-03-05")) == []


@pytest.mark.slow
def test_an_antecedent_beyond_the_look_back_is_not_used(code: Code) -> None:
    filler = " ".join(["It rained in the city."] * load_table().look_back)
    text = f"Trump and Putin met in Anchorage on Friday. {filler} The summit ended without a deal."
    assert anaphoric(code(text, date="2025-08-20")) == []


@pytest.mark.slow
def test_a_place_the_antecedent_did_not_name_is_news(code: Code) -> None:
    later = "Photographs of the meeting in Alaska were published."
    found = anaphoric(code(f"Trump and Putin met on Friday. {later}", date="2025-08-20"))
    assert dyads(found) == {("CONSULT", "USA", "RUS"), ("CONSULT", "RUS", "USA")}
    assert all("place 'Alaska'" in e.explanation for e in found)
    same = code(f"Trump and Putin met in Alaska on Friday. {later}", date="2025-08-20")
    assert anaphoric(same) == []


@pytest.mark.slow
def test_a_noun_whose_own_clause_names_participants_borrows_none(code: Code) -> None:
    text = (
        "Turkey and Libya signed a maritime deal on Monday. "
        "The agreement signed by Greece and Egypt ended without results."
    )
    assert anaphoric(code(text, date="2025-08-20")) == []
