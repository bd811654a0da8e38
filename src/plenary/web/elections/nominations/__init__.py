"""Elections: nominations."""
