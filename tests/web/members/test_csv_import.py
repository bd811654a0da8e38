"""The CSV import service: reading files, guessing columns, every error reason, and the
all-or-nothing import that creates and updates members."""

from __future__ import annotations

import codecs
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plenary.web.members.csv.decoding import (
    EMPTY_FILE,
    NO_HEADER,
    NOT_TEXT,
    ImportFileError,
    decode_csv_bytes,
    read_csv_table,
)
from plenary.web.members.csv.mapping import Field, guess_mapping, mapping_problems
from plenary.web.members.csv.plan import Action
from plenary.web.members.csv.rows import (
    BranchDirectory,
    DateOrder,
    MemberRow,
    RowChecker,
    parse_date,
)
from plenary.web.members.csv.services import members_import
from plenary.web.members.models import Member
from plenary.web.organisation.models import Unit
from tests.web import factories as f
from tests.web.members.csv_helpers import HEADER, import_text, reasons, table_of

pytestmark = pytest.mark.django_db


# --- Reading files -----------------------------------------------------------------------


def test_a_byte_order_mark_does_not_stick_to_the_first_column_name():
    data = codecs.BOM_UTF8 + "Membership number,Name\nA1,Zoë\n".encode()
    table = read_csv_table(decode_csv_bytes(data))
    assert table.header == ["Membership number", "Name"]
    assert table.rows == [(2, ["A1", "Zoë"])]


def test_semicolon_and_tab_separated_files_are_recognised():
    assert table_of("No;Name;Branch\n1;Ann;x\n").rows == [(2, ["1", "Ann", "x"])]
    assert table_of("No\tName\n1\tAnn\n").header == ["No", "Name"]
    # A comma inside a quoted header cell does not make the file comma-separated.
    assert table_of('"Name, full";No\n"Ann";1\n').delimiter == ";"


def test_windows_and_utf16_encoded_files_are_decoded():
    text = "Name\nJosé Müller\n"
    assert "José Müller" in decode_csv_bytes(text.encode("cp1252"))
    assert "José Müller" in decode_csv_bytes(text.encode("utf-16"))


def test_binary_junk_and_empty_files_are_refused_with_a_reason():
    with pytest.raises(ImportFileError, match=NOT_TEXT):
        decode_csv_bytes(bytes(range(256)) * 4)
    with pytest.raises(ImportFileError, match=EMPTY_FILE):
        decode_csv_bytes(b"")
    with pytest.raises(ImportFileError, match=EMPTY_FILE):
        decode_csv_bytes(b"  \r\n\n")
    with pytest.raises(ImportFileError, match=NO_HEADER):
        read_csv_table(",,,\n")


def test_line_numbers_count_quoted_line_breaks_and_blank_lines():
    table = table_of('No,Address\n1,"two\nlines"\n\n2,plain\n')
    assert [line for line, _ in table.rows] == [2, 5]


def test_a_trailing_ctrl_z_from_an_old_system_is_ignored():
    assert read_csv_table(decode_csv_bytes(b"No,Name\n1,Ann\n\x1a")).rows == [(2, ["1", "Ann"])]


# --- Guessing and checking the mapping ---------------------------------------------------


def test_the_mapping_is_guessed_from_common_header_names():
    header = ["Member No.", "Surname", "Forename", "E-mail", "Branch", "Expiry date", "Joined"]
    assert guess_mapping(header) == {
        Field.MEMBERSHIP_NUMBER: 0,
        Field.LAST_NAME: 1,
        Field.FIRST_NAME: 2,
        Field.EMAIL: 3,
        Field.BRANCH: 4,
        Field.PAID_UNTIL: 5,
        Field.JOINED_ON: 6,
    }


def test_a_full_name_column_wins_over_first_and_last_names_and_a_slug_over_a_branch_name():
    header = ["Name", "First name", "Last name", "Branch", "Branch slug", "ID"]
    mapping = guess_mapping(header)
    assert mapping == {Field.MEMBERSHIP_NUMBER: 5, Field.NAME: 0, Field.BRANCH: 4}


def test_the_organisations_own_word_for_a_branch_is_recognised():
    assert guess_mapping(["CLP", "Number", "Name"], branch_label="CLP")[Field.BRANCH] == 0


def test_a_mapping_needs_a_number_a_name_and_a_branch_and_each_column_once():
    problems = mapping_problems({Field.EMAIL: 0, Field.STATUS: 0})
    assert set(problems) == {Field.MEMBERSHIP_NUMBER, Field.BRANCH, Field.NAME, Field.STATUS}
    assert "already chosen for Email" in problems[Field.STATUS]
    assert mapping_problems({Field.MEMBERSHIP_NUMBER: 0, Field.LAST_NAME: 1, Field.BRANCH: 2}) == {}


# --- Dates ---------------------------------------------------------------------------------


