import pytest

from plenary.procedure.composites import (
    CommonGroundAmendment,
    Composite,
    CompositeError,
    Condition,
    Option,
    Section,
    check_composite,
    incompatible,
    independent,
    substantive_text,
)

HOUSING = Section(
    "1. Housing",
    "Conference notes that rents rose by a fifth.\nConference resolves to campaign for rent caps.",
    amendments=(
        CommonGroundAmendment("Amendment 1", 'Delete "a fifth" and insert "a quarter"', "Eastside"),
        CommonGroundAmendment("Amendment 2", 'Add at end: "And to support tenants\' unions."'),
    ),
    choices=(
        independent(
            Option("A", "Conference calls for a national lobby.", "Riverside branch"),
            Option("B", "The lobby is held in spring.", "Hill branch", Condition("A")),
        ),
        incompatible(
            Option("C", "Caps are set nationally.", "North region"),
            Option("D", "Caps are set by each council.", "South region"),
            neither=True,
        ),
    ),
)
TRANSPORT = Section(
    "2. Transport",
    "Conference resolves to defend bus routes.",
    choices=(
        incompatible(
            Option("E", "Buses are free for under-25s.", "Youth committee"),
            Option("F", "Buses are free for all.", "Riverside branch"),
            condition=Condition("A"),
        ),
    ),
)
COMPOSITE = Composite("Composite 3: Cost of living", (HOUSING, TRANSPORT), ("Motion 7", "Motion 9"))


def test_a_well_formed_composite_passes_its_check():
    check_composite(COMPOSITE)


def test_the_substantive_text_has_the_common_ground_as_amended_and_the_options_chosen():
    text = substantive_text(COMPOSITE, agreed={"A", "B", "D", "F"}, carried={"Amendment 1"})
    assert text == (
        "Composite 3: Cost of living\n\n"
        "1. Housing\n"
        "Conference notes that rents rose by a quarter.\n"
        "Conference resolves to campaign for rent caps.\n"
        "Conference calls for a national lobby.\n"
        "The lobby is held in spring.\n"
        "Caps are set by each council.\n\n"
        "2. Transport\n"
        "Conference resolves to defend bus routes.\n"
        "Buses are free for all."
    )


def test_with_nothing_agreed_only_the_common_ground_is_left():
    text = substantive_text(COMPOSITE, agreed=set(), carried={"Amendment 2"})
    assert "tenants' unions." in text
    assert "Caps" not in text and "Buses are free" not in text


def test_a_conditional_option_cannot_be_agreed_without_its_condition():
    with pytest.raises(CompositeError, match="option B is taken only if option A is agreed"):
        substantive_text(COMPOSITE, agreed={"B"})


def test_two_incompatible_options_cannot_both_be_agreed():
    with pytest.raises(CompositeError, match="options C and D cannot both be agreed"):
        substantive_text(COMPOSITE, agreed={"C", "D"})


def test_a_condition_may_depend_on_an_option_not_being_agreed():
    choice = independent(Option("Y", "Otherwise, a petition.", condition=Condition("X", False)))
    section = Section("S", "Common.", choices=(independent(Option("X", "A lobby.")), choice))
    composite = Composite("C", (section,))
    assert substantive_text(composite, {"Y"}).endswith("Common.\nOtherwise, a petition.")
    with pytest.raises(CompositeError, match="if option X is not agreed"):
        substantive_text(composite, {"X", "Y"})


@pytest.mark.parametrize(
    ("section", "message"),
    [
        (
            Section("S", "x", choices=(independent(Option("A", "a", condition=Condition("Z"))),)),
            "option A depends on option Z, which is not an earlier option",
        ),
        (
            Section("S", "x", choices=(independent(Option("A", "a"), Option("A", "b")),)),
            "option A appears more than once",
        ),
        (Section("S", "x", choices=(incompatible(Option("A", "a")),)), "at least two"),
        (
            Section(
                "S",
                "x",
                choices=(
                    incompatible(Option("A", "a"), Option("B", "b", condition=Condition("A"))),
                ),
            ),
            "the condition goes on the choice",
        ),
        (
            Section("S", "x", amendments=(CommonGroundAmendment("Am 1", 'Delete "y"'),)),
            'S, Am 1: line 1: "y" is not found',
        ),
        (
            Section("S", "x", amendments=(CommonGroundAmendment("Am 1", "Delete it"),)),
            "cannot read this as an edit",
        ),
    ],
)
def test_a_composite_that_cannot_be_put_is_refused(section, message):
    with pytest.raises(CompositeError, match=message):
        check_composite(Composite("C", (section,)))


def test_incompatible_options_may_be_one_against_neither():
    check_composite(
        Composite(
            "C", (Section("S", "x", choices=(incompatible(Option("A", "a"), neither=True),)),)
        )
    )
