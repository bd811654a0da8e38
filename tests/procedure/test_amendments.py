import pytest

from plenary.procedure import AmendmentError, apply_amendment, parse_amendment, rebase_amendments


def amend(motion, text):
    return apply_amendment(motion, parse_amendment(text))[0].text


@pytest.mark.parametrize(
    "text",
    ['Delete "annual" and insert "biennial"', "Delete “annual” and replace with “biennial”."],
)
def test_delete_and_insert_replaces_words(motion, text):
    assert "The biennial meeting" in amend(motion, text)


@pytest.mark.parametrize(
    "text", ['In point 1 remove the words "or by email"', 'In point 1. delete "or  by email"']
)
def test_words_are_deleted_within_a_point(motion, text):
    assert "1. The annual meeting is held by post." in amend(motion, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Insert "and its branches" after "The union"', "The union and its branches shall"),
        ('Add "whole" before "union"', "The whole union shall"),
    ],
)
def test_words_are_inserted_beside_an_anchor(motion, text, expected):
    assert expected in amend(motion, text)


def test_words_are_added_at_the_end_of_a_point(motion):
    assert "2. The union shall meet monthly. Or more." in amend(
        motion, 'Add at the end of point 2: "Or more."'
    )


def test_add_at_end_adds_a_last_line(motion):
    assert amend(motion, 'Add at end: "So be it."').endswith("\nSo be it.")


def test_a_new_point_goes_after_the_point_before_it(motion):
    lines = amend(motion, 'Add new point 2.4: "Minutes are kept."').splitlines()
    assert lines[lines.index("2.3. Officers are elected yearly.") + 1] == "2.4. Minutes are kept."


def test_a_point_is_deleted(motion):
    assert "2.3." not in amend(motion, "Delete point 2.3")


def test_a_point_is_replaced_by_the_following_quoted_paragraph(motion):
    text = 'Because it is old.\n\nDelete point 2.3 and replace with:\n\n"Officers serve two years."'
    assert "2.3. Officers serve two years." in amend(motion, text)


def test_an_edit_records_its_kind_and_source_line():
    edits = parse_amendment('Our reasons.\n\nIn point 3.1. delete "x"')
    assert [(e.kind, e.line, e.point) for e in edits] == [("delete", 3, "3.1")]


def test_matching_is_case_sensitive_and_names_the_words(motion):
    with pytest.raises(AmendmentError, match='"the union" is not found'):
        amend(motion, 'Delete "the union"')


def test_words_found_twice_are_refused_as_ambiguous(motion):
    with pytest.raises(AmendmentError, match="found 2 times"):
        amend(motion, 'Delete "first" and insert "x"\n\nDelete "The"')


def test_a_repeated_point_number_is_refused_as_ambiguous(motion):
    with pytest.raises(AmendmentError, match="point a appears more than once"):
        amend(motion, "Delete point a")


def test_a_missing_point_is_refused_naming_it(motion):
    with pytest.raises(AmendmentError, match="in point 2.3"):
        amend(motion, 'In point 2.3 delete "monthly"')


def test_nothing_is_half_applied(motion):
    before = motion.text
    with pytest.raises(AmendmentError):
        apply_amendment(motion, parse_amendment('Delete "annual"\n\nDelete "nowhere"'))
    assert motion.text == before


def test_unreadable_operative_words_are_refused():
    with pytest.raises(AmendmentError, match="cannot read"):
        parse_amendment("Delete everything please")


def test_a_later_amendment_is_rebased_on_the_earlier(motion):
    amended, applied = rebase_amendments(
        motion, [("a.txt", 'Delete "annual" and insert "biennial"'), ("b.txt", 'Delete "biennial"')]
    )
    assert "The meeting" in amended.text
    assert [a.status for a in applied] == ["applied", "rebased"]


def test_an_amendment_whose_target_is_gone_falls(motion):
    with pytest.raises(AmendmentError, match="falls") as caught:
        rebase_amendments(motion, [("a.txt", "Delete point 2.3"), ("b.txt", "Delete point 2.3")])
    assert caught.value.source == "b.txt"
