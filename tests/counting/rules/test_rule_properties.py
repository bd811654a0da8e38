"""Properties every count by these rules keeps, on random small elections."""

from hypothesis import given, settings
from hypothesis import strategies as st

from plenary.counting import Profile, count
from plenary.counting.checks import check_result
from plenary.counting.rules._meek_paths import PathIndex, RecomputedPaths

Line = tuple[tuple[int | tuple[int, ...], ...], int]


@st.composite
def rankings(draw, n: int) -> tuple[int | tuple[int, ...], ...]:
    """A ranking of some of ``n`` candidates; now and then two of them ranked equal."""
    order = draw(st.permutations(range(n)))
    ranking: list[int | tuple[int, ...]] = list(order[: draw(st.integers(1, n))])
    if len(ranking) >= 2 and draw(st.integers(0, 4)) == 0:
        i = draw(st.integers(0, len(ranking) - 2))
        ranking[i : i + 2] = [(order[i], order[i + 1])]
    return tuple(ranking)


@st.composite
def elections(draw, min_candidates: int = 2, max_candidates: int = 6):
    n = draw(st.integers(min_candidates, max_candidates))
    lines = draw(st.lists(st.tuples(rankings(n), st.integers(1, 9)), max_size=20))
    withdrawn = draw(st.sets(st.integers(0, n - 1), max_size=n - 1))
    seats = draw(st.integers(1, n))
    return [chr(ord("A") + c) for c in range(n)], seats, lines, sorted(withdrawn)


def build(names, seats, lines: list[Line], withdrawn) -> Profile:
    return Profile.from_rankings(names, seats, lines, withdrawn=withdrawn)


def standing(names, withdrawn) -> int:
    return len(names) - len(withdrawn)


def stage_figures(result):
    return [(s.action, s.totals, s.exhausted, s.elected, s.excluded) for s in result.stages]


def assert_votes_are_conserved(result) -> None:
    for stage in result.stages:
        accounted = sum(stage.totals) + stage.exhausted + stage.lost_to_rounding
        assert accounted == result.valid_votes, f"stage {stage.number}: {stage.description}"
    assert check_result(result) == []


def assert_same_count_reordered(method: str, election, rnd):
    """Count, then count again with the lines shuffled and split: the same ballots."""
    names, seats, lines, withdrawn = election
    shuffled = list(lines)
    rnd.shuffle(shuffled)
    split = [part for r, w in shuffled for part in ([(r, w)] if w == 1 else [(r, 1), (r, w - 1)])]
    first = count(build(names, seats, lines, withdrawn), method, seed=1)
    again = count(build(names, seats, split, withdrawn), method, seed=1)
    assert again.elected == first.elected
    assert stage_figures(again) == stage_figures(first)
    return first


COUNTS = settings(max_examples=60, deadline=None)


@COUNTS
@given(elections())
def test_meek_accounts_for_every_vote_at_every_stage(election):
    result = count(build(*election), "meek", seed=1)
    assert_votes_are_conserved(result)


@COUNTS
@given(elections())
def test_meek_fills_exactly_the_seats(election):
    names, seats, lines, withdrawn = election
    result = count(build(*election), "meek", seed=1)
    assert len(result.elected) == min(seats, standing(names, withdrawn))
    assert len(set(result.elected)) == len(result.elected)
    assert not set(result.elected) & set(withdrawn)


@COUNTS
@given(elections(), st.randoms(use_true_random=False))
def test_meek_does_not_depend_on_the_order_or_splitting_of_ballot_lines(election, rnd):
    assert_same_count_reordered("meek", election, rnd)


@COUNTS
@given(elections())
def test_irv_accounts_for_every_vote_and_elects_one(election):
    names, _, lines, withdrawn = election
    result = count(build(names, 1, lines, withdrawn), "irv", seed=1)
    assert_votes_are_conserved(result)
    assert len(result.elected) == 1
    assert result.elected[0] not in withdrawn


@COUNTS
@given(elections(), st.randoms(use_true_random=False))
def test_irv_does_not_depend_on_the_order_or_splitting_of_ballot_lines(election, rnd):
    names, _, lines, withdrawn = election
    assert_same_count_reordered("irv", (names, 1, lines, withdrawn), rnd)


@COUNTS
@given(elections())
def test_meek_for_one_seat_agrees_with_irv_when_no_tie_arises(election):
    names, _, lines, withdrawn = election
    irv = count(build(names, 1, lines, withdrawn), "irv", seed=1)
    meek = count(build(names, 1, lines, withdrawn), "meek", seed=1)
    if any(s.tie for s in irv.stages) or any(s.tie for s in meek.stages):
        return  # the rules settle ties differently (earlier stages against lot)
    assert meek.elected == irv.elected


@COUNTS
@given(elections())
def test_first_past_the_post_accounts_for_every_valid_ballot(election):
    names, _, lines, withdrawn = election
    result = count(build(names, 1, lines, withdrawn), "fptp", seed=1)
    assert_votes_are_conserved(result)
    assert len(result.elected) == 1


@COUNTS
@given(elections(), st.sampled_from(["block", "approval"]), st.randoms(use_true_random=False))
def test_block_and_approval_fill_the_seats_whatever_the_order_of_lines(election, method, rnd):
    names, seats, lines, withdrawn = election
    first = assert_same_count_reordered(method, election, rnd)
    assert len(first.elected) == min(seats, standing(names, withdrawn))
    # A ballot may give several votes, so only the balance of votes cannot hold.
    assert [p for p in check_result(first) if "valid votes" not in p] == []


@COUNTS
@given(elections(), st.data())
def test_meek_path_index_keeps_up_with_rebuilt_paths(election, data):
    names, seats, lines, withdrawn = election
    profile = build(*election)
    states = ["withdrawn" if c in withdrawn else "hopeful" for c in range(len(names))]
    lines = profile.rankings, profile.weights
    index, rebuilt = PathIndex(*lines, states), RecomputedPaths(*lines, states)
    assert as_dict(index.paths()) == as_dict(rebuilt.paths())
    hopeful = [c for c, s in enumerate(states) if s == "hopeful"]
    for c in data.draw(st.permutations(hopeful)):
        state = data.draw(st.sampled_from(["elected", "excluded"]))
        index.update(c, state)
        rebuilt.update(c, state)
        assert as_dict(index.paths()) == as_dict(rebuilt.paths())


def as_dict(paths) -> dict[tuple[int, ...], int]:
    """Paths with their weights, leaving out paths no ballot takes."""
    rows = zip(paths.paths.tolist(), paths.weights.tolist(), strict=True)
    return {tuple(c for c in row if c >= 0): w for row, w in rows if w}
