"""Routes for the voting part of elections (see docs/decisions/0005-elections.md)."""

urlpatterns: list[object] = []
