"""Pure rules of apprenticeship places: input checks, the 20% cap, the programme window, the default order."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from jobfair.rules import apprenticeship_rules as rules

GOOD = dict(title="Magang Juru Las", places=3, starts_on=date(2026, 2, 1), ends_on=date(2026, 5, 1),
            allowance_transport=500_000, allowance_meals=0, allowance_incentive=250_000, eligible_majors=["TPL"],
            mentor_name="Budi", location="Kariangau")


def test_a_good_place_has_no_problems():
    assert rules.place_problems(GOOD, max_months=12) == {}


def test_bad_fields_are_named():
    bad = dict(GOOD, title="", places=0, ends_on=date(2026, 1, 1), allowance_meals=-1, eligible_majors=[],
               allowance_incentive=True)
    problems = rules.place_problems(bad, max_months=12)
    assert set(problems) == {"title", "places", "ends_on", "allowance_meals", "allowance_incentive",
                             "eligible_majors"}


def test_longer_than_the_setting_is_refused():
    assert rules.place_problems(dict(GOOD, ends_on=date(2027, 2, 1)), max_months=12) == {}
    problems = rules.place_problems(dict(GOOD, ends_on=date(2027, 2, 2)), max_months=12)
    assert "12 bulan" in problems["ends_on"]
    assert "ends_on" in rules.place_problems(GOOD, max_months=2)


def test_a_place_may_not_start_before_today():
    assert rules.place_problems(GOOD, max_months=12, today=date(2026, 2, 1)) == {}  # today itself is fine
    problems = rules.place_problems(GOOD, max_months=12, today=date(2026, 2, 2))
    assert set(problems) == {"starts_on"}
    assert "hari ini (02-02-2026) atau sesudahnya" in problems["starts_on"]


def test_the_final_assessment_opens_fourteen_days_before_the_end():
    assert rules.ASSESSMENT_DAYS_BEFORE_END == 14
    assert rules.assessment_opens_on(date(2026, 5, 1)) == date(2026, 4, 17)


def test_headcount_cap_is_the_floor_of_twenty_percent():
    assert rules.headcount_cap(100, 0.20) == 20
    assert rules.headcount_cap(14, 0.20) == 2
    assert rules.headcount_cap(15, 0.20) == 3
    assert rules.headcount_cap(4, 0.20) == 0
    assert rules.headcount_cap(0, 0.20) == 0


@given(st.integers(min_value=0, max_value=10**6))
def test_headcount_cap_never_exceeds_the_share(headcount):
    cap = rules.headcount_cap(headcount, 0.20)
    assert cap * 5 <= headcount < (cap + 1) * 5


def test_window_is_the_months_before_graduation():
    assert rules.window(date(2026, 5, 31), 3) == (date(2026, 2, 28), date(2026, 5, 31))
    win = rules.window(date(2026, 6, 15), 3)
    assert rules.fits_window(date(2026, 3, 15), date(2026, 6, 15), win)
    assert not rules.fits_window(date(2026, 3, 14), date(2026, 6, 1), win)
    assert not rules.fits_window(date(2026, 4, 1), date(2026, 6, 16), win)


def test_default_order_by_score_then_recorded_lottery():
    students = [(1, 8000), (2, 9000), (3, 8000), (4, 8000), (5, 7000)]
    order = rules.default_order(students, seed=42)
    assert order[0] == 2 and order[-1] == 5 and sorted(order[1:4]) == [1, 3, 4]
    assert rules.default_order(list(reversed(students)), seed=42) == order  # input order does not matter
    ties = [(i, 8000) for i in range(1, 30)]
    assert rules.default_order(ties, 1) != rules.default_order(ties, 2)   # the seed decides ties
    assert rules.default_order(ties, 7) == rules.default_order(ties, 7)


def test_apprentices_are_at_least_seventeen_on_the_first_day():
    start = date(2026, 8, 4)
    assert rules.age_problem(date(2009, 8, 5), start, consent_recorded=True) == rules.TOO_YOUNG   # 16 that day
    assert rules.age_problem(date(2009, 8, 4), start, consent_recorded=True) is None            # 17 that day
    assert rules.age_problem(date(2009, 8, 4), start, consent_recorded=False) == rules.NO_GUARDIAN_CONSENT
    assert rules.age_problem(date(2008, 8, 4), start, consent_recorded=False) is None           # 18: an adult


def test_the_cap_counts_apprentices_at_the_same_time():
    d = date
    spring, summer = (d(2026, 1, 1), d(2026, 3, 31), 5), (d(2026, 4, 1), d(2026, 6, 30), 4)
    assert rules.peak_concurrent([], d(2026, 1, 1), d(2026, 12, 31)) == 0
    assert rules.peak_concurrent([spring], d(2027, 1, 1), d(2027, 3, 31)) == 0          # a year later: none
    assert rules.peak_concurrent([spring], d(2026, 3, 31), d(2026, 5, 1)) == 5          # one day in common
    assert rules.peak_concurrent([spring, summer], d(2026, 2, 1), d(2026, 5, 1)) == 5   # one after the other
    assert rules.peak_concurrent([spring, summer, (d(2026, 3, 15), d(2026, 4, 15), 2)],
                                 d(2026, 1, 1), d(2026, 12, 31)) == 7


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30), st.integers(1, 5)), max_size=8),
       st.integers(0, 60), st.integers(0, 30))
def test_peak_concurrent_is_the_busiest_day(places, start, length):
    base = date(2026, 1, 1)
    seats = [(base + timedelta(days=a), base + timedelta(days=a + n), k) for a, n, k in places]
    first, last = base + timedelta(days=start), base + timedelta(days=start + length)
    busiest = max(sum(k for s, e, k in seats if s <= day <= e)
                  for day in (first + timedelta(days=i) for i in range(length + 1)))
    assert rules.peak_concurrent(seats, first, last) == busiest


# --- the warning for a place whose dates fit no student's window -------------------------------------------------

def test_window_warning_is_none_when_one_students_window_holds_the_place():
    graduations = [date(2026, 6, 30), date(2026, 10, 31)]
    assert rules.window_warning(date(2026, 8, 1), date(2026, 10, 31), graduations, 3) is None


def test_window_warning_names_the_windows_that_would_fit():
    message = rules.window_warning(date(2026, 11, 1), date(2027, 1, 31), [date(2026, 10, 31), date(2026, 10, 31)], 3)
    assert message is not None and "tidak masuk masa magang siswa mana pun" in message
    assert "31-07-2026 – 31-10-2026" in message and message.count("31-07-2026") == 1  # one date, once
    assert "dalam 3 bulan sebelum tanggal lulus" in message


def test_window_warning_without_students_says_nobody_can_choose_the_place():
    assert "Belum ada siswa SMK terdaftar" in rules.window_warning(date(2026, 8, 1), date(2026, 9, 1), [], 3)


def test_window_warning_lists_at_most_three_windows():
    graduations = [date(2026, month, 28) for month in range(1, 7)]
    message = rules.window_warning(date(2027, 1, 1), date(2027, 2, 1), graduations, 3)
    assert message.count(" – ") == 1 + 3 and "dan 3 jadwal lain" in message
