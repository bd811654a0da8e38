"""Elections: counts."""
