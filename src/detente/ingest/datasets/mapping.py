"""How each data set's columns become `events` columns, as SQL over the staged VARCHAR rows.

Every mapping yields the EVENT_COLUMNS plus `_reason`, a one-line description of why a row
cannot be imported (NULL when it can). Goldstein and QuadClass are taken as the file states
them; only what a file lacks is derived (PLOVER type from CAMEO; QuadClass for ICEWS from its
CAMEO code). Country fields pass through `country_map` (CAMEO codes and names -> ISO-3).
"""

from __future__ import annotations

from collections.abc import Iterable

from detente.store.database import EVENT_COLUMNS


def q(name: str) -> str:
    """A staged column, quoted (ICEWS and POLECAT names have spaces)."""
    return '"' + name.replace('"', '""') + '"'


def _num_problem(column: str, cast: str = "DOUBLE") -> str:
    return (
        f"WHEN {q(column)} IS NOT NULL AND TRY_CAST({q(column)} AS {cast}) IS NULL "
        f"THEN 'bad {column} ' || {q(column)}"
    )


def _extra(names: Iterable[str], snake_case: bool = False) -> str:
    """The columns kept as they are, in `extra` (keys "Event Text" -> "event_text" if asked)."""
    keys = {(name.lower().replace(" ", "_") if snake_case else name): name for name in names}
    args = ", ".join(f"'{key}', {q(name)}" for key, name in keys.items())
    return f"json_object({args})"


def _country(column: str) -> str:
    """The ISO-3 country of a file's country column (CAMEO code or name)."""
    return f"(SELECT value FROM country_map WHERE raw = {q(column)})"


def _reason_start(id_column: str, date_column: str, date: str) -> str:
    """The opening of every `_reason` CASE: the row needs its id and a readable date."""
    return (
        f"CASE WHEN {q(id_column)} IS NULL THEN 'no {id_column}' "
        f"WHEN {date} IS NULL THEN 'bad {date_column} ' || coalesce({q(date_column)}, '(empty)') "
    )


def _actor(prefix: str, name: str, country: str, sector: str, code: str) -> dict[str, str]:
    return {
        f"{prefix}_text": name,
        f"{prefix}_name": name,
        f"{prefix}_country": country,
        f"{prefix}_sector": sector,
        f"{prefix}_code": code,
    }


def _gdelt_actor(prefix: str, n: int) -> dict[str, str]:
    return _actor(
        prefix,
        q(f"Actor{n}Name"),
        _country(f"Actor{n}CountryCode"),
        q(f"Actor{n}Type1Code"),
        q(f"Actor{n}Code"),
    )


# Data sets that name actors in words: their name columns are resolved to a sector and code.
NAME_COLUMNS = {
    "icews": ("Source Name", "Target Name"),
    "polecat": ("Actor Name", "Recipient Name"),
}


def _named_actor(prefix: str, name: str, country: str) -> dict[str, str]:
    """Country as the file states it; sector (and code) from the actor KB's reading of the name.

    The KB's code is used only when its country agrees with the file's; otherwise the code is
    the file's country plus the KB's sector.
    """
    known = f"(SELECT {{}} FROM actor_map WHERE raw = {q(name)})"
    code = (
        f"CASE WHEN {known.format('country')} = {country} THEN {known.format('code')} "
        f"ELSE {country} || coalesce({known.format('sector')}, '') END"
    )
    return _actor(prefix, q(name), country, known.format("sector"), code)


def gdelt(columns: tuple[str, ...]) -> tuple[dict[str, str], str, list[str]]:
    """(column expressions, reason expression, country columns) for GDELT 1.0/2.0 rows."""
    date = "TRY_STRPTIME(\"SQLDATE\", '%Y%m%d')::DATE"
    url = q("SOURCEURL") if "SOURCEURL" in columns else "NULL"
    exprs = {
        "event_id": "'gdelt:' || trim(\"GLOBALEVENTID\")",
        "type": '(SELECT type FROM cameo_map WHERE code = "EventCode")',
        "mode": '(SELECT mode FROM cameo_map WHERE code = "EventCode")',
        "cameo": q("EventCode"),
        "goldstein": 'TRY_CAST("GoldsteinScale" AS DOUBLE)',
        "quad": 'TRY_CAST("QuadClass" AS TINYINT)',
        "date": date,
        "url": url,
        "extra": _extra(
            key
            for key in (
                "IsRootEvent",
                "NumMentions",
                "NumSources",
                "NumArticles",
                "AvgTone",
                "ActionGeo_FullName",
                "ActionGeo_CountryCode",
                "DATEADDED",
            )
            if key in columns
        ),
        **_gdelt_actor("source", 1),
        **_gdelt_actor("target", 2),
    }
    reason = (
        _reason_start("GLOBALEVENTID", "SQLDATE", date) + f"{_num_problem('GoldsteinScale')} "
        'WHEN "QuadClass" IS NOT NULL AND coalesce(TRY_CAST("QuadClass" AS INTEGER), 0) '
        "NOT BETWEEN 1 AND 4 THEN 'bad QuadClass ' || \"QuadClass\" END"
    )
    return exprs, reason, ["Actor1CountryCode", "Actor2CountryCode"]


