"""The `plenary` console command.

`plenary count ...` counts ballot files without loading Django. `plenary serve` runs the
site; every other word is a Django management command (`plenary migrate`, `plenary demo`,
`plenary import_members`, `plenary check --deploy`, ...).
"""

from __future__ import annotations

import os
import sys

DJANGO_SETTINGS = "plenary.web.settings"


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "count":
        from plenary.counting.cli import main as count_main

        return count_main(args[1:])
    if args and args[0] == "serve":
        return _serve(args[1:])
    return _manage(args)


def _manage(args: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DJANGO_SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["plenary", *args])
    return 0


def _serve(args: list[str]) -> int:
    """Serve the site for one machine: Django's threaded server, with static files by whitenoise."""
    address = args[0] if args else "127.0.0.1:8000"
    # Django's server speaks plain HTTP: don't redirect to an HTTPS it cannot serve.
    os.environ.setdefault("HTTPS", "false")
    print(f"\nplenary is serving on http://{address}/  (Ctrl-C to stop)\n", flush=True)
    return _manage(["runserver", "--noreload", "--skip-checks", address, *args[1:]])


if __name__ == "__main__":
    sys.exit(main())
