"""Who a sentence's actors are when the words alone do not say: a subject pronoun continuing
the previous subject, captors named in the captives' own phrase, a warning about one's own
side, the doer of a charged act, and acts that were stopped."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detente.model import Event

pytestmark = pytest.mark.slow
Code = Callable[..., list[Event]]


def by_trigger(events: list[Event], word: str) -> Event:
    [event] = [e for e in events if e.trigger is not None and e.trigger.text == word]
    return event


def test_a_quoted_he_continues_the_previous_subject_among_two_people(code: Code) -> None:
    text = (
        "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Marco Rubio in "
        'Riyadh on Tuesday. On the same day, he also said: "Washington must stop arming Kyiv."'
    )
    [event] = [e for e in code(text) if e.sentence_index == 1]
    assert event.source is not None and event.source.code == "RUSGOV"
    assert event.source.text == "he" and text[event.source.start : event.source.end] == "he"
    assert event.speaker is not None and event.speaker.country == "RUS"
    assert "'he' continues the subject" in event.explanation
    assert event.target is not None and event.target.country == "USA"


def test_a_chain_of_he_follows_the_first_one(code: Code) -> None:
    text = (
        "Lavrov met Rubio in Riyadh on Tuesday. He criticized NATO. "
        "He also accused Britain of sabotage."
    )
    accuse = by_trigger(code(text), "accused")
    assert accuse.source is not None and accuse.source.country == "RUS"


def test_she_does_not_continue_a_he(code: Code) -> None:
    text = "Lavrov met Rubio in Riyadh on Tuesday. He criticized NATO. She also accused Britain."
    accuse = by_trigger(code(text), "accused")
    assert accuse.source is not None and accuse.source.country is None


def test_a_person_named_earlier_in_the_sentence_blocks_the_guess(code: Code) -> None:
    text = (
        "Lavrov met Rubio in Riyadh on Tuesday. "
        "Officials said Kallas Virtanen was absent because he criticized Iran."
    )
    criticize = by_trigger(code(text), "criticized")
    assert "continues the subject" not in criticize.explanation
    assert criticize.source is None or criticize.source.country != "RUS"


def test_a_person_object_in_the_previous_sentence_makes_it_unclear(code: Code) -> None:
    text = (
        "Lavrov met Rubio in Riyadh on Tuesday. "
        "The summit in Riyadh hosted Wang and Kallas on Tuesday. He criticized NATO."
    )
    criticize = by_trigger(code(text), "criticized")
    assert criticize.source is not None and criticize.source.country is None
    assert "continues the subject" not in criticize.explanation


def test_a_he_chain_runs_through_sentences_without_events(code: Code) -> None:
    text = "Lavrov met Rubio in Riyadh on Tuesday. He flew home on Wednesday. He accused Britain."
    accuse = by_trigger(code(text), "accused")
    assert accuse.source is not None and accuse.source.country == "RUS"


def test_it_in_a_warning_is_the_warners_own_side(code: Code) -> None:
    text = "The United States sanctioned Chinese firms. China warned it would retaliate."
    warn = by_trigger(code(text), "warned")
    assert warn.source is not None and warn.source.country == "CHN"
    assert warn.target is None and "own side" in warn.explanation


def test_the_captor_in_the_captives_phrase_is_the_target_of_a_release_demand(
    code: Code,
) -> None:
    events = code("Hamas demanded the release of Palestinian prisoners held by Israel.")
    demand = by_trigger(events, "demanded")
    assert (demand.type, demand.cameo) == ("REQUEST", "1053")
    assert demand.target is not None and demand.target.country == "ISR"
    assert "held by 'Israel'" in demand.explanation


def test_the_releasing_captor_does_not_become_its_own_target(code: Code) -> None:
    events = code("Iran freed two French citizens detained by Iranian security forces.")
    freed = by_trigger(events, "freed")
    assert freed.source is not None and freed.source.country == "IRN"
    assert freed.target is not None and freed.target.country == "FRA"


def test_a_warning_about_ones_own_state_has_no_target_in_it(code: Code) -> None:
    events = code(
        "Norwegian Defence Minister Anders Vik warned that Norway would defend its fishing zone."
    )
    warn = by_trigger(events, "warned")
    assert warn.type == "THREATEN"
    assert warn.target is None
    assert "own side" in warn.explanation


def test_a_demand_on_another_body_of_the_same_country_keeps_its_target(code: Code) -> None:
    events = code(
        "Libyan Parliament Speaker Aguila Saleh demanded that Prime Minister Abdul Hamid "
        "Dbeibah appear before the chamber."
    )
    demand = by_trigger(events, "demanded")
    assert demand.target is not None and "Dbeibah" in demand.target.text


def test_a_warning_about_another_state_keeps_it_as_the_target(code: Code) -> None:
    events = code("China warned that Japan would pay a heavy price.")
    warn = by_trigger(events, "warned")
    assert warn.target is not None and warn.target.country == "JPN"


def test_the_doer_of_a_criticized_act_is_the_object_of_the_criticism(code: Code) -> None:
    events = code("Iceland criticized the Norwegian government for rejecting dialogue.")
    rejecting = by_trigger(events, "rejecting")
    assert rejecting.source is not None and rejecting.source.code == "NORGOV"
    assert not rejecting.hypothetical


def test_a_passive_charge_names_its_subject_as_the_doer(code: Code) -> None:
    events = code("Iran was accused by the United States of violating the nuclear deal.")
    violating = by_trigger(events, "violating")
    assert violating.source is not None and violating.source.country == "IRN"
    assert violating.hypothetical


def test_an_act_after_a_time_preposition_is_not_alleged(code: Code) -> None:
    events = code("Police charged the men after arresting them in Kabul.")
    arresting = by_trigger(events, "arresting")
    assert not arresting.hypothetical


def test_an_alleged_act_is_coded_with_its_doer_but_not_asserted(code: Code) -> None:
    events = code("The United States accused Iran of violating the nuclear deal.")
    violating = by_trigger(events, "violating")
    assert violating.source is not None and violating.source.country == "IRN"
    assert violating.hypothetical and "alleged" in violating.explanation
    accuse = by_trigger(events, "accused")
    assert (accuse.type, accuse.target.country if accuse.target else None) == ("ACCUSE", "IRN")


@pytest.mark.parametrize(
    ("text", "cameo", "plover"),
    [
        ("Germany stopped arming Ukraine.", "1622", "SANCTION"),
        ("Iran halted negotiating with the European Union.", "164", "SANCTION"),
        ("Hamas stopped firing rockets at Israel.", "087", "RETREAT"),
    ],
)
def test_a_stopped_action_is_coded_undone(code: Code, text: str, cameo: str, plover: str) -> None:
    [event] = code(text)
    assert (event.cameo, event.type) == (cameo, plover)
    assert "stopped" in event.explanation and not event.negated


def test_stopping_to_do_something_is_a_purpose_not_a_cessation(code: Code) -> None:
    events = code("The Norwegian minister stopped in Oslo to meet Icelandic officials.")
    meet = by_trigger(events, "meet")
    assert meet.type == "CONSULT" and "stopped" not in meet.explanation


def test_not_stopping_an_action_keeps_it(code: Code) -> None:
    [event] = code("Germany did not stop arming Ukraine.")
    assert event.type == "AID" and "stopped" not in event.explanation


def test_a_stopped_action_without_an_undoing_code_is_negated(code: Code) -> None:
    [event] = code("North Korea stopped threatening Japan.")
    assert event.type == "THREATEN" and event.negated


def test_countermeasures_are_a_threat_when_announced(code: Code) -> None:
    events = code("China said it would take countermeasures against Lithuania.")
    take = by_trigger(events, "take")
    assert take.type == "THREATEN" and take.hypothetical
    assert take.target is not None and take.target.country == "LTU"


def test_an_object_pronoun_takes_up_the_person_named_before_it(code: Code) -> None:
    events = code("Police opened a criminal case against the driver and detained him.")
    detain = by_trigger(events, "detained")
    assert detain.target is not None and detain.target.text == "driver"
    assert "'him' takes up 'driver'" in detain.explanation


def test_an_object_pronoun_does_not_take_up_the_source(code: Code) -> None:
    events = code("The minister said the police had detained him.")
    detain = by_trigger(events, "detained")
    assert detain.target is not None and detain.target.text == "minister"


def test_him_does_not_take_up_an_organisation(code: Code) -> None:
    events = code("Reuters interviewed the suspect and Amnesty International and detained him.")
    detain = by_trigger(events, "detained")
    assert detain.target is not None and detain.target.text == "suspect"


def test_an_absolute_with_clause_is_no_target(code: Code) -> None:
    events = code(
        "Germany banned Iranian airline Mahan Air from flying in the country, "
        "with officials saying this is for security reasons."
    )
    ban = by_trigger(events, "banned")
    assert ban.target is not None and ban.target.text == "Iranian airline Mahan Air"


def test_a_partner_after_with_stays_a_target(code: Code) -> None:
    meet = by_trigger(code("Iran met with officials discussing the deal."), "met")
    assert meet.target is not None and meet.target.text == "officials"


@pytest.mark.parametrize(
    ("text", "trigger", "plover", "target"),
    [
        ("Russia withdrew from the INF treaty.", "withdrew", "REJECT", "INF treaty"),
        ("Qatar brokered a ceasefire between Israel and Hamas.", "brokered", "CONSULT", "Israel"),
        ("Trump railed against the rioters.", "railed", "ACCUSE", "rioters"),
    ],
)
def test_lexicon_phrases(code: Code, text: str, trigger: str, plover: str, target: str) -> None:
    events = [e for e in code(text) if e.trigger is not None and e.trigger.text == trigger]
    assert {(e.type, e.target.text if e.target else None) for e in events} >= {(plover, target)}


def test_a_passive_act_in_a_statement_is_its_authors(code: Code) -> None:
    events = code(
        "Turkey is already under EU sanctions, and was condemned in a joint statement by "
        "Egypt, Greece and Cyprus on October 8."
    )
    condemn = [e for e in events if e.trigger is not None and e.trigger.text == "condemned"]
    assert {(e.source.country if e.source else None) for e in condemn} == {"EGY", "GRC", "CYP"}
    assert all(e.target is not None and e.target.country == "TUR" for e in condemn)


def test_a_quote_after_spoke_is_the_speakers(code: Code) -> None:
    events = code(
        'Legislator Tanya Chan spoke to the press after the speech: "I really urge Lam to resign."'
    )
    urge = by_trigger(events, "urge")
    assert urge.source is not None and urge.source.text == "Legislator Tanya Chan"
    assert urge.type == "REQUEST" and urge.target is not None and urge.target.text == "Lam"
