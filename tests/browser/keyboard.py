"""Driving a page with the keyboard alone, for the keyboard-only browser tests."""

from __future__ import annotations

PASSWORD = "correct horse battery staple"


def tab_to(page, selector: str, limit: int = 80) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def type_into(page, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    tab_to(page, selector)
    page.keyboard.type(text)


def press_enter_and_wait(page) -> None:  # type: ignore[no-untyped-def]
    with page.expect_navigation():
        page.keyboard.press("Enter")


def log_in_by_keyboard(page, email: str) -> None:  # type: ignore[no-untyped-def]
    """Email and password on the login page, then Enter."""
    page.goto("/accounts/login/")
    type_into(page, "input[name=login]", email)
    type_into(page, "input[name=password]", PASSWORD)
    press_enter_and_wait(page)
