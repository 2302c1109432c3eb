"""Apprenticeship allocation: student-proposing deferred acceptance with capacities (Gale–Shapley 1962, the
"college admissions" problem), pure Python, standard library only.

The result is the student-optimal stable matching: no student and place would both rather have each other than
what they got, and every student gets the best place they can have in any stable matching. Ranking truthfully is
safe for students (the mechanism is strategy-proof for the proposing side).

Input conventions
- ``student_prefs``: student -> the places the student wants, best first. A place that is not in ``place_prefs``
  is ignored (it cannot accept anyone); a place listed twice raises ``ValueError`` (the service layer prevents it).
- ``place_prefs``: place -> the students the place accepts, best first. A student not on a place's list is not
  acceptable to it (the service layer appends its default order — school score, then lottery — for students the
  company did not rank itself). A student listed twice raises ``ValueError``.
- ``capacities``: place -> number of seats. A missing place or capacity 0 means nobody can be placed there.
  Ids are any hashable values; they are never compared with each other, only hashed.

Cost: building the rank lookups is linear in the lists' total length; each proposal costs O(log capacity) (every
place keeps its held students in a heap with the worst-ranked on top) and every student proposes at most once to
each place on their list, so the run is O(total length of the students' lists × log max capacity).

Determinism: free students are processed first-in first-out, starting in ``student_prefs`` order; nothing iterates
over a set. The outcome does not depend on that order at all — the student-optimal stable matching is unique and
even the set of proposals made is the same for every order — so equal inputs give equal results whatever the
dicts' insertion order. Output dicts follow input order (students: ``student_prefs``; places: ``place_prefs``,
then places found only in ``capacities``).
"""

from collections import Counter, deque
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from heapq import heappush, heapreplace
from itertools import chain

FULL_WITH_HIGHER_RANKED = "full_with_higher_ranked"
NOT_ACCEPTABLE = "not_acceptable"
NO_CAPACITY = "no_capacity"

_NOBODY: Mapping = {}


@dataclass(frozen=True)
class MatchResult:
    assignment: dict          # student -> place or None (every student in the input appears)
    choice_rank: dict         # student -> 1-based rank of the place on the student's own list, or None
    filled: dict              # place -> tuple of students held, in the place's preference order (every place)
    proposals: int            # number of proposals made (each to a place that could accept the student)
    capacity: dict = field(default_factory=dict)   # place -> seats used for the run (0 when missing)

    def empty_seats(self, place: Hashable) -> int:
        return self.capacity.get(place, 0) - len(self.filled.get(place, ()))


def _place_ranks(place_prefs: Mapping) -> dict:
    ranks: dict = {}
    for place, students in place_prefs.items():
        lookup: dict = {}
        for position, student in enumerate(students):
            if student in lookup:
                raise ValueError(f"Tempat {place!r} memeringkat siswa {student!r} lebih dari sekali "
                                 f"(place {place!r} ranks student {student!r} twice).")
            lookup[student] = position
        ranks[place] = lookup
    return ranks


def _capacities(place_prefs: Mapping, capacities: Mapping) -> dict:
    seats: dict = {}
    for place in chain(place_prefs, capacities):
        if place in seats:
            continue
        value = capacities.get(place, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"Kapasitas tempat {place!r} harus bilangan bulat >= 0, bukan {value!r} "
                             f"(capacity must be a whole number >= 0).")
        seats[place] = value
    return seats


def _check_no_duplicates(student_prefs: Mapping) -> None:
    for student, places in student_prefs.items():
        if len(set(places)) != len(places):
            seen: set = set()
            for place in places:
                if place in seen:
                    raise ValueError(f"Siswa {student!r} memilih tempat {place!r} lebih dari sekali "
                                     f"(student {student!r} ranks place {place!r} twice).")
                seen.add(place)


