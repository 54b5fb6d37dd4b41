"""Time expressions in news sentences, resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.coding.dates import DateMention, ResolvedDate, find_date_expressions, resolve_date

SATURDAY = "2025-03-01"  # a Saturday: weekday arithmetic is easy to check by hand


@pytest.mark.parametrize(
    ("expression", "value", "precision"),
    [
        ("On September 23", "2024-09-23", "day"),  # would be in the future in 2025
        ("on February 28, 2025", "2025-02-28", "day"),
        ("Feb. 28", "2025-02-28", "day"),
        ("28 February 2025", "2025-02-28", "day"),
        ("the 3rd of March", "2024-03-03", "day"),
        ("Sept. 3rd", "2024-09-03", "day"),
        ("2025-02-11", "2025-02-11", "day"),
        ("In 2022", "2022", "year"),
        ("in March", "2025-03", "month"),  # the publication month itself
        ("in May", "2024-05", "month"),
        ("last March", "2024-03", "month"),
        ("in mid-September", "2024-09", "month"),
        ("in early March 2024", "2024-03", "month"),
        ("September 2024", "2024-09", "month"),
        ("last month", "2025-02", "month"),
        ("earlier this month", "2025-03", "month"),
        ("last year", "2024", "year"),
        ("late last year", "2024", "year"),
        ("late 2024", "2024", "year"),
        ("early 2024", "2024", "year"),
        ("mid-2023", "2023", "year"),
        ("in the summer of 2023", "2023", "year"),
        ("yesterday", "2025-02-28", "day"),
        ("last night", "2025-02-28", "day"),
        ("the day before yesterday", "2025-02-27", "day"),
        ("today", "2025-03-01", "day"),
        ("on Monday", "2025-02-24", "day"),
        ("Saturday", "2025-03-01", "day"),  # the publication day itself
        ("last Saturday", "2025-02-22", "day"),
        ("last Tuesday", "2025-02-25", "day"),
        ("two days ago", "2025-02-27", "day"),
        ("5 months ago", "2024-10", "month"),
        ("a year ago", "2024", "year"),
    ],
)
def test_resolves_against_publication(expression: str, value: str, precision: str) -> None:
    resolved = resolve_date(expression, SATURDAY)
    assert resolved is not None
    assert (resolved.value, resolved.precision, resolved.approximate) == (value, precision, False)


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("last week", "2025-02-17"),  # Monday of the week before
        ("this week", "2025-02-24"),
        ("earlier this week", "2025-02-24"),
        ("three weeks ago", "2025-02-08"),
        ("over the weekend", "2025-02-22"),
    ],
)
def test_week_expressions_are_flagged_approximate(expression: str, value: str) -> None:
    assert resolve_date(expression, SATURDAY) == ResolvedDate(value, "day", approximate=True)


def test_last_week_never_passes_publication_on_a_monday() -> None:
    assert resolve_date("this week", "2025-03-03") == ResolvedDate("2025-03-03", "day", True)
    assert resolve_date("last week", "2025-03-03") == ResolvedDate("2025-02-24", "day", True)


@pytest.mark.parametrize(
    "expression",
    [
        "next week",
        "next Monday",
        "this coming Friday",
        "Monday next week",
        "later this month",
        "next year",
        "in 2030",
        "On September 23, 2030",
        "February 30, 2024",
        "On February 29, 2023",
    ],
)
def test_future_or_impossible_dates_do_not_resolve(expression: str) -> None:
    assert resolve_date(expression, SATURDAY) is None


def test_year_less_dates_pick_the_latest_valid_year() -> None:
    assert resolve_date("on February 29", SATURDAY) == ResolvedDate("2024-02-29", "day")
    assert resolve_date("on March 1", SATURDAY) == ResolvedDate("2025-03-01", "day")
    assert resolve_date("on March 2", SATURDAY) == ResolvedDate("2024-03-02", "day")


def test_without_publication_only_absolute_expressions_resolve() -> None:
    assert resolve_date("On September 23", None) is None
    assert resolve_date("yesterday", None) is None
    assert resolve_date("on Monday", None) is None
    assert resolve_date("28 February 2025", None) == ResolvedDate("2025-02-28", "day")
    assert resolve_date("in 2022", None) == ResolvedDate("2022", "year")
    assert resolve_date("yesterday", "not a date") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "The 2022 election was disputed by 1500 observers.",
        "Protesters may march 5 kilometres to the ministry.",
        "Officials said the talks were productive.",
        "The May Day rally drew crowds.",
        "Unrest in 1990s Yugoslavia was studied.",
    ],
)
def test_numbers_and_verbs_are_not_dates(sentence: str) -> None:
    assert find_date_expressions(sentence, SATURDAY) == []


def test_mentions_carry_spans_in_text_order() -> None:
    sentence = "Talks held on February 12, 2025 resumed yesterday after a pause in January."
    mentions = find_date_expressions(sentence, SATURDAY)
    assert [(m.text, m.value, m.precision) for m in mentions] == [
        ("February 12, 2025", "2025-02-12", "day"),
        ("yesterday", "2025-02-28", "day"),
        ("in January", "2025-01", "month"),
    ]
    for mention in mentions:
        assert sentence[mention.start : mention.end] == mention.text


def test_longest_expression_wins_and_failed_ones_are_not_split() -> None:
    mentions = find_date_expressions("It will vote on September 23, 2030.", SATURDAY)
    assert mentions == []  # not the year-less "September 23" of 2024
    [mention] = find_date_expressions("They met on 28 February 2025.", SATURDAY)
    assert mention == DateMention("28 February 2025", 12, 28, "2025-02-28", "day")


def test_publication_timestamps_are_accepted() -> None:
    assert resolve_date("yesterday", "2025-03-01T08:30:00Z") == ResolvedDate("2025-02-28", "day")


def _published_prefix(value: str, published: date) -> str:
    return published.isoformat()[: len(value)]


_WORDS = st.sampled_from(
    [
        "on",
        "in",
        "last",
        "this",
        "next",
        "yesterday",
        "today",
        "ago",
        "week",
        "weekend",
        "month",
        "year",
        "Monday",
        "Sunday",
        "March",
        "May",
        "Sept.",
        "early",
        "late",
        "mid-",
        "of",
        "the",
        "1",
        "23",
        "29",
        "31",
        "2022",
        "2025",
        "2031",
        "two",
        "a",
        ",",
        ".",
        "-",
        "1999-12-31",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(_WORDS, max_size=8),
    published=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
)
def test_no_resolution_is_after_publication(words: list[str], published: date) -> None:
    for mention in find_date_expressions(" ".join(words), published.isoformat()):
        assert mention.value <= _published_prefix(mention.value, published)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200), published=st.one_of(st.none(), st.text(max_size=25)))
def test_never_raises_on_arbitrary_text(text: str, published: str | None) -> None:
    for mention in find_date_expressions(text, published):
        assert text[mention.start : mention.end] == mention.text
    resolve_date(text, published)
