"""Each edit form in a wording the issue's examples do not show, and the block forms."""

import pytest

from plenary.procedure import AmendmentError, apply_amendment, parse_amendment, parse_motion
from tests.procedure.conftest import MOTION

RULES = """Riverside branch rules
Rules
1. Our aims
1.1. To organise tenants in every street.
1.2. To campaign for repairs.
2. Structure
2.1. The branch meets monthly.
2.2. The committee meets weekly.
2.3. The secretary keeps the minutes.
2.4. The treasurer keeps the accounts.

Members may:
- attend every meeting
- speak at every meeting

Officers are elected each year.
"""


@pytest.fixture
def rules():
    return parse_motion(RULES)


def amend(motion, text):
    return apply_amendment(motion, parse_amendment(text))[0].text


def kinds(text):
    return [edit.kind for edit in parse_amendment(text)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Strike out the words ‘annual’ and substitute ‘yearly’", "replace"),
        ("Replace the word 'annual' by 'yearly'.", "replace"),
        ("Remove: “annual” and replace it with: “yearly”", "replace"),
    ],
)
def test_replacement_wordings(motion, text, kind):
    assert kinds(text) == [kind]
    assert "1. The yearly meeting is held" in amend(motion, text)


def test_a_comma_after_the_point_and_single_quotes(motion):
    text = "In point 1, strike the words 'or by email'."
    assert kinds(text) == ["delete"]
    assert "1. The annual meeting is held by post." in amend(motion, text)


def test_delete_the_phrase_without_a_point(motion):
    assert "held by post." in amend(motion, 'Delete the phrase " or by email"')


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Insert the words “and its branches” immediately after “The union”", "The union and its"),
        ('After "The union", insert "and its branches"', "The union and its branches shall"),
        ('Before the word "union" add "whole"', "The whole union shall"),
    ],
)
def test_insertion_wordings(motion, text, expected):
    assert kinds(text) == ["insert"]
    assert expected in amend(motion, text)


@pytest.mark.parametrize(
    "text",
    [
        "At the end of point 2, add: “Or more.”",
        'Insert at the end of point 2. "Or more."',
        'Add to the end of point 2 "Or more."',
    ],
)
def test_append_to_a_point_wordings(motion, text):
    assert kinds(text) == ["append"]
    assert "2. The union shall meet monthly. Or more." in amend(motion, text)


def test_add_to_the_end_of_the_motion(motion):
    text = 'Add to the end: "Carried unanimously."'
    assert [(e.kind, e.point) for e in parse_amendment(text)] == [("append", None)]
    assert amend(motion, text).endswith("\nCarried unanimously.")


def test_add_a_new_point_reading(rules):
    text = "Insert a new point 1.3 reading: ‘To welcome new members.’"
    lines = amend(rules, text).splitlines()
    assert lines[lines.index("1.2. To campaign for repairs.") + 1] == "1.3. To welcome new members."


def test_a_new_point_with_a_number_in_use_is_refused(rules):
    with pytest.raises(AmendmentError, match="point 2.2 already exists"):
        amend(rules, 'Add new point 2.2: "The branch keeps a roll."')


def test_a_new_point_and_renumber(rules):
    text = 'Add new point 2.2: "The branch keeps a roll." and renumber accordingly'
    lines = amend(rules, text).splitlines()
    assert lines[6:11] == [
        "2.1. The branch meets monthly.",
        "2.2. The branch keeps a roll.",
        "2.3. The committee meets weekly.",
        "2.4. The secretary keeps the minutes.",
        "2.5. The treasurer keeps the accounts.",
    ]


@pytest.mark.parametrize("text", ["Remove point 2.3 in its entirety.", "Strike out point 2.3"])
def test_delete_point_wordings(rules, text):
    assert kinds(text) == ["delete_point"]
    amended = amend(rules, text)
    assert "secretary" not in amended
    assert "2.4. The treasurer keeps the accounts." in amended  # not renumbered


@pytest.mark.parametrize(
    "text",
    [
        "Delete point 2.3 and renumber the following points",
        "Delete point 2.3.\n\nRenumber accordingly.",
    ],
)
def test_delete_point_and_renumber(rules, text):
    amended = amend(rules, text)
    assert "2.3. The treasurer keeps the accounts." in amended
    assert "2.4" not in amended


def test_renumber_on_its_own_is_refused():
    with pytest.raises(AmendmentError, match="renumber after what"):
        parse_amendment('Delete "x"\n\nRenumber accordingly.')


