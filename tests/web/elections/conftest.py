"""Election test fixtures: the returning officer persona (tests/web/elections/fixtures_setup.py);
the shared personas come from tests/web/conftest.py."""

from tests.web.elections.fixtures_setup import ro  # noqa: F401
