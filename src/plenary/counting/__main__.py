"""``python -m plenary.counting FILE...``: the same as ``plenary count FILE...``."""

import sys

from plenary.counting.cli import main

sys.exit(main())
