"""Builders for small data-set files in each format the importers read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from detente.ingest.datasets.scan import layouts

Row = dict[str, str]


def gdelt_row(event_id: int, **values: str) -> Row:
    row = {
        "GLOBALEVENTID": str(event_id),
        "SQLDATE": "20190105",
        "Actor1Code": "USAGOV",
        "Actor1Name": "UNITED STATES",
        "Actor1CountryCode": "USA",
        "Actor1Type1Code": "GOV",
        "Actor2Code": "ROMGOV",
        "Actor2Name": "ROMANIA",
        "Actor2CountryCode": "ROM",
        "Actor2Type1Code": "GOV",
        "EventCode": "043",
        "QuadClass": "1",
        "GoldsteinScale": "2.8",
        "SOURCEURL": f"https://example.org/{event_id}",
    }
    row.update(values)
    return row


def render(layout: str, rows: list[Row], delimiter: str = "\t", header: bool = False) -> str:
    columns = layouts()[layout].columns
    lines = [delimiter.join(columns)] if header else []
    lines += [delimiter.join(row.get(c, "") for c in columns) for row in rows]
    return "\n".join(lines) + "\n"


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, str], Path]:
    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(name="gdelt_row")
def gdelt_row_fixture() -> Callable[..., Row]:
    return gdelt_row


@pytest.fixture(name="render")
def render_fixture() -> Callable[..., str]:
    return render
