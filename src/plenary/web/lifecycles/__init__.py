"""Declared lifecycles: an object's states, the transitions between them and their guards,
every transition dated, attributed, recorded and audited (docs/lifecycles.md)."""
