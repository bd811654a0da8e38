"""Hypothesis profiles: `ci` (the default, and what `make test` runs) draws the same examples
every run, so a random draw never decides whether a commit lands; `fuzz` (`make fuzz`)
draws fresh random examples, many more, to go looking for new failures."""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("fuzz", derandomize=False, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
