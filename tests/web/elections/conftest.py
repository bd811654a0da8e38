"""The voting tests' open election and its three-candidate section, for every election test."""

from tests.web.elections.voting_helpers import election, section  # noqa: F401
