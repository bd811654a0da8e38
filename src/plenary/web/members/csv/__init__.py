"""Importing and exporting the membership roll as CSV (docs/members-import.md)."""
