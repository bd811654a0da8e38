from hypothesis import given
from hypothesis import strategies as st

from plenary.procedure import render_diff, word_diff

texts = st.lists(st.sampled_from(["a", "b", "cc", " ", "\n", "  "]), max_size=20).map("".join)


def test_changed_words_are_marked():
    ops = word_diff("held by post or by email", "held by post")
    assert render_diff(ops) == "held by post[- or by email-]"


def test_a_replacement_shows_deletion_then_insertion():
    assert render_diff(word_diff("the annual meeting", "the biennial meeting")) == (
        "the [-annual-]{+biennial+} meeting"
    )


@given(texts, texts)
def test_equal_and_insert_rebuild_the_new_text(old, new):
    assert "".join(op.text for op in word_diff(old, new) if op.op != "delete") == new


@given(texts, texts)
def test_equal_and_delete_rebuild_the_old_text(old, new):
    assert "".join(op.text for op in word_diff(old, new) if op.op != "insert") == old
