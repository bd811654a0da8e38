"""Properties of the change view, of undoing, and of taking amendments in order (hypothesis,
derandomised under the ci profile in tests/conftest.py)."""

from itertools import permutations

from hypothesis import assume, given
from hypothesis import strategies as st

from plenary.procedure import (
    Edit,
    apply_amendment,
    carry_in_order,
    find_clashes,
    parse_amendment,
    parse_motion,
    word_diff,
)

SYLLABLES = ["ba", "ko", "ri", "tu", "me", "sa", "lo", "ni"]


@st.composite
def motions(draw):
    """A titled motion of numbered points, every word in it distinct."""
    words = iter(f"{a}{b}{n}" for n in range(9) for a in SYLLABLES for b in SYLLABLES)
    points = []
    for number in range(1, draw(st.integers(1, 6)) + 1):
        length = draw(st.integers(2, 8))
        points.append(f"{number}. " + " ".join(next(words) for _ in range(length)))
    return parse_motion("Our motion\nConference resolves\n" + "\n".join(points))


def point_words(motion):
    return [line.body.split() for line in motion.lines if line.kind == "point"]


@st.composite
def word_edit(draw, motion, new_words):
    """Delete, replace or insert at a run of words in one point."""
    lines = point_words(motion)
    words = draw(st.sampled_from(lines))
    start = draw(st.integers(0, len(words) - 1))
    stop = draw(st.integers(start + 1, min(len(words), start + 3)))
    quoted = " ".join(words[start:stop])
    form = draw(st.sampled_from(["delete", "replace", "after", "before"]))
    new = next(new_words)
    if form == "delete":
        return f'Delete "{quoted}"'
    if form == "replace":
        return f"Delete “{quoted}” and insert “{new}”"
    return f'Insert "{new}" {form} "{quoted}"'


@st.composite
def motion_and_amendments(draw):
    motion = draw(motions())
    new_words = iter(f"new{n}" for n in range(100))
    amendments = []
    for number in range(draw(st.integers(1, 3))):
        edits = [draw(word_edit(motion, new_words)) for _ in range(draw(st.integers(1, 2)))]
        amendments.append((f"A{number}", parse_amendment("\n\n".join(edits))))
    return motion, amendments


@given(motion_and_amendments())
def test_the_change_view_and_the_amended_text_agree(case):
    motion, amendments = case
    amended, taken = carry_in_order(motion, amendments)
    ops = word_diff(motion.text, amended.text)
    assert "".join(op.text for op in ops if op.op != "delete") == amended.text
    assert "".join(op.text for op in ops if op.op != "insert") == motion.text
    inserted = set(" ".join(op.text for op in ops if op.op == "insert").split())
    new = {word for t in taken for e in t.edits for word in (e.edit.new or "").split()}
    assert new <= inserted  # every word an edit brought in is marked as inserted
    assert inserted <= new | set(motion.text.split())
    if all(t.status != "carried" for t in taken):
        assert [op.op for op in ops] == ["equal"]


@given(motions(), st.data())
def test_deleting_and_reinserting_the_same_words_is_the_identity(motion, data):
    lines = point_words(motion)
    words = data.draw(st.sampled_from(lines))
    start = data.draw(st.integers(0, len(words) - 1))
    stop = data.draw(st.integers(start + 1, len(words)))
    assume(stop - start < len(words))  # a point emptied of every word keeps no anchor
    quoted = " ".join(words[start:stop])
    if start > 0:
        back = f'Insert "{quoted}" after "{words[start - 1]}"'
    else:
        back = f'Insert "{quoted}" before "{words[stop]}"'
    deleted, _ = apply_amendment(motion, parse_amendment(f'Delete "{quoted}"'))
    restored, _ = apply_amendment(deleted, parse_amendment(back), revision=2)
    assert restored.text == motion.text


@given(motions(), st.data())
def test_replacing_and_replacing_back_is_the_identity(motion, data):
    words = data.draw(st.sampled_from(point_words(motion)))
    start = data.draw(st.integers(0, len(words) - 1))
    stop = data.draw(st.integers(start + 1, len(words)))
    quoted = " ".join(words[start:stop])
    there = parse_amendment(f'Replace "{quoted}" with "the new words"')
    back = parse_amendment(f'Replace "the new words" with "{quoted}"')
    final, taken = carry_in_order(motion, [("there", there), ("back", back)])
    assert [t.status for t in taken] == ["carried", "carried"]
    assert final.text == motion.text


@given(motion_and_amendments())
def test_applying_edits_in_order_equals_applying_the_rebased_ones(case):
    motion, amendments = case
    amended, taken = carry_in_order(motion, amendments)
    assume(all(t.status == "carried" for t in taken))
    # The same edits as one amendment, each applied to the text the earlier ones left.
    together: list[Edit] = [edit for _, edits in amendments for edit in edits]
    assert apply_amendment(motion, together)[0].text == amended.text
    if not find_clashes(motion, amendments):
        # Amendments that do not clash give the same text whatever order they are taken in.
        for order in permutations(amendments):
            reordered, outcomes = carry_in_order(motion, list(order))
            assert [t.status for t in outcomes] == ["carried"] * len(order)
            assert reordered.text == amended.text
