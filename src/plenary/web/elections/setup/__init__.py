"""Elections: setup."""
