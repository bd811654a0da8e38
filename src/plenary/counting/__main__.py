"""``python -m plenary.counting FILE...``: the same as ``plenary count FILE...``."""

import sys

from plenary.counting.cli import main

if __name__ == "__main__":  # importing this module (e.g. to check layers) must not count
    sys.exit(main())
