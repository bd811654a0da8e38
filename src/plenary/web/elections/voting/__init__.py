"""Elections: voting."""