def icews(columns: tuple[str, ...]) -> tuple[dict[str, str], str, list[str]]:
    """ICEWS Dataverse rows: Intensity is its Goldstein value; QuadClass from the CAMEO code."""
    cameo = '(SELECT value FROM cameo_norm WHERE raw = "CAMEO Code")'
    date = 'TRY_CAST("Event Date" AS DATE)'
    exprs = {
        "event_id": "'icews:' || trim(\"Event ID\")",
        "doc_id": q("Story ID"),
        "sentence_index": 'TRY_CAST("Sentence Number" AS INTEGER)',
        "type": f"(SELECT type FROM cameo_map WHERE code = {cameo})",
        "mode": f"(SELECT mode FROM cameo_map WHERE code = {cameo})",
        "cameo": cameo,
        "goldstein": 'TRY_CAST("Intensity" AS DOUBLE)',
        "quad": f"(SELECT quad FROM cameo_map WHERE code = {cameo})",
        "date": date,
        "extra": _extra(
            (
                "Event Text",
                "Source Sectors",
                "Target Sectors",
                "Publisher",
                "City",
                "Province",
                "Country",
                "Latitude",
                "Longitude",
            ),
            snake_case=True,
        ),
        **_named_actor("source", "Source Name", _country("Source Country")),
        **_named_actor("target", "Target Name", _country("Target Country")),
    }
    reason = (
        _reason_start("Event ID", "Event Date", date) + f"{_num_problem('Intensity')} "
        f'WHEN "CAMEO Code" IS NOT NULL AND {cameo} IS NULL '
        "THEN 'bad CAMEO Code ' || \"CAMEO Code\" END"
    )
    return exprs, reason, ["Source Country", "Target Country"]


def polecat(columns: tuple[str, ...]) -> tuple[dict[str, str], str, list[str]]:
    """POLECAT rows: PLOVER type and mode are native; no CAMEO code."""
    date = 'TRY_CAST("Event Date" AS DATE)'
    quad = (
        'coalesce(TRY_CAST("Quad Code" AS TINYINT), '
        '(SELECT quad FROM quad_names WHERE name = lower(trim("Quad Code"))))'
    )
    exprs = {
        "event_id": "'polecat:' || trim(\"Event ID\")",
        "type": 'upper(trim("Event Type"))',
        "mode": "nullif(lower(trim(\"Event Mode\")), '')",
        "goldstein": 'TRY_CAST("Event Intensity" AS DOUBLE)',
        "quad": quad,
        "date": date,
        "extra": _extra(
            (
                "Contexts",
                "Primary Actor Sector",
                "Actor Sectors",
                "Primary Recipient Sector",
                "Recipient Sectors",
                "Placename",
                "Country",
                "Source",
                "Publication Date",
                "Language",
                "Version",
            ),
            snake_case=True,
        ),
        **_named_actor("source", "Actor Name", _country("Actor Country")),
        **_named_actor("target", "Recipient Name", _country("Recipient Country")),
    }
    reason = (
        _reason_start("Event ID", "Event Date", date)
        + "WHEN \"Event Type\" IS NULL THEN 'no Event Type' "
        f"{_num_problem('Event Intensity')} "
        f'WHEN "Quad Code" IS NOT NULL AND {quad} IS NULL THEN \'bad Quad Code \' || "Quad Code" '
        "END"
    )
    return exprs, reason, ["Actor Country", "Recipient Country"]


MAPPINGS = {"gdelt": gdelt, "icews": icews, "polecat": polecat}


def select_sql(dataset: str, columns: tuple[str, ...], run_id: int | None) -> str:
    """SELECT over `staged` producing EVENT_COLUMNS, `_line` and `_reason`."""
    exprs, reason, _ = MAPPINGS[dataset](columns)
    defaults = {
        "origin": f"'{dataset}'",
        "run_id": "NULL" if run_id is None else str(int(run_id)),
        "date_text": "strftime(date, '%Y-%m-%d')",
        "date_precision": "'day'",
        "negated": "false",
        "hypothetical": "false",
        "explanation": f"'imported from {dataset}'",
    }
    inner = ", ".join(
        f"{exprs.get(c, 'NULL')} AS {q(c)}"
        for c in EVENT_COLUMNS
        if c not in defaults or c in exprs
    )
    outer = ", ".join(
        f"{defaults[c]} AS {q(c)}" if c in defaults and c not in exprs else q(c)
        for c in EVENT_COLUMNS
    )
    return (
        f"SELECT {outer}, _line, _reason FROM (SELECT {inner}, "
        f"TRY_CAST(_line AS BIGINT) AS _line, {reason} AS _reason FROM staged)"
    )


def country_columns(dataset: str, columns: tuple[str, ...]) -> list[str]:
    return MAPPINGS[dataset](columns)[2]
