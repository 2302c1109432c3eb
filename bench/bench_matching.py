"""Benchmark of the apprenticeship match (jobfair/rules/matching.py). Not a test.

A seeded random instance: every student ranks 5–10 distinct places drawn with a skewed popularity (place j is
chosen with weight 1 / (j + 1) ** 0.8, so a few places are wanted by many students), every place has 5–15 seats
and ranks all the students who chose it in a random order (like the default order: score, then lottery).
`stable_match` is timed with time.perf_counter over several repeats; min and median are printed.

    .venv/bin/python bench/bench_matching.py [--students 20000] [--places 2000] [--repeats 5] [--seed 2025]
"""

import argparse
import bisect
import itertools
import os
import platform
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from jobfair.rules.matching import rank_distribution, stable_match  # noqa: E402


def make_instance(n_students: int, n_places: int, seed: int, min_choices: int = 5, max_choices: int = 10):
    rng = random.Random(seed)
    places = [f"P{j:05d}" for j in range(n_places)]
    popularity = list(itertools.accumulate(1 / (j + 1) ** 0.8 for j in range(n_places)))
    total = popularity[-1]
    rng.shuffle(places)                                    # popularity is not tied to the id order
    student_prefs: dict[str, list[str]] = {}
    chosen_by: dict[str, list[str]] = {place: [] for place in places}
    for i in range(n_students):
        student = f"S{i:06d}"
        wanted = min(rng.randint(min_choices, max_choices), n_places)
        picks: list[str] = []
        seen: set[str] = set()
        while len(picks) < wanted:
            place = places[bisect.bisect_left(popularity, rng.random() * total)]
            if place not in seen:
                seen.add(place)
                picks.append(place)
        student_prefs[student] = picks
        for place in picks:
            chosen_by[place].append(student)
    place_prefs = {}
    for place in places:
        ranking = chosen_by[place]
        rng.shuffle(ranking)
        place_prefs[place] = ranking
    capacities = {place: rng.randint(5, 15) for place in places}
    return student_prefs, place_prefs, capacities


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20_000)
    parser.add_argument("--places", type=int, default=2_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    student_prefs, place_prefs, capacities = make_instance(args.students, args.places, args.seed)
    generated = time.perf_counter() - started
    list_length = sum(len(places) for places in student_prefs.values())
    seats = sum(capacities.values())

    timings = []
    result = None
    for _ in range(args.repeats):
        started = time.perf_counter()
        result = stable_match(student_prefs, place_prefs, capacities)
        timings.append(time.perf_counter() - started)

    matched = sum(place is not None for place in result.assignment.values())
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    print(f"instance: {args.students} students, {args.places} places, {seats} seats, "
          f"{list_length} choices in all (seed {args.seed}; generated in {generated:.2f} s)")
    print(f"stable_match over {args.repeats} repeats: min {min(timings):.3f} s, "
          f"median {statistics.median(timings):.3f} s")
    print(f"proposals: {result.proposals} ({result.proposals / list_length:.1%} of the total list length)")
    print(f"matched: {matched} of {args.students}; empty seats: {seats - matched}")
    print("rank distribution:", ", ".join(f"{rank if rank is not None else 'unmatched'}: {count}"
                                           for rank, count in rank_distribution(result).items()))


if __name__ == "__main__":
    main()
