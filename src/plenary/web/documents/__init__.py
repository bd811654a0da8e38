"""Uploaded documents: checked by content, kept in private storage, served only by the view
of the app that owns them (docs/documents.md)."""