@pytest.mark.parametrize(
    "text",
    [
        "Replace point 2.3 with the following:\n\n“The secretary keeps the roll.”",
        'Delete point 2.3 in its entirety and substitute it with "The secretary keeps the roll."',
        "Our reason.\n\nRemove point 2.3 and replace it with the following:\n\n"
        '"The secretary keeps\nthe roll."',
    ],
)
def test_replace_point_wordings(rules, text):
    assert kinds(text) == ["replace_point"]
    assert "2.3. The secretary keeps the roll." in amend(rules, text)


def test_replace_point_without_the_new_text_is_refused():
    with pytest.raises(AmendmentError, match="replace with what"):
        parse_amendment("Delete point 2.3 and replace with:\n\nThe secretary keeps the roll.")


def test_a_heading_word_is_replaced(rules):
    amended = amend(rules, "Delete ‘Rules’ and replace with ‘Standing orders’")
    assert amended.splitlines()[1] == "Standing orders"


def test_a_heading_word_that_is_also_in_the_title_is_ambiguous():
    with pytest.raises(AmendmentError, match='"Rules" is found 2 times; say which'):
        amend(parse_motion("Rules of the branch\nRules\n1. x"), 'Delete "Rules"')


def test_delete_a_block_and_replace_it_with_another(rules):
    text = (
        "So that members can vote.\n\n"
        "Delete the following lines:\n"
        "- attend every meeting\n"
        "- speak   at every meeting\n\n"
        "and replace them with:\n"
        "- attend, speak and vote at every meeting\n"
        "- see the minutes\n"
    )
    [edit] = parse_amendment(text)
    assert (edit.kind, edit.line, edit.new_block) == (
        "replace_block",
        3,
        ("- attend, speak and vote at every meeting", "- see the minutes"),
    )
    assert "Members may:\n- attend, speak and vote at every meeting\n- see the minutes\n\n" in (
        amend(rules, text)
    )


def test_a_block_of_paragraphs_with_blank_lines_is_replaced(rules):
    text = (
        "Delete:\n\n"
        "“Members may:\n\n- attend every meeting”\n\n"
        "Replace with:\n\n"
        "Every member may attend.\n\n"
        "Every member may speak.\n\n"
        'In point 2.1 delete "monthly" and insert "fortnightly"'
    )
    assert kinds(text) == ["replace_block", "replace"]
    amended = amend(rules, text)
    assert "Every member may attend.\n\nEvery member may speak.\n- speak at every meeting" in (
        amended
    )
    assert "2.1. The branch meets fortnightly." in amended


def test_a_block_is_deleted_with_the_blank_line_after_it(rules):
    text = "Delete:\nMembers may:\n- attend every meeting\n- speak at every meeting"
    amended = amend(rules, text)
    assert "2.4. The treasurer keeps the accounts.\n\nOfficers are elected" in amended


def test_a_replacement_block_can_hold_numbered_points(rules):
    text = (
        "Delete:\n2.1. The branch meets monthly.\n2.2. The committee meets weekly.\n\n"
        "Replace with:\n2.1. The branch and its committee meet monthly."
    )
    amended = apply_amendment(rules, parse_amendment(text))[0]
    assert [line.number for line in amended.lines if line.number] == [
        "1",
        "1.1",
        "1.2",
        "2",
        "2.1",
        "2.3",
        "2.4",
    ]


def test_a_block_not_found_is_refused_quoting_its_first_line(rules):
    with pytest.raises(
        AmendmentError, match='block starting "- attend all meetings" .2 lines. is not'
    ):
        amend(rules, "Delete:\n- attend all meetings\n- speak at every meeting")


def test_a_block_found_twice_is_refused():
    motion = parse_motion("T\n- a\n- b\n\n- a\n- b")
    with pytest.raises(AmendmentError, match="found 2 times"):
        amend(motion, "Delete:\n- a\n- b")


def test_an_empty_block_is_refused():
    with pytest.raises(AmendmentError, match="delete what"):
        parse_amendment("Delete:\n\nReplace with:\n- x")


def test_a_point_number_repeated_in_the_motion_is_refused_for_word_edits():
    with pytest.raises(AmendmentError, match="point a appears more than once"):
        amend(parse_motion(MOTION), 'In point a) delete "first"')


def test_words_are_matched_as_whole_words():
    motion = parse_motion("T\n1. A biannual report, or one for each year.")
    assert amend(motion, 'Delete "or"') == "T\n1. A biannual report, one for each year."
    with pytest.raises(AmendmentError, match='"annual" is not found'):
        amend(motion, 'Delete "annual"')


def test_words_ending_in_punctuation_match_before_more_words():
    motion = parse_motion("T\n1. Post, email, phone.")
    assert amend(motion, 'Delete "email,"') == "T\n1. Post, phone."
