"""ERS97: the Electoral Reform Society's rules for counting STV by hand (1997).

Source: Electoral Reform Society, "How to conduct an election by the Single Transferable
Vote", 3rd edition (1997), section 5 (rules 5.1 to 5.6) and the glossary (section 6):
https://www.electoral-reform.org.uk/latest-news-and-research/publications/how-to-conduct-an-election-by-the-single-transferable-vote-3rd-edition/
In brief, with the paragraph numbers cited in the code:

5.1.6  Quota: valid vote / (places + 1) to two decimal places; if not exact, ignore the
       remainder and add 0.01.
5.1.7  Deem elected, in descending order of votes, any candidate with the quota or with
       the total active vote / (places not yet filled + 1); ties as 5.6.2.
5.2.2  A surplus is deferred while the total of surpluses cannot change who is excluded
       next: not more than (a) the gap between the two lowest candidates, or (b) the gap
       between the votes of a group that could be excluded together and the next above.
5.2.3  Otherwise the largest surplus is transferred; ties by the earliest point in the
       count where the votes were unequal, then by lot.
5.2.5  Exclude as many of the lowest candidates together as possible, provided enough
       remain and their votes plus any deferred surpluses do not exceed the next above.
5.3    A surplus arising at the first stage uses all the candidate's papers; later, only
       the last received batch. Transfer value = surplus / transferable papers, to two
       places, remainder ignored (unless the papers are worth less than the surplus,
       when they keep their value); the remainder is the non-transferable difference.
5.4    An excluded candidate's papers go in batches of equal value, highest first; after
       each batch, candidates reaching the quota are deemed elected and receive no more.
5.4.8  While no one is elected, the quota is recalculated without non-transferable votes.
5.5    When continuing candidates equal the places left they are elected; when all the
       places are filled the rest are formally excluded.

Arithmetic: integers scaled by 100 (two places). The non-transferable difference of 5.3
is counted as non-transferable, as the rules say, so nothing is "lost to rounding".
Validated by hand-checked counts and the published figures of the ERS97 model election
(tests/counting/test_ers97.py); no independent reference count was available.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from plenary.counting.numbers import div_up, to_decimal
from plenary.counting.profile import PAD, Profile
from plenary.counting.record import ELECTED, EXCLUDED, HOPEFUL, CountResult, TieBreak
from plenary.counting.rules.gregory import GregoryCount, StageEvent, gregory_rule
from plenary.counting.ties import break_tie


class Ers97Count(GregoryCount):
    method = "ers97"
    method_name = "ERS97 STV (Electoral Reform Society, 1997)"
    places = 2  # 5.1.6 "to two decimal places"

    def __init__(self, profile: Profile, **kwargs: Any) -> None:
        super().__init__(profile, **kwargs)
        # ERS97 moves papers in batches picked by value and by the transfer that brought
        # them, so it keeps every line's state in arrays over all lines rather than in
        # parcels: the candidate holding it, where its current preference is in the
        # flattened table, the value of each of its papers and the batch that brought it.
        self.holder = self.table[:, 0].copy()
        self.pos = np.arange(0, self.table.size, self.table.shape[1], dtype=np.intp)
        self.value = np.full(len(self.papers), self.one, dtype=np.int64)
        self.received = np.zeros(len(self.papers), dtype=np.int32)
        self.last_batch = np.zeros(self.n, dtype=np.int32)
        self.batches = 0
        self.points: list[tuple[int, ...]] = []  # votes after the first stage and each batch

    def calculate_quota(self) -> int:
        # 5.1.6 (and 5.4.8): valid vote less non-transferable, over places + 1, to two
        # places; if not exact, ignore the remainder and add 0.01 (i.e. round up).
        return div_up(self.valid_papers * self.one - self.exhausted, self.seats + 1)

    # --- the count ---------------------------------------------------------------------

    def run(self) -> CountResult:
        np.add.at(self.votes, self.holder, self.papers * self.value)
        self.points.append(tuple(int(v) for v in self.votes))
        event = StageEvent("first", (), "First preferences counted")
        self.deem_elected(event)  # 5.1.7
        self.record(event)
        while self.seats_left() > 0:
            hopeful = self.hopeful()
            if len(hopeful) <= self.seats_left():  # 5.5.1
                self.fill_last_vacancies()
                break
            if self.pending and not self.deferred():
                self.transfer_surplus(self.choose_surplus())  # 5.2.3, 5.3
                continue
            group, tie = self.exclusion_group()  # 5.2.5
            if len(hopeful) - len(group) == self.seats_left():  # 5.5.1
                self.elect_the_rest(group, tie)
                break
            self.exclude_group(group, tie)  # 5.4
        self.exclude_the_rest()  # 5.5.2
        return self.result()

    # --- electing ----------------------------------------------------------------------

    def threshold(self) -> int:
        """5.1.7(b): total active vote / (places not yet filled + 1), to two places up."""
        # 6.20: continuing candidates' votes plus votes awaiting transfer (untransferred
        # surpluses and the papers of candidates being excluded).
        waiting = sum(int(self.votes[c]) for c in range(self.n) if self.state[c] == EXCLUDED)
        active = sum(int(self.votes[c]) for c in self.hopeful()) + self.surplus_total() + waiting
        return max(div_up(active, self.seats_left() + 1), 1)

    def deem_elected(self, event: StageEvent) -> None:
        """5.1.7 / 5.3.13 / 5.4.9: quota or active-vote threshold, most votes first."""
        if self.seats_left() <= 0:
            return
        needed = min(self.quota, self.threshold())
        reached = sorted(
            (c for c in self.hopeful() if self.votes[c] >= needed),
            key=lambda c: -int(self.votes[c]),
        )
        if len(reached) > self.seats_left():
            reached = self.settle_too_many(reached, event)
        # Equal votes are elected in the order their surpluses go (5.1.7, 5.2.3).
        order, notes = self.order_of_election(reached)
        event.notes.extend(notes)
        for c in order:
            self.state[c] = ELECTED
            self.elected.append(c)
            event.elected.append(c)
            if self.votes[c] > self.quota:  # elected below the quota: no surplus
                self.pending.append(c)

    def settle_too_many(self, reached: list[int], event: StageEvent) -> list[int]:
        """5.6.2: equal votes at the last place go by the earliest point where they
        differed; if they never differed, none of them is elected at this stage."""
        places = self.seats_left()
        cut = int(self.votes[reached[places - 1]])
        sure = [c for c in reached if self.votes[c] > cut]
        tied = [c for c in reached if self.votes[c] == cut]
        for point in self.points:
            best = max(point[c] for c in tied)
            if any(point[c] != best for c in tied):
                ordered = sorted(tied, key=lambda c: -point[c])
                return sure + ordered[: places - len(sure)]
        event.notes.append(
            "Equal votes at every point: "
            + ", ".join(self.names[c] for c in tied)
            + " not deemed elected at this stage (5.6.2)"
        )
        return sure

    # --- surpluses ---------------------------------------------------------------------

    def surplus_total(self) -> int:
        return sum(max(int(self.votes[c]) - self.quota, 0) for c in self.pending)

    def deferred(self) -> bool:
        """5.2.2: defer while the surpluses cannot change who is to be excluded."""
        total = self.surplus_total()
        low = sorted(int(self.votes[c]) for c in self.hopeful())
        if len(low) >= 2 and total <= low[1] - low[0]:
            return True
        return bool(self.batch_group())

    def _pick(self, tied: list[int], *, lowest: bool, purpose: str) -> tuple[int, TieBreak | None]:
        if len(tied) == 1:
            return tied[0], None
        tie = break_tie(
            tied,
            self.points,
            lowest=lowest,
            purpose=purpose,
            lot=self.lot,
            names=self.names,
            forward=True,  # 5.2.3, 5.2.5: "the first stage or the earliest point"
        )
        return tie.chosen, tie

    def transfer_surplus(self, choice: tuple[int, TieBreak | None]) -> None:
        c, tie = choice
        self.pending.remove(c)
        surplus = int(self.votes[c]) - self.quota
        # 5.3.1-5.3.2: all papers from the first stage, otherwise the last batch only.
        lines = np.flatnonzero((self.holder == c) & (self.received == self.last_batch[c]))
        holders, pos = self.next_preferences(self.pos[lines])
        movable = holders != PAD
        moving = lines[movable]
        papers = int(self.papers[moving].sum())
        worth = int((self.papers[moving] * self.value[moving]).sum())
        # 5.3.7: share the surplus over the transferable papers, to two places, down;
        # papers worth no more than the surplus keep their present value.
        transfer_value: int | None = None
        if worth > surplus:
            transfer_value = surplus // papers
            self.value[moving] = transfer_value
        credited = int((self.papers[moving] * self.value[moving]).sum())
        self.votes[c] = self.quota
        self.exhausted += surplus - credited  # 5.3.9 the non-transferable difference
        self.batches += 1
        self.pos[moving] = pos[movable]
        self.holder[moving] = holders[movable]
        self.received[moving] = self.batches
        np.add.at(self.votes, holders[movable], self.papers[moving] * self.value[moving])
        np.maximum.at(self.last_batch, holders[movable], self.batches)
        # Papers that could go nowhere stay, set aside, with the elected candidate.
        self.points.append(tuple(int(v) for v in self.votes))
        event = StageEvent(
            "surplus",
            (c,),
            f"Surplus of {self.names[c]} ({to_decimal(surplus, self.places)}) transferred "
            f"from {papers} transferable papers",
            transfer_value=transfer_value,
            tie=tie,
        )
        self.deem_elected(event)  # 5.3.13
        self.record(event)

    # --- exclusions --------------------------------------------------------------------

    def batch_group(self) -> list[int]:
        """5.2.5: the largest group (two or more) of lowest candidates that may be
        excluded together, or [] if there is none."""
        hopeful = sorted(self.hopeful(), key=lambda c: int(self.votes[c]))
        deferred = self.surplus_total()
        best = 0
        running = 0
        for k in range(1, len(hopeful)):
            running += int(self.votes[hopeful[k - 1]])
            if len(hopeful) - k < self.seats_left():  # 5.2.5(a)
                break
            next_above = int(self.votes[hopeful[k]])
            if running + deferred <= next_above and self.votes[hopeful[k - 1]] < next_above:
                best = k  # 5.2.5(b), without splitting candidates with equal votes
        return hopeful[:best] if best >= 2 else []

    def exclusion_group(self) -> tuple[list[int], TieBreak | None]:
        """5.2.5: as many of the lowest together as possible, else the single lowest."""
        group = self.batch_group()
        if group:
            return group, None
        hopeful = self.hopeful()
        low = min(int(self.votes[c]) for c in hopeful)
        tied = [c for c in hopeful if self.votes[c] == low]
        chosen, tie = self._pick(tied, lowest=True, purpose="exclusion")
        return [chosen], tie

    def exclude_group(self, group: list[int], tie: TieBreak | None) -> None:
        """5.4: transfer the excluded candidates' papers in batches of equal value."""
        for c in group:
            self.state[c] = EXCLUDED
        names = ", ".join(self.names[c] for c in group)
        event = StageEvent("exclusion", tuple(group), f"Excluded: {names}", tie=tie)
        event.excluded.extend(group)
        lines = np.flatnonzero(np.isin(self.holder, group))
        for value in sorted({int(v) for v in self.value[lines]}, reverse=True):
            batch = lines[self.value[lines] == value]
            self.transfer_batch(batch)
            self.deem_elected(event)  # 5.4.9, 5.4.10
            if self.seats_left() <= 0:
                break
        self.record(event)

    def transfer_batch(self, batch: np.ndarray) -> None:
        holders, pos = self.next_preferences(self.pos[batch])
        found = holders != PAD
        amounts = self.papers[batch] * self.value[batch]
        self.batches += 1
        np.subtract.at(self.votes, self.holder[batch], amounts)
        self.exhausted += int(amounts[~found].sum())
        self.pos[batch] = pos
        self.holder[batch] = holders
        self.received[batch] = self.batches
        np.add.at(self.votes, holders[found], amounts[found])
        np.maximum.at(self.last_batch, holders[found], self.batches)
        if not self.elected:  # 5.4.8
            self.quota = self.calculate_quota()
        self.points.append(tuple(int(v) for v in self.votes))

    def elect_the_rest(self, group: list[int], tie: TieBreak | None) -> None:
        """5.5.1: excluding ``group`` would leave as many candidates as places: they are
        deemed elected, and nothing is transferred."""
        for c in group:
            self.state[c] = EXCLUDED
        rest = self.hopeful()
        event = StageEvent(
            "elect_remaining",
            tuple(rest),
            "Deemed elected: " + ", ".join(self.names[c] for c in rest),
            tie=tie,
        )
        event.excluded.extend(group)
        event.notes.append(
            "Excluded without transfer: " + ", ".join(self.names[c] for c in group) + " (5.5.1)"
        )
        for c in rest:
            self.state[c] = ELECTED
            self.elected.append(c)
            event.elected.append(c)
        self.record(event)

    def exclude_the_rest(self) -> None:
        """5.5.2: all places filled; the remaining continuing candidates are excluded."""
        rest = [c for c in range(self.n) if self.state[c] == HOPEFUL]
        for c in rest:
            self.state[c] = EXCLUDED
        if rest and self.stages:
            from dataclasses import replace

            last = self.stages[-1]
            self.stages[-1] = replace(
                last,
                states=tuple(self.state),
                excluded=(*last.excluded, *rest),
                notes=(*last.notes, "Formally excluded: " + ", ".join(self.names[c] for c in rest)),
            )


count_ers97 = gregory_rule(
    Ers97Count,
    source=(
        "Electoral Reform Society, How to conduct an election by the Single Transferable "
        "Vote, 3rd edition (1997), section 5"
    ),
    aliases=("ers",),
    supports_constraints=False,
)
