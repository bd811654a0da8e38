"""The shape every write view shares: a valid form (or a one-button post) calls one service,
and the rules the service refuses are shown beside the fields they name."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def show_errors(form: BaseForm, error: ValidationError) -> None:
    """Put a service's errors beside the fields they name, the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


NOT_DONE = object()  # what `submitted` returns when there is nothing to redirect to


def submitted(
    request: HttpRequest,
    form: BaseForm,
    action: Callable[[dict[str, Any]], Any],
    *,
    success: str | Callable[[Any], str],
    errors: Callable[[ValidationError], ValidationError] = lambda error: error,
) -> Any:
    """If the form was posted and is valid, call the service with its cleaned data and say
    `success` (or what it makes of the result); a rule the service refuses is shown beside
    its field (`errors` may first move messages onto the form's fields). Returns the
    service's result, or NOT_DONE when the page should be shown (again)."""
    if request.method != "POST" or not form.is_valid():
        return NOT_DONE
    try:
        result = action(form.cleaned_data)
    except ValidationError as error:
        show_errors(form, errors(error))
        return NOT_DONE
    messages.success(request, success if isinstance(success, str) else success(result))
    return result


def acted(request: HttpRequest, action: Callable[[], Any], success: Callable[[Any], str]) -> None:
    """Call a service for a one-button form, and say how it went as a message."""
    try:
        result = action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success(result))


# --- Confirming an action that cannot be undone ---------------------------------------------
# The button that starts such an action is a link to a confirmation page (a GET, so it works
# without JavaScript); that page says what will happen and what cannot be undone, and posts
# CONFIRM_FIELD with the CSRF token. The POST endpoint refuses a request without the field,
# showing the confirmation page again, so no old form or stray click does it in one step.

CONFIRM_FIELD = "confirm"
CONFIRM_VALUE = "yes"


@dataclass(frozen=True)
class Confirmation:
    title: str  # the question, e.g. "Publish the result of Branch committee 2027?"
    happens: Sequence[str]  # what the action does
    irreversible: Sequence[str]  # what cannot be undone afterwards
    button: str  # the confirming button's words, e.g. "Publish the result"
    action: str  # the address the confirmation posts to
    back: str  # the address to go back to without doing anything
    back_label: str = "Go back without doing anything"
    hidden: Mapping[str, str] = dataclasses.field(default_factory=dict)  # other fields to post


def confirmed(request: HttpRequest) -> bool:
    """Whether a POST carries the confirmation from the confirmation page."""
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == CONFIRM_VALUE


def confirmation_page(
    request: HttpRequest, confirmation: Confirmation, *, refused: bool = False
) -> HttpResponse:
    """The confirmation page; with `refused`, the answer to a POST that lacked the
    confirmation (400, saying nothing was done)."""
    return render(
        request,
        "core/confirm.html",
        {
            "confirmation": confirmation,
            "refused": refused,
            "confirm_field": CONFIRM_FIELD,
            "confirm_value": CONFIRM_VALUE,
        },
        status=400 if refused else 200,
    )
