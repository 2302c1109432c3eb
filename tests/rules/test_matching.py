"""Student-proposing deferred acceptance: worked examples, then properties on random instances checked against
independent oracles (a blocking-pair finder and a brute-force enumerator of every stable matching)."""

from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobfair.rules.matching import (
    FULL_WITH_HIGHER_RANKED,
    NO_CAPACITY,
    NOT_ACCEPTABLE,
    MatchResult,
    rank_distribution,
    stable_match,
    why_not_higher,
)

# --- oracles (written independently of the implementation) ---------------------------------------------------------


def acceptable(student, place, student_prefs, place_prefs, capacities):
    return (place in student_prefs[student] and student in place_prefs.get(place, ())
            and capacities.get(place, 0) > 0)


def blocking_pairs(student_prefs, place_prefs, capacities, assignment):
    held = defaultdict(list)
    for student, place in assignment.items():
        if place is not None:
            held[place].append(student)
    pairs = []
    for student, places in student_prefs.items():
        for place in places:
            if place == assignment[student]:
                break
            if not acceptable(student, place, student_prefs, place_prefs, capacities):
                continue
            ranking = place_prefs[place]
            if len(held[place]) < capacities[place] or any(
                    ranking.index(other) > ranking.index(student) for other in held[place]):
                pairs.append((student, place))
    return pairs


def all_stable_matchings(student_prefs, place_prefs, capacities):
    """Every stable matching, by backtracking over each student's acceptable places (or none)."""
    students = list(student_prefs)
    choices = {s: [p for p in student_prefs[s] if acceptable(s, p, student_prefs, place_prefs, capacities)] + [None]
               for s in students}
    found, current, load = [], {}, defaultdict(int)

    def walk(i):
        if i == len(students):
            if not blocking_pairs(student_prefs, place_prefs, capacities, current):
                found.append(dict(current))
            return
        student = students[i]
        for place in choices[student]:
            if place is not None and load[place] >= capacities[place]:
                continue
            current[student] = place
            load[place] += 1
            walk(i + 1)
            load[place] -= 1
            del current[student]

    walk(0)
    return found


def position(student_prefs, student, place):
    """0-based position of the place on the student's list; unmatched is worse than any place."""
    return len(student_prefs[student]) if place is None else student_prefs[student].index(place)


# --- random instances ----------------------------------------------------------------------------------------------


def lengths(full):
    """How much of a list to keep: often all of it, else any prefix (incomplete lists)."""
    return st.one_of(st.just(full), st.integers(0, full))


@st.composite
def instances(draw, max_students=30, max_places=8, max_capacity=4):
    students = [f"s{i}" for i in range(draw(st.integers(0, max_students)))]
    places = [f"p{j}" for j in range(draw(st.integers(0, max_places)))]
    wanted = places + ["ghost"]                        # a place that is in no company's list
    student_prefs = {}
    for student in students:
        order = draw(st.permutations(wanted))
        student_prefs[student] = order[:draw(lengths(len(order)))]
    place_prefs = {}
    for place in places:
        if draw(st.integers(0, 9)) == 0:               # sometimes a place has no list at all
            continue
        order = draw(st.permutations(students + ["stranger"]))
        place_prefs[place] = order[:draw(lengths(len(order)))]
    capacities = {place: draw(st.integers(0, max_capacity)) for place in places if draw(st.integers(0, 9)) > 0}
    return student_prefs, place_prefs, capacities


@st.composite
def opposed_instances(draw):
    """Balanced markets (as many students as seats, complete lists) where a place prefers the students who rank
    it lowest: many of them have several stable matchings, so student-optimality is really tested."""
    places = [f"p{j}" for j in range(draw(st.integers(1, 3)))]
    capacities = {place: draw(st.integers(1, 2)) for place in places}
    students = [f"s{i}" for i in range(min(6, sum(capacities.values())))]
    student_prefs = {student: draw(st.permutations(places)) for student in students}
    place_prefs = {place: sorted(draw(st.permutations(students)), key=lambda s: -student_prefs[s].index(place))
                   for place in places}
    return student_prefs, place_prefs, capacities