def test_dates_are_read_in_the_formats_other_systems_write():
    assert parse_date("2024-03-01", DateOrder.DAY_FIRST) == date(2024, 3, 1)
    assert parse_date("2024-03-01 00:00:00", DateOrder.DAY_FIRST) == date(2024, 3, 1)
    assert parse_date("01/03/2024", DateOrder.DAY_FIRST) == date(2024, 3, 1)
    assert parse_date("1.3.2024", DateOrder.DAY_FIRST) == date(2024, 3, 1)
    assert parse_date("03/01/2024", DateOrder.MONTH_FIRST) == date(2024, 3, 1)
    assert parse_date("1 Mar 2024", DateOrder.MONTH_FIRST) == date(2024, 3, 1)
    assert parse_date("1 March 2024", DateOrder.DAY_FIRST) == date(2024, 3, 1)


def test_a_two_digit_year_is_ambiguous_and_an_impossible_day_is_bad():
    with pytest.raises(ValueError, match=r"ambiguous date '01/03/24'.*accepted formats"):
        parse_date("01/03/24", DateOrder.DAY_FIRST)
    with pytest.raises(ValueError, match=r"bad date '31/02/2024': no such day; accepted"):
        parse_date("31/02/2024", DateOrder.DAY_FIRST)
    with pytest.raises(ValueError, match=r"month first"):
        parse_date("12/31/2024", DateOrder.DAY_FIRST)
    with pytest.raises(ValueError, match=r"bad date 'soon'"):
        parse_date("soon", DateOrder.DAY_FIRST)


# --- Every row error, all or nothing -------------------------------------------------------


def test_every_bad_row_is_reported_with_its_line_and_reason_and_nothing_is_imported(tree):
    text = HEADER + (
        "N1,Ann Able,ann@example.org,Northtown,active,2020-01-01,\n"  # line 2: fine
        "N1,Ann Again,,Northtown,,,\n"  # 3: duplicate number
        "N3,Cat Crow,not-an-email,Northtown,,,\n"  # 4: bad email
        "N4,Dan Dee,,Atlantis,,,\n"  # 5: unknown branch
        "N5,Eve Ewe,,Northtown,,31/02/2024,\n"  # 6: bad date
        "N6,Fay Fox,,Northtown,,,01/02/25\n"  # 7: ambiguous date
        "N7,Gus Gray,,Northtown,retired,,\n"  # 8: unknown status
        ",Hal Hill,,,,,\n"  # 9: missing number and branch
        "N9,,,Northtown,,,\n"  # 10: missing name
    )
    result = import_text(text)
    assert not result.applied
    assert reasons(result) == [
        (3, "duplicate membership number 'N1' (first on line 2)"),
        (4, "bad email 'not-an-email'"),
        (5, "unknown branch 'Atlantis'"),
        (
            6,
            "joined on: bad date '31/02/2024': no such day; accepted formats: "
            "YYYY-MM-DD, DD/MM/YYYY (also with - or .), or 31 Dec 2024",
        ),
        (
            7,
            "paid until: ambiguous date '01/02/25': write the year in full; accepted formats: "
            "YYYY-MM-DD, DD/MM/YYYY (also with - or .), or 31 Dec 2024",
        ),
        (8, "unknown status 'retired' (accepted: active, lapsed, suspended, expelled)"),
        (9, "missing membership number"),
        (9, "missing branch"),
        (10, "missing name"),
    ]
    assert not Member.objects.filter(membership_number__startswith="N").exists()


def test_a_bad_last_row_leaves_the_roll_exactly_as_it_was(tree, bob):
    before = list(Member.objects.values_list("membership_number", "name", "branch_id", "status"))
    number = bob.member.membership_number
    rows = [f"{number},Robert Baker,,Southtown,lapsed,,"]
    rows += [f"M{i},Member {i},,Northtown,,," for i in range(50)]
    rows += ["M999,Last One,,Northtown,,1999-13-01,"]
    result = import_text(HEADER + "\n".join(rows) + "\n")
    assert reasons(result) == [
        (
            53,
            "joined on: bad date '1999-13-01': no such day; accepted "
            "formats: YYYY-MM-DD, DD/MM/YYYY (also with - or .), or "
            "31 Dec 2024",
        )
    ]
    after = list(Member.objects.values_list("membership_number", "name", "branch_id", "status"))
    assert after == before


def test_too_long_values_are_reported_rather_than_truncated(tree):
    result = import_text(HEADER + f"{'9' * 40},{'N' * 201},,Northtown,,,\n")
    assert reasons(result) == [
        (2, "membership number is longer than 32 characters"),
        (2, "name is longer than 200 characters"),
    ]


def test_a_branch_name_two_branches_share_must_be_given_as_a_slug(tree):
    f.make_unit("Twin", Unit.Kind.BRANCH, tree["north"])
    Unit.objects.create(name="twin", kind=Unit.Kind.BRANCH, parent=tree["south"], slug="twin-south")
    result = import_text(HEADER + "T1,Tim,,TWIN,,,\nT2,Tom,,twin-south,,,\n")
    assert reasons(result) == [(2, "branch 'TWIN' matches more than one branch; use its slug")]


def test_a_header_without_members_under_it_is_an_error(tree):
    result = import_text(HEADER)
    assert reasons(result) == [(1, "The file has a header row but no members under it.")]


