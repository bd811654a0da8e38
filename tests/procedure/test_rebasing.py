"""Amendments taken in order: rebased on the text as it stands, falling, refused, clashing."""

import pytest

from plenary.procedure import (
    AmendmentError,
    carry_in_order,
    find_clashes,
    parse_amendment,
    parse_motion,
    rebase_amendments,
)
from tests.procedure.test_forms import RULES


@pytest.fixture
def rules():
    return parse_motion(RULES)


def taken(motion, *texts):
    amendments = [(f"A{n}", parse_amendment(text)) for n, text in enumerate(texts, start=1)]
    return carry_in_order(motion, amendments)


def test_a_later_amendment_applies_to_the_text_as_it_stands(rules):
    amended, outcomes = taken(
        rules,
        'In point 2.1 delete "monthly" and insert "every two weeks"',
        'Insert "at least" before "every two weeks"',
    )
    assert "2.1. The branch meets at least every two weeks." in amended.text
    assert [o.status for o in outcomes] == ["carried", "carried"]
    assert [e.status for o in outcomes for e in o.edits] == ["applied", "rebased"]


def test_an_edit_on_a_line_no_earlier_amendment_touched_is_applied_not_rebased(rules):
    _, outcomes = taken(rules, 'Delete "monthly"', 'Delete "weekly"')
    assert [e.status for o in outcomes for e in o.edits] == ["applied", "applied"]


def test_an_amendment_whose_words_are_gone_falls_naming_the_carried_one(rules):
    amended, outcomes = taken(
        rules, 'Delete "monthly" and insert "fortnightly"', 'In point 2.1 delete "monthly"'
    )
    assert "fortnightly" in amended.text
    assert [(o.source, o.status, o.line) for o in outcomes] == [
        ("A1", "carried", None),
        ("A2", "falls", 1),
    ]
    assert outcomes[1].reason == (
        'the amendment falls: "monthly" is not found in point 2.1, since A1 was carried'
    )


def test_later_amendments_go_on_after_one_falls(rules):
    amended, outcomes = taken(
        rules, "Delete point 2.3", 'In point 2.3 delete "the"', 'Delete "weekly"'
    )
    assert [o.status for o in outcomes] == ["carried", "falls", "carried"]
    assert outcomes[1].reason.startswith("the amendment falls: point 2.3 is no longer in the text")
    assert "2.2. The committee meets." in amended.text


def test_the_culprit_is_the_first_amendment_that_took_the_words(rules):
    _, outcomes = taken(
        rules, 'Delete "weekly"', 'Delete "monthly"', 'Delete "The branch meets monthly."'
    )
    assert outcomes[2].reason.endswith("since A2 was carried")


def test_an_amendment_that_never_applied_is_refused_not_fallen(rules):
    _, outcomes = taken(rules, 'Delete "weekly"', 'Delete "yearly"')
    assert (outcomes[1].status, outcomes[1].reason) == ("refused", '"yearly" is not found')


def test_point_numbers_mean_the_points_as_submitted_after_renumbering(rules):
    amended, outcomes = taken(
        rules,
        "Delete point 2.2 and renumber",
        'In point 2.4 delete "the accounts" and insert "the books"',
    )
    assert [o.status for o in outcomes] == ["carried", "carried"]
    assert "2.3. The treasurer keeps the books." in amended.text
    assert "2.2. The secretary keeps the minutes." in amended.text


def test_a_new_point_added_by_an_earlier_amendment_can_be_addressed(rules):
    amended, _ = taken(
        rules, 'Add new point 2.5: "The auditor checks."', 'In point 2.5 delete " checks"'
    )
    assert "2.5. The auditor." in amended.text


def test_rebase_amendments_raises_for_the_first_that_falls(rules):
    with pytest.raises(AmendmentError) as caught:
        rebase_amendments(
            rules, [("a.txt", "Delete point 1.2"), ("b.txt", "Replace point 1.2 with “x”")]
        )
    assert (caught.value.source, caught.value.line) == ("b.txt", 1)
    assert "falls: point 1.2 is no longer in the text, since a.txt was carried" in str(caught.value)


def test_rebase_amendments_names_the_file_that_cannot_be_read(rules):
    with pytest.raises(AmendmentError) as caught:
        rebase_amendments(rules, [("a.txt", 'Delete "weekly"'), ("b.txt", "Delete it all")])
    assert caught.value.source == "b.txt"


def clashes(motion, *texts):
    amendments = [(f"A{n}", parse_amendment(text)) for n, text in enumerate(texts, start=1)]
    return [(c.first, c.second, c.reason) for c in find_clashes(motion, amendments)]


def test_overlapping_words_clash(rules):
    assert clashes(rules, 'Delete "meets monthly"', 'Delete "monthly" and insert "weekly"') == [
        ("A1", "A2", "both change the same words in point 2.1")
    ]


def test_separate_words_in_one_point_do_not_clash(rules):
    assert clashes(rules, 'Delete "branch meets"', 'Delete "monthly"') == []


def test_an_insertion_clashes_with_the_deletion_of_its_anchor(rules):
    assert clashes(rules, 'Insert "still" after "The branch"', 'Delete "The branch meets"') != []


def test_two_insertions_at_the_same_anchor_clash(rules):
    assert len(clashes(rules, 'Add "x" after "monthly"', 'Add "y" after "monthly"')) == 1


def test_a_point_deleted_clashes_with_any_edit_in_it(rules):
    assert clashes(rules, "Delete point 2.3", 'At the end of point 2.3 add "and the roll"') == [
        ("A1", "A2", "both change point 2.3")
    ]


def test_additions_at_the_end_of_a_point_do_not_clash(rules):
    assert (
        clashes(rules, 'Add at the end of point 2.3: "x"', 'Add at the end of point 2.3: "y"') == []
    )


def test_two_new_points_of_one_number_clash_and_at_the_end_do_not(rules):
    assert clashes(
        rules, 'Add new point 2.5: "x"', 'Add new point 2.5: "y"', 'Add at end: "z"'
    ) == [("A1", "A2", "both add a point 2.5")]


def test_a_block_clashes_with_an_edit_inside_it(rules):
    block = "Delete:\n- attend every meeting\n- speak at every meeting\n\nReplace with:\n- vote"
    assert clashes(rules, block, 'Delete "speak at"') == [
        ("A1", "A2", "both change line 13 of the motion")
    ]


def test_renumbering_clashes_with_an_edit_addressed_to_a_renumbered_point(rules):
    result = clashes(rules, "Delete point 2.2 and renumber", 'In point 2.4 delete "the"')
    assert result == [("A1", "A2", "one renumbers point 2.4, which the other addresses")]


def test_edits_within_one_amendment_never_clash(rules):
    assert clashes(rules, 'Delete "monthly"\n\nDelete "meets monthly"') == []


def test_an_edit_that_cannot_be_located_is_left_out(rules):
    assert clashes(rules, 'Delete "nowhere"', 'Delete "nowhere"') == []
