from tests.personas import admin, alice, bob, carol, dave, tree  # noqa: F401