small_instances = st.one_of(instances(max_students=6, max_places=3), opposed_instances())


def reversed_dict(mapping):
    return dict(reversed(list(mapping.items())))


# --- worked examples -----------------------------------------------------------------------------------------------

# Gale & Shapley (1962), "College admissions and the stability of marriage", the 3x3 example: every man's first
# choice is a different woman, so the man-optimal stable matching gives each his first choice, while the women's
# first choices give another stable matching (3 stable matchings in all).
GS3_STUDENTS = {"alpha": ["A", "B", "C"], "beta": ["B", "C", "A"], "gamma": ["C", "A", "B"]}
GS3_PLACES = {"A": ["beta", "gamma", "alpha"], "B": ["gamma", "alpha", "beta"], "C": ["alpha", "beta", "gamma"]}

# The paper's 4x4 example with a single stable matching: alpha-C, beta-D, gamma-A, delta-B.
GS4_STUDENTS = {"alpha": ["A", "B", "C", "D"], "beta": ["A", "D", "C", "B"], "gamma": ["B", "A", "C", "D"],
                "delta": ["D", "B", "C", "A"]}
GS4_PLACES = {"A": ["delta", "gamma", "alpha", "beta"], "B": ["beta", "delta", "alpha", "gamma"],
              "C": ["delta", "alpha", "beta", "gamma"], "D": ["gamma", "beta", "alpha", "delta"]}


def test_gale_shapley_3x3_gives_every_student_their_first_choice():
    caps = dict.fromkeys("ABC", 1)
    result = stable_match(GS3_STUDENTS, GS3_PLACES, caps)
    assert result.assignment == {"alpha": "A", "beta": "B", "gamma": "C"}
    assert result.choice_rank == {"alpha": 1, "beta": 1, "gamma": 1}
    assert result.proposals == 3
    stable = all_stable_matchings(GS3_STUDENTS, GS3_PLACES, caps)
    assert len(stable) == 3
    assert {"alpha": "C", "beta": "A", "gamma": "B"} in stable        # the places' favourite


def test_gale_shapley_4x4_unique_stable_matching():
    caps = dict.fromkeys("ABCD", 1)
    result = stable_match(GS4_STUDENTS, GS4_PLACES, caps)
    assert result.assignment == {"alpha": "C", "beta": "D", "gamma": "A", "delta": "B"}
    assert result.choice_rank == {"alpha": 3, "beta": 2, "gamma": 2, "delta": 2}
    assert all_stable_matchings(GS4_STUDENTS, GS4_PLACES, caps) == [result.assignment]
    assert rank_distribution(result) == {2: 3, 3: 1}


# Capacity 2 with a rejection chain: citra bumps ani from "las"; ani bumps dedi from "listrik"; dedi bumps budi
# from "las"; budi has nowhere left.
CAP_STUDENTS = {"ani": ["las", "listrik"], "budi": ["las"], "citra": ["las", "listrik"], "dedi": ["listrik", "las"]}
CAP_PLACES = {"las": ["dedi", "citra", "budi", "ani"], "listrik": ["ani", "citra", "dedi"]}
CAP_SEATS = {"las": 2, "listrik": 1}


