"""The trigger lexicon and cue tables: they load, are unambiguous, and speak valid CAMEO."""

from __future__ import annotations

import pytest

from detente.coding.lexicon import Lexicon, LexiconError, compile_nouns, compile_verbs, load_lexicon
from detente.coding.ontology import cameo_code
from detente.model import PLOVER_TYPES


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


def _codes(lexicon: Lexicon) -> set[str]:
    codes = set(lexicon.nouns.values())
    for entry in lexicon.verbs.values():
        codes.update(entry.with_word.values())
        codes.update(entry.with_object.values())
        if entry.code is not None:
            codes.add(entry.code)
    return codes


def test_lexicon_covers_the_codebook_broadly(lexicon: Lexicon) -> None:
    assert lexicon.pattern_count() >= 500
    roots = {code[:2] for code in _codes(lexicon)}
    # every CAMEO root that PLOVER keeps (03-20) has triggers
    assert {f"{n:02d}" for n in range(3, 21)} <= roots


def test_every_code_has_a_plover_type(lexicon: Lexicon) -> None:
    for code in _codes(lexicon):
        info = cameo_code(code)
        assert info is not None, code
        assert info.plover_type in PLOVER_TYPES, code


@pytest.mark.parametrize(
    ("table", "expected"),
    [("intent_codes", "AGREE"), ("refusal_codes", "REJECT"), ("threat_codes", "THREATEN")],
)
def test_commitment_tables_map_into_their_family(
    lexicon: Lexicon, table: str, expected: str
) -> None:
    mapping: dict[str, str] = getattr(lexicon, table)
    assert mapping
    for source, target in mapping.items():
        assert cameo_code(source) is not None, source
        info = cameo_code(target)
        assert info is not None and info.plover_type == expected, (source, target)


def test_verb_patterns_compile_by_kind() -> None:
    verbs = compile_verbs({"163": ["sanction", "impose +sanction"], "044": ["meet with"]}, "t")
    assert verbs["sanction"].code == "163"
    assert verbs["impose"].with_object == {"sanction": "163"}
    assert verbs["meet"].with_word == {"with": "044"}
    assert verbs["meet"].code is None


def test_duplicate_patterns_are_refused() -> None:
    with pytest.raises(LexiconError, match="listed under"):
        compile_verbs({"111": ["condemn"], "112": ["condemn"]}, "t")
    with pytest.raises(LexiconError, match="listed under"):
        compile_nouns({"190": ["strike"], "143": ["strike"]}, "t")


def test_malformed_pattern_is_refused() -> None:
    with pytest.raises(LexiconError, match="bad verb pattern"):
        compile_verbs({"111": ["one two three four"]}, "t")


def test_longest_prefix_lookup(lexicon: Lexicon) -> None:
    assert lexicon.by_prefix({"08": "035", "0841": "0353"}, "0841") == "0353"
    assert lexicon.by_prefix({"08": "035", "0841": "0353"}, "0874") == "035"
    assert lexicon.by_prefix({"08": "035"}, "190") is None


def test_screening_set_holds_verbs_nouns_and_speech(lexicon: Lexicon) -> None:
    screen = lexicon.screen_lemmas
    assert {"sanction", "invasion", "say", "talk"} <= screen
