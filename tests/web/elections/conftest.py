"""Election test fixtures: the returning officer persona (fixtures_setup.py) and the voting
tests' open election with its three-candidate section (voting_helpers.py); the shared
personas come from tests/web/conftest.py."""

from tests.web.elections.fixtures_setup import ro  # noqa: F401
from tests.web.elections.voting_helpers import election, section  # noqa: F401
