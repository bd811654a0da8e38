"""The one CSV writer of the web project: formula cells are neutralised, and read back."""

from __future__ import annotations

import pytest

from plenary.web.core.csv import csv_rewrite, csv_text, neutralise, unneutralise

HOSTILE = ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_would_be_formula_is_written_as_text_and_read_back(value):
    assert neutralise(value) == f"'{value}"
    assert unneutralise(neutralise(value)) == value


@pytest.mark.parametrize("value", ["Bob Baker", "", "'quoted", "a=b", 12, None])
def test_ordinary_cells_are_left_alone(value):
    text = "" if value is None else str(value)
    assert neutralise(value) == text
    assert unneutralise(text) == text


def test_rows_and_foreign_csv_are_neutralised():
    assert csv_text([["name"], ["=cmd"]]) == "name\n'=cmd\n"
    assert csv_rewrite('stage,name\n1,"@SUM(A1)"\n') == "stage,name\n1,'@SUM(A1)\n"