def test_capacity_two_with_a_rejection_chain():
    result = stable_match(CAP_STUDENTS, CAP_PLACES, CAP_SEATS)
    assert result.assignment == {"ani": "listrik", "budi": None, "citra": "las", "dedi": "las"}
    assert result.filled == {"las": ("dedi", "citra"), "listrik": ("ani",)}
    assert result.choice_rank == {"ani": 2, "budi": None, "citra": 1, "dedi": 2}
    assert result.proposals == 6
    assert result.empty_seats("las") == 0 and result.empty_seats("listrik") == 0
    assert rank_distribution(result) == {1: 1, 2: 2, None: 1}
    assert why_not_higher("ani", result, CAP_STUDENTS, CAP_PLACES) == [("las", FULL_WITH_HIGHER_RANKED)]
    assert why_not_higher("budi", result, CAP_STUDENTS, CAP_PLACES) == [("las", FULL_WITH_HIGHER_RANKED)]
    assert why_not_higher("citra", result, CAP_STUDENTS, CAP_PLACES) == []


def test_unacceptable_pairs_unknown_places_and_no_capacity():
    students = {"eka": ["ghost", "closed", "picky", "open"], "fajar": ["picky", "open"], "gita": ["open"]}
    places = {"closed": ["eka"], "picky": ["fajar"], "open": ["gita", "eka", "fajar"], "spare": []}
    seats = {"closed": 0, "picky": 1, "open": 1, "spare": 3, "nolist": 2}
    result = stable_match(students, places, seats)
    assert result.assignment == {"eka": None, "fajar": "picky", "gita": "open"}
    assert result.filled == {"closed": (), "picky": ("fajar",), "open": ("gita",), "spare": (), "nolist": ()}
    assert result.empty_seats("spare") == 3 and result.empty_seats("closed") == 0
    assert result.proposals == 3                                      # eka -> open, fajar -> picky, gita -> open
    assert why_not_higher("eka", result, students, places) == [
        ("ghost", NOT_ACCEPTABLE), ("closed", NO_CAPACITY), ("picky", NOT_ACCEPTABLE),
        ("open", FULL_WITH_HIGHER_RANKED)]
    assert why_not_higher("gita", result, students, places) == []


def test_a_student_with_an_empty_list_and_empty_input():
    assert stable_match({}, {}, {}) == MatchResult({}, {}, {}, 0, {})
    assert rank_distribution(stable_match({}, {}, {})) == {}
    result = stable_match({"hadi": []}, {"x": ["hadi"]}, {"x": 1})
    assert result.assignment == {"hadi": None} and result.filled == {"x": ()}
    assert rank_distribution(result) == {None: 1}
    assert why_not_higher("hadi", result, {"hadi": []}, {"x": ["hadi"]}) == []


def test_ids_need_not_be_comparable():
    s1, s2, p = object(), object(), object()
    result = stable_match({s1: [p], s2: [p]}, {p: [s2, s1]}, {p: 2})
    assert result.filled[p] == (s2, s1)


@pytest.mark.parametrize("students, places, seats, message", [
    ({"a": ["x", "x"]}, {"x": ["a"]}, {"x": 1}, "lebih dari sekali"),
    ({"a": ["x"]}, {"x": ["a", "a"]}, {"x": 1}, "lebih dari sekali"),
    ({"a": ["x"]}, {"x": ["a"]}, {"x": -1}, "Kapasitas"),
    ({"a": ["x"]}, {"x": ["a"]}, {"x": 1.5}, "Kapasitas"),
])
def test_bad_input_is_refused_with_a_clear_message(students, places, seats, message):
    with pytest.raises(ValueError, match=message):
        stable_match(students, places, seats)


def test_why_not_higher_refuses_a_result_from_other_preferences():
    result = stable_match(CAP_STUDENTS, CAP_PLACES, CAP_SEATS)
    with pytest.raises(ValueError):
        why_not_higher("nobody", result, CAP_STUDENTS, CAP_PLACES)
    changed = {**CAP_PLACES, "las": ["budi", "dedi", "citra", "ani"]}
    with pytest.raises(ValueError):
        why_not_higher("budi", result, CAP_STUDENTS, changed)


# --- properties ----------------------------------------------------------------------------------------------------


@given(instances())
def test_no_blocking_pair(instance):
    student_prefs, place_prefs, capacities = instance
    result = stable_match(*instance)
    assert blocking_pairs(student_prefs, place_prefs, capacities, result.assignment) == []


