"""Context beyond one mention: people across documents, anaphoric targets, future dates,
collective actors, and streaming in memory zones and pieces."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from detente.coding.coder import Coder
from detente.coding.components import CoderConfig
from detente.model import Actor, Document, Event

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def coder() -> Iterator[Coder]:
    yield Coder(config=CoderConfig(components=("rules", "statements")))


def fresh() -> Coder:
    return Coder(config=CoderConfig(components=("rules", "statements")))


def countries(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {
        (e.type, e.source.country if e.source else None, e.target.country if e.target else None)
        for e in events
    }


def test_a_surname_is_known_from_an_earlier_document() -> None:
    coder = fresh()
    first = Document(
        "Finnish Trade Minister Ville Rantanen met Estonian officials.", "a", date="2025-01-02"
    )
    later = Document("Rantanen criticized Russia on Monday.", "b", date="2025-02-03")
    results = {d.id: events for d, events in coder.extract_documents([first, later])}
    [event] = results["b"]
    assert event.source is not None and event.source.country == "FIN"
    assert event.source.text == "Rantanen" and (event.source.start, event.source.end) == (0, 8)


def test_a_surname_seen_with_two_countries_is_not_guessed() -> None:
    coder = fresh()
    docs = [
        Document("Finnish Trade Minister Ville Rantanen met Estonian officials.", "a"),
        Document("Swedish Trade Minister Anna Rantanen met Danish officials.", "b"),
        Document("Rantanen criticized Russia on Monday.", "c"),
    ]
    results = {d.id: events for d, events in coder.extract_documents(docs)}
    [event] = results["c"]
    assert event.source is not None and event.source.country is None


def test_a_definite_event_noun_targets_the_author_of_the_act(coder: Coder) -> None:
    text = "Chile seized a Peruvian fishing boat on Monday. Peru condemned the seizure."
    events = coder.extract(text, date="2025-03-05")
    condemn = [e for e in events if e.trigger and e.trigger.text == "condemned"]
    assert countries(condemn) == {("ACCUSE", "PER", "CHL")}
    [event] = condemn
    assert event.target is not None and event.target.text == "seizure"
    assert "is the act of" in event.explanation


def test_an_indefinite_noun_is_not_an_anaphor(coder: Coder) -> None:
    text = "Chile seized a Peruvian fishing boat on Monday. Peru condemned a seizure in Bolivia."
    events = coder.extract(text, date="2025-03-05")
    condemn = [e for e in events if e.trigger and e.trigger.text == "condemned"]
    assert all(e.target is None or e.target.country != "CHL" for e in condemn)


def test_a_pronoun_object_refers_to_the_earlier_group(coder: Coder) -> None:
    text = "Chile expelled three Peruvian diplomats, accusing them of spying."
    events = coder.extract(text, date="2025-03-05")
    assert ("ACCUSE", "CHL", "PER") in countries(events)


def test_coordinated_nationalities_act_toward_each_other(coder: Coder) -> None:
    events = coder.extract("Chilean and Peruvian officials held talks in Lima.", date="2025-03-05")
    assert {("CONSULT", "CHL", "PER"), ("CONSULT", "PER", "CHL")} <= countries(events)


def test_a_domestic_ban_aimed_at_another_country_is_a_sanction(coder: Coder) -> None:
    events = coder.extract("Chile banned Peruvian trucks from its roads.", date="2025-03-05")
    assert ("SANCTION", "CHL", "PER") in countries(events)
    domestic = coder.extract("Chile banned the opposition party.", date="2025-03-05")
    assert {e.type for e in domestic} == {"COERCE"}


def test_a_future_date_does_not_date_the_event_into_the_past(coder: Coder) -> None:
    text = "Officials said the agreement would be signed in January."
    [event] = coder.extract(text, date="2025-12-18")
    assert (event.date, event.date_precision) == ("2025-12-18", "document")
    assert "'in January'" in event.explanation
    talks = "Peru said both governments would hold further talks in December."
    for event in coder.extract(talks, date="2025-11-04"):
        assert event.date == "2025-11-04"


def test_a_past_date_outside_the_future_clause_still_dates_the_event(coder: Coder) -> None:
    text = "Chile said on Monday that it would impose sanctions on Peru."
    events = coder.extract(text, date="2025-03-05")
    assert events and all(e.date == "2025-03-03" for e in events)
    past = coder.extract("Chile imposed sanctions on Peru in January.", date="2025-03-05")
    assert [e.date for e in past] == ["2025-01"]


def test_a_long_document_is_coded_in_pieces_with_document_offsets() -> None:
    from detente.nlp import MAX_CHUNK_CHARS

    filler = ("The weather was mild and the markets were calm. " * 40 + "\n\n") * (
        MAX_CHUNK_CHARS // 2000 + 1
    )
    text = filler + "Chile condemned Peru on Friday.\n\n" + filler + "Peru condemned Chile."
    assert len(text) > MAX_CHUNK_CHARS
    [(_, events)] = list(fresh().extract_documents([Document(text, "long", date="2025-03-05")]))
    assert countries(events) == {("ACCUSE", "CHL", "PER"), ("ACCUSE", "PER", "CHL")}
    for event in events:
        for actor in (event.source, event.target):
            assert isinstance(actor, Actor) and actor.start is not None and actor.end is not None
            assert text[actor.start : actor.end] == actor.text
        assert event.trigger is not None
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
    first, second = sorted(events, key=lambda e: e.sentence_index)
    assert second.sentence_index > first.sentence_index > 0


def test_streaming_keeps_the_string_store_flat() -> None:
    coder = fresh()
    vocab = coder.nlp.vocab
    docs = [Document(f"Chile condemned Zorbanian{n} Qelvax{n}.", str(n)) for n in range(40)]
    before = len(vocab.strings)
    for _, events in coder.extract_documents(docs, batch_size=8):
        assert all(isinstance(e.sentence, str) for e in events)
    assert len(vocab.strings) - before < 40


def test_a_possessor_target_keeps_its_whole_phrase(coder: Coder) -> None:
    text = "Peru blamed Chile's new fishing rules for the crisis."
    [event] = [e for e in coder.extract(text, date="2025-03-05") if e.type == "ACCUSE"]
    assert event.target is not None and event.target.country == "CHL"
    assert event.target.text == "Chile's new fishing rules"
    assert text[event.target.start : event.target.end] == event.target.text


def test_a_summoned_foreign_envoy_is_the_target_not_the_place(coder: Coder) -> None:
    text = "Pakistan summoned a senior Indian diplomat to its Foreign Ministry on Thursday."
    [event] = coder.extract(text, date="2025-03-05")
    assert event.target is not None and event.target.country == "IND"
    assert "Indian diplomat" in event.target.text


def test_calling_an_act_a_mistake_accuses_its_author(coder: Coder) -> None:
    text = "Chile suspended the trade agreement with Peru. Peru called the suspension a mistake."
    events = coder.extract(text, date="2025-03-05")
    assert ("ACCUSE", "PER", "CHL") in countries(events)


def test_a_threatened_measure_is_not_coded_as_done(coder: Coder) -> None:
    text = "Peru threatened on Tuesday to impose tariffs on Chilean wine if talks fail."
    events = coder.extract(text, date="2025-03-05")
    assert ("THREATEN", "PER", "CHL") in countries(events)
    assert "SANCTION" not in {e.type for e in events}


def test_a_release_demand_is_aimed_at_the_captor(coder: Coder) -> None:
    text = (
        "Norwegian police detained the crew of an Icelandic trawler on Monday. "
        "Iceland demanded the release of the crew."
    )
    events = coder.extract(text, date="2026-05-06")
    [demand] = [e for e in events if e.cameo == "1053"]
    assert demand.source is not None and demand.source.country == "ISL"
    assert demand.target is not None and demand.target.country == "NOR"
    assert "held by" in demand.explanation
