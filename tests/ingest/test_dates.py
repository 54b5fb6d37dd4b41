"""Date normalisation: every spelling the issue lists, and the ones that must not guess."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from detente.ingest.dates import normalise_date


@pytest.mark.parametrize(
    "text",
    [
        "2019-01-04",
        "2019-01-04T10:00:00Z",
        "2019-01-04T23:30:00-05:00",
        "2019-01-04 10:00:00",
        "2019/1/4",
        "January 4, 2019",
        "Jan 4 2019",
        "Jan. 4th, 2019",
        "Friday, January 4, 2019",
        "04 Jan 2019",
        "4 January 2019 10:30",
        "20190104",
        "20190104T101500Z",
        "04.01.2019",
        "Fri, 04 Jan 2019 10:00:00 +0000",
        "  2019-01-04  ",
    ],
)
def test_common_spellings_normalise_to_iso(text: str) -> None:
    assert normalise_date(text) == "2019-01-04"


@pytest.mark.parametrize(
    "text",
    ["", "soon", "2019", "2019-01", "2019-02-30", "03/04/2019", "20191304", "0001-01-01", "Jan"],
)
def test_ambiguous_partial_or_impossible_dates_are_refused(text: str) -> None:
    assert normalise_date(text) is None


def test_date_objects_and_non_strings() -> None:
    assert normalise_date(date(2020, 2, 29)) == "2020-02-29"
    assert normalise_date(datetime(2020, 2, 29, 23, 59)) == "2020-02-29"
    assert normalise_date(20190104) is None
    assert normalise_date(None) is None
