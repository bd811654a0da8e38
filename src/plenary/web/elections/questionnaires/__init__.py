"""Elections: questionnaires."""