@given(instances())
def test_no_place_over_capacity_and_filled_agrees_with_assignment(instance):
    student_prefs, place_prefs, capacities = instance
    result = stable_match(*instance)
    for place, held in result.filled.items():
        assert len(held) <= capacities.get(place, 0)
        assert list(held) == sorted(held, key=place_prefs.get(place, []).index)        # the place's preference order
        assert all(result.assignment[student] == place for student in held)
    assert sum(len(held) for held in result.filled.values()) == sum(p is not None for p in result.assignment.values())


@given(instances())
def test_every_match_is_on_both_lists_and_the_rank_is_right(instance):
    student_prefs, place_prefs, capacities = instance
    result = stable_match(*instance)
    assert list(result.assignment) == list(student_prefs)
    for student, place in result.assignment.items():
        if place is None:
            assert result.choice_rank[student] is None
        else:
            assert acceptable(student, place, student_prefs, place_prefs, capacities)
            assert result.choice_rank[student] == student_prefs[student].index(place) + 1
    assert sum(rank_distribution(result).values()) == len(student_prefs)


@settings(deadline=None)
@given(small_instances)
def test_no_student_does_better_in_any_other_stable_matching(instance):
    student_prefs = instance[0]
    result = stable_match(*instance)
    stable = all_stable_matchings(*instance)
    assert result.assignment in stable
    for other in stable:
        for student in student_prefs:
            assert (position(student_prefs, student, result.assignment[student])
                    <= position(student_prefs, student, other[student]))


@given(instances(), st.randoms(use_true_random=False))
def test_same_input_same_output_whatever_the_order(instance, rnd):
    student_prefs, place_prefs, capacities = instance
    first = stable_match(*instance)
    assert repr(stable_match(*instance)) == repr(first)
    assert stable_match(reversed_dict(student_prefs), reversed_dict(place_prefs), reversed_dict(capacities)) == first
    shuffled = list(student_prefs.items())
    rnd.shuffle(shuffled)
    assert stable_match(dict(shuffled), place_prefs, capacities) == first


@given(instances())
def test_proposals_are_bounded_by_the_total_list_length(instance):
    student_prefs, place_prefs, capacities = instance
    result = stable_match(*instance)
    assert result.proposals <= sum(len(places) for places in student_prefs.values())
    # Exactly: each student proposed to every acceptable place down to the one they hold (or all of them).
    expected = 0
    for student, places in student_prefs.items():
        for place in places:
            expected += acceptable(student, place, student_prefs, place_prefs, capacities)
            if place == result.assignment[student]:
                break
    assert result.proposals == expected


@given(instances())
def test_why_not_higher_explains_every_place_above_the_match(instance):
    student_prefs, place_prefs, capacities = instance
    result = stable_match(*instance)
    for student in student_prefs:
        reasons = why_not_higher(student, result, student_prefs, place_prefs)
        got = result.assignment[student]
        above = student_prefs[student] if got is None else student_prefs[student][:student_prefs[student].index(got)]
        assert [place for place, _ in reasons] == list(above)
        for place, reason in reasons:
            if reason == FULL_WITH_HIGHER_RANKED:
                assert len(result.filled[place]) == capacities[place]
            elif reason == NO_CAPACITY:
                assert capacities.get(place, 0) == 0
            else:
                assert reason == NOT_ACCEPTABLE and student not in place_prefs.get(place, ())


@settings(max_examples=30, deadline=None)
@given(instances(max_students=8, max_places=4))
def test_student_optimality_on_slightly_larger_instances(instance):
    student_prefs = instance[0]
    result = stable_match(*instance)
    for other in all_stable_matchings(*instance):
        for student in student_prefs:
            assert (position(student_prefs, student, result.assignment[student])
                    <= position(student_prefs, student, other[student]))
