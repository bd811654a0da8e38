import pytest

from plenary.procedure import parse_motion

MOTION = """Branch rules
Conference notes
1. The annual meeting is held by post or by email.
2. The union shall meet monthly.
2.3. Officers are elected yearly.
a) first
a) second
"""


@pytest.fixture
def motion():
    return parse_motion(MOTION)
