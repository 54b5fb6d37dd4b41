"""Statements: who said it, and what what was said does to the actors it names.

Events reported inside speech ("X said Russia attacked Y") keep their own source and get the
reporter as `speaker`; first-person actors in a quote stand for the speaker. When what was said
contains no event trigger but names an actor with a clear stance ("'The Russian economy is going
to hell,' Trump said"), the statement itself is coded: negative stance as ACCUSE (CAMEO 111,
criticize or denounce), positive stance as SUPPORT (CAMEO 051, praise or endorse). A quote with
no speech verb takes the speaker of the previous statement in the same document.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from detente.coding.arguments import subject_of
from detente.coding.commitments import as_demand
from detente.coding.discourse import is_event_reference
from detente.coding.lexicon import Lexicon
from detente.coding.rules import Draft, first_person
from detente.coding.spans import ACTOR_ENTITY_TYPES, is_actor_like

QUOTE_CHARS = frozenset({'"', "“", "”", "'", "‘", "’", "«", "»"})
NEGATIVE_STANCE_CODE = "111"
POSITIVE_STANCE_CODE = "051"
# Third-person pronouns that, as subject of what a speaker says, usually mean the speaker
# ("the military says it has seized ...").
_SELF_PRONOUNS = frozenset({"it", "they", "he", "she"})


@dataclass(slots=True)
class Statement:
    speaker: Token
    verb: Token | None
    start: int  # token range of what was said
    end: int


def _subtree_range(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def _quoted_range(sent: Span) -> tuple[int, int] | None:
    """Token range between the first and last quotation mark of the sentence, if any."""
    marks = [t.i for t in sent if t.text in QUOTE_CHARS]
    if len(marks) >= 2 and marks[-1] - marks[0] > 1:
        return marks[0] + 1, marks[-1]
    return None


def find_statements(sent: Span, lexicon: Lexicon, coded: set[int]) -> list[Statement]:
    """Speech verbs (not already coded as events) with a speaker and what each reports."""
    found: list[Statement] = []
    for token in sent:
        lemma = token.lemma_.lower()
        if lemma not in lexicon.speech_verbs or token.pos_ not in ("VERB", "AUX"):
            continue
        if token.i in coded:
            continue
        speaker, _ = subject_of(token, lexicon)
        if speaker is None or speaker.lower_ in ("it", "that", "this", "which"):
            continue
        content: tuple[int, int] | None = None
        for child in token.children:
            if child.dep_ in ("ccomp", "parataxis") and child.i != speaker.i:
                content = _subtree_range(child)
                break
        if content is None and any(c.dep_ == "oprd" for c in token.children):
            # "called the suspension a serious mistake": the object and what it was called
            objects = [c for c in token.children if c.dep_ in ("dobj", "oprd")]
            content = (min(c.left_edge.i for c in objects), max(c.i for c in objects) + 1)
        if content is None and token.dep_ in ("parataxis", "ccomp") and token.head.i != token.i:
            head = token.head
            content = (head.left_edge.i, token.left_edge.i)
        if content is None:
            content = _quoted_range(sent)
        if content is not None and content[1] > content[0]:
            found.append(Statement(speaker, token, content[0], content[1]))
    return found


def stance(tokens: Span, lexicon: Lexicon) -> tuple[int, list[str]]:
    """Sum of stance words (+1 positive, -1 negative) and the words that counted.

    A negator ("not", "never") flips every stance word after it up to the next punctuation
    mark or conjunction: "has not been a good partner" is negative.
    """
    score = 0
    words: list[str] = []
    negated = False
    for token in tokens:
        lemma = token.lemma_.lower()
        if lemma in lexicon.stance_negators:
            negated = True
            continue
        if token.is_punct or token.dep_ in ("cc", "mark"):
            negated = False
            continue
        polarity = 0
        if lemma in lexicon.stance_negative:
            polarity = -1
        elif lemma in lexicon.stance_positive:
            polarity = 1
        if polarity:
            if negated:
                polarity = -polarity
            score += polarity
            words.append(f"{token.text}({'+' if polarity > 0 else '-'})")
    return score, words


def _named_actor(content: Span, speaker: Token, lexicon: Lexicon) -> Token | None:
    """The actor a statement is about: its subject if actor-like, else the first named entity."""
    root = content.root
    for child in root.children:
        if (
            child.dep_ in ("nsubj", "nsubjpass")
            and child.i != speaker.i
            and (
                child.ent_type_ in ACTOR_ENTITY_TYPES
                or (is_actor_like(child, lexicon) and child.pos_ != "PRON")
            )
        ):
            return child
    for token in content:
        if token.ent_type_ in ACTOR_ENTITY_TYPES and token.i != speaker.i:
            head = token
            while head.dep_ in ("compound", "flat") and head.head.i != head.i:
                head = head.head
            if head.i != speaker.i and speaker.i not in range(head.left_edge.i, head.i + 1):
                return head
    for token in content:  # "called the suspension a mistake": the suspension's author
        if is_event_reference(token, lexicon):
            return token
    return None


def apply_statements(
    sent: Span,
    drafts: list[Draft],
    lexicon: Lexicon,
    previous_speaker: Token | None,
) -> tuple[list[Draft], Token | None]:
    """Attach speakers to reported events and code stance-bearing statements.

    Returns the sentence's drafts (with statement drafts added) and the speaker to carry to the
    next sentence of the document.
    """
    statements = find_statements(sent, lexicon, {d.trigger.i for d in drafts})
    if not statements and previous_speaker is not None:
        first = sent[0].text if len(sent) else ""
        if first in QUOTE_CHARS:
            statements = [Statement(previous_speaker, None, sent.start, sent.end)]
    speaker_out = statements[-1].speaker if statements else None
    for statement in statements:
        inside = [d for d in drafts if statement.start <= d.trigger.i < statement.end]
        for draft in inside:
            draft.speaker = statement.speaker
            if draft.source is None or first_person(draft.source):
                draft.source, draft.source_role = statement.speaker, "speaker"
            elif draft.source.lower_ in _SELF_PRONOUNS and statement.verb is not None:
                draft.source, draft.source_role = statement.speaker, "speaker (pronoun)"
            if first_person(draft.target):
                draft.target, draft.target_role = statement.speaker, "speaker"
            as_demand(draft, statement.speaker, "speaker", lexicon)
        if inside:
            continue
        content = sent.doc[statement.start : statement.end]
        score, words = stance(content, lexicon)
        if score == 0:
            continue
        target = _named_actor(content, statement.speaker, lexicon)
        if target is None:
            continue
        trigger = statement.verb if statement.verb is not None else content.root
        draft = Draft(
            trigger=trigger,
            cameo=NEGATIVE_STANCE_CODE if score < 0 else POSITIVE_STANCE_CODE,
            rule=f"statement with {'negative' if score < 0 else 'positive'} stance "
            f"({', '.join(words)})",
            source=statement.speaker,
            target=target,
            source_role="speaker" if statement.verb is not None else "speaker of previous quote",
            target_role="actor named in the statement",
            speaker=statement.speaker,
            confidence=0.45,
        )
        drafts.append(draft)
    return drafts, speaker_out