def stable_match(student_prefs: Mapping[Hashable, Sequence[Hashable]],
                 place_prefs: Mapping[Hashable, Sequence[Hashable]],
                 capacities: Mapping[Hashable, int]) -> MatchResult:
    """Student-proposing deferred acceptance with capacities; see the module docstring."""
    _check_no_duplicates(student_prefs)
    place_rank = _place_ranks(place_prefs)
    seats = _capacities(place_prefs, capacities)
    open_rank = {place: ranks for place, ranks in place_rank.items() if seats[place] > 0}

    held: dict = {place: [] for place in seats}        # place -> heap of (-rank, student): worst-ranked on top
    next_choice = dict.fromkeys(student_prefs, 0)      # index of the next place to try on the student's list
    free = deque(student_prefs)
    proposals = 0
    while free:
        student = free.popleft()
        wanted = student_prefs[student]
        index = next_choice[student]
        while index < len(wanted):
            place = wanted[index]
            index += 1
            rank = open_rank.get(place, _NOBODY).get(student)
            if rank is None:                               # unknown place, no seats, or the student is not on its list
                continue
            proposals += 1
            heap = held[place]
            if len(heap) < seats[place]:
                heappush(heap, (-rank, student))
                break
            if rank < -heap[0][0]:                         # ranks are unique per place: students never compared
                _, bumped = heapreplace(heap, (-rank, student))
                free.append(bumped)
                break
        next_choice[student] = index

    placed = {student: place for place, heap in held.items() for _, student in heap}
    assignment = {student: placed.get(student) for student in student_prefs}
    choice_rank = {student: (next_choice[student] if student in placed else None) for student in student_prefs}
    filled = {place: tuple(student for _, student in sorted(heap, key=lambda entry: -entry[0]))
              for place, heap in held.items()}
    return MatchResult(assignment=assignment, choice_rank=choice_rank, filled=filled, proposals=proposals,
                       capacity=seats)


def why_not_higher(student: Hashable, result: MatchResult, student_prefs: Mapping[Hashable, Sequence[Hashable]],
                   place_prefs: Mapping[Hashable, Sequence[Hashable]]) -> list[tuple[Hashable, str]]:
    """For each place the student ranked above the one they got (all of them when unmatched), in the student's
    order, the reason they did not get it:

    - ``not_acceptable``: the place is unknown or its list does not include the student;
    - ``no_capacity``: the place has no seats (capacity 0 or missing);
    - ``full_with_higher_ranked``: the place is full with students its company ranked higher.

    ``result`` must come from ``stable_match`` on the same preferences; otherwise ``ValueError``.
    """
    if student not in result.assignment or student not in student_prefs:
        raise ValueError(f"Siswa {student!r} tidak ada dalam hasil pencocokan (student not in the result).")
    got = result.assignment[student]
    reasons: list[tuple[Hashable, str]] = []
    for place in student_prefs[student]:
        if place == got:
            break
        ranking = place_prefs.get(place)
        if ranking is None or student not in ranking:
            reasons.append((place, NOT_ACCEPTABLE))
        elif result.capacity.get(place, 0) <= 0:
            reasons.append((place, NO_CAPACITY))
        else:
            holders = result.filled.get(place, ())
            lookup = {other: position for position, other in enumerate(ranking)}
            mine = lookup[student]
            if len(holders) < result.capacity[place] or any(lookup.get(other, mine) >= mine for other in holders):
                raise ValueError(f"Hasil tidak cocok dengan preferensi untuk tempat {place!r} "
                                 f"(the result does not come from these preferences).")
            reasons.append((place, FULL_WITH_HIGHER_RANKED))
    return reasons


def rank_distribution(result: MatchResult) -> dict[int | None, int]:
    """How many students got their 1st, 2nd, ... choice; ``None`` counts the unmatched. Ranks ascending, None last."""
    return distribution_of(result.choice_rank)


def distribution_of(choice_rank: Mapping[Hashable, int | None]) -> dict[int | None, int]:
    """``rank_distribution`` of any student -> rank mapping (e.g. the ranks on the students' full lists, when the
    caller removed some choices before the match)."""
    counts = Counter(choice_rank.values())
    ordered = {rank: counts[rank] for rank in sorted(rank for rank in counts if rank is not None)}
    if None in counts:
        ordered[None] = counts[None]
    return ordered