def test_an_unterminated_quote_is_reported_at_its_line(tree):
    huge = "x" * 200_000
    result = import_text(HEADER + f'A1,Ann,,Northtown,,,\nA2,"{huge}\n')
    assert [line for line, _ in reasons(result)] == [3]
    assert "cannot read this line as CSV" in reasons(result)[0][1]
    assert not Member.objects.filter(membership_number="A1").exists()


# --- Creating and updating -----------------------------------------------------------------


def test_new_numbers_create_members_and_known_numbers_update_them(tree, bob):
    number = bob.member.membership_number
    text = HEADER + (
        f"{number},Robert Baker,rob@example.org,southtown,Lapsed,01/02/2019,2025-12-31\n"
        "NEW1,Nina New,nina@example.org,NORTHTOWN,,,\n"
    )
    result = import_text(text)
    assert result.applied
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    bob.member.refresh_from_db()
    assert (bob.member.name, bob.member.email, bob.member.branch) == (
        "Robert Baker",
        "rob@example.org",
        tree["southtown"],
    )
    assert bob.member.status == Member.Status.LAPSED
    assert (bob.member.joined_on, bob.member.paid_until) == (date(2019, 2, 1), date(2025, 12, 31))
    nina = Member.objects.get(membership_number="NEW1")
    assert (nina.branch, nina.status, nina.paid_until) == (tree["northtown"], "active", None)
    # The account link is not the import's business: Bob can still log in as himself.
    assert bob.member.user == bob


def test_members_absent_from_the_file_are_left_alone(tree, bob, dave):
    result = import_text(HEADER + "X1,Xena,,Northtown,,,\n")
    assert result.applied
    assert Member.objects.filter(pk__in=[bob.member.pk, dave.member.pk]).count() == 2
    dave.member.refresh_from_db()
    assert dave.member.status == Member.Status.ACTIVE


def test_blank_optional_cells_keep_what_is_stored(tree, bob):
    member = bob.member
    member.status = Member.Status.SUSPENDED
    member.save()
    number, email, paid_until = member.membership_number, member.email, member.paid_until
    result = import_text(HEADER + f"{number},Bob Baker,,Northtown,,,\n")
    assert (result.updated, result.unchanged) == (0, 1)
    member.refresh_from_db()
    assert (member.email, member.status, member.paid_until) == (email, "suspended", paid_until)


def test_first_and_last_names_are_joined_into_the_name(tree):
    table = table_of(
        "No,First name,Last name,Branch\n7,Ada,Lovelace,northtown\n8,,Solo,northtown\n"
    )
    result = members_import(table=table, mapping=guess_mapping(table.header), actor="test")
    assert result.applied
    assert Member.objects.get(membership_number="7").name == "Ada Lovelace"
    assert Member.objects.get(membership_number="8").name == "Solo"


def test_a_dry_run_reports_what_would_happen_but_changes_nothing(tree, bob):
    result = import_text(HEADER + "D1,Dry Run,,Northtown,,,\n", dry_run=True)
    assert not result.applied and result.plan.is_valid
    assert result.plan.actions == [Action.CREATE]
    assert not Member.objects.filter(membership_number="D1").exists()


def test_month_first_dates_are_read_when_the_file_says_so(tree):
    text = HEADER + "U1,Uma,,Northtown,,12/31/2020,\n"
    result = import_text(text, date_order=DateOrder.MONTH_FIRST)
    assert result.applied
    assert Member.objects.get(membership_number="U1").joined_on == date(2020, 12, 31)


# --- No input makes a traceback -------------------------------------------------------------

_CSV_ALPHABET = st.sampled_from(list('abc,;\t"\n\r 0123456789/-.@é\x00\xff'))


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.binary(max_size=400), st.text(_CSV_ALPHABET, max_size=400).map(str.encode)))
def test_any_bytes_are_refused_with_a_reason_or_checked_row_by_row(data):
    try:
        table = read_csv_table(decode_csv_bytes(data))
    except ImportFileError as error:
        assert str(error)
        return
    mapping = guess_mapping(table.header)
    mapping.update({Field.MEMBERSHIP_NUMBER: 0, Field.NAME: 0, Field.BRANCH: 0})
    branch = Unit(pk=1, name="Northtown", slug="northtown", kind=Unit.Kind.BRANCH)
    checker = RowChecker(mapping, BranchDirectory([branch]), DateOrder.DAY_FIRST)
    for line, record in table.rows:
        result = checker.check(line, record)
        assert isinstance(result, MemberRow) or all(isinstance(r, str) and r for r in result)


def test_an_unclosed_quote_is_reported_as_an_unreadable_line_not_a_missing_branch(tree):
    text = HEADER + 'Q1,Quinn,,Northtown,,,\nQ2,"Open Quote,,Northtown,,,\nQ3,Third,,Northtown,,,\n'
    result = import_text(text)
    assert not result.applied
    errors = [str(error) for error in result.plan.errors]
    assert errors == [
        "line 3: unreadable: a quote is not closed, so the lines after it were not read"
    ]
