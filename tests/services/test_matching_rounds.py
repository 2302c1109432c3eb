"""Match rounds: run (preview), publish once (apprenticeships, filled counts), discard, next rounds, why-not."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from jobfair.models import Apprenticeship, ApprenticeshipPlace, AuditEvent, MatchAssignment, MatchRound, Notification
from jobfair.rules.apprenticeship_rules import add_months
from jobfair.services.errors import InvalidState, PermissionDenied, ValidationFailed
from jobfair.services.smk import matching_rounds, preferences
from tests import factories


@pytest.fixture
def world(db):
    officer = factories.make_officer()
    company = factories.match_company(officer=officer)
    popular = factories.approved_place(company, officer, places=1, title="Magang Populer")
    backup = factories.approved_place(company, officer, places=2, title="Magang Cadangan")
    return officer, company, popular, backup


def _student(score: str, *choices, **overrides):
    student = factories.make_student(login=True, report_score=score, **overrides)
    preferences.set_choices(student.user, [p.id for p in choices])
    return student


def test_preview_then_publish_creates_apprenticeships(db, world):
    officer, company, popular, backup = world
    best = _student("95", popular, backup)
    second = _student("80", popular, backup)
    match_round = matching_rounds.run_round(officer)
    assert match_round.status == "preview" and match_round.number == 1
    stats = match_round.stats
    assert stats["matched"] == 2 and stats["unmatched"] == 0
    assert stats["rank_distribution"] == [[1, 1], [2, 1]]
    by_place = {p["place_id"]: p for p in stats["places"]}
    assert by_place[popular.id]["filled"] == 1 and by_place[backup.id]["empty"] == 1
    assert db.session.scalars(select(Apprenticeship)).all() == []        # a preview changes nothing yet
    _round, page = matching_rounds.preview(officer, match_round.id)
    assert {(a.student_id, a.place_id) for a in page.items} == {(best.id, popular.id), (second.id, backup.id)}

    matching_rounds.publish(officer, match_round.id)
    rows = db.session.scalars(select(Apprenticeship).order_by(Apprenticeship.id)).all()
    assert {(a.student_id, a.place_id) for a in rows} == {(best.id, popular.id), (second.id, backup.id)}
    assert all(a.status == "agreement" and a.agreement_number.startswith(f"PKS/MAG/{date.today().year}/")
               for a in rows)
    db.session.expire_all()
    assert db.session.get(ApprenticeshipPlace, popular.id).filled_count == 1
    assert db.session.get(ApprenticeshipPlace, backup.id).filled_count == 1
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "match.published")).actor_id == officer.id
    for user_id in (best.user_id, second.user_id, company.id):
        assert db.session.scalars(select(Notification).where(Notification.user_id == user_id)).first()


def test_publish_twice_is_refused(db, world):
    officer, _company, popular, _backup = world
    _student("90", popular)
    match_round = matching_rounds.run_round(officer)
    matching_rounds.publish(officer, match_round.id)
    with pytest.raises(InvalidState):
        matching_rounds.publish(officer, match_round.id)
    with pytest.raises(InvalidState):
        matching_rounds.discard(officer, match_round.id)
    assert len(db.session.scalars(select(Apprenticeship)).all()) == 1
    db.session.expire_all()
    assert db.session.get(ApprenticeshipPlace, popular.id).filled_count == 1


def test_only_officers_run_and_one_preview_at_a_time(db, world):
    officer, company, popular, _backup = world
    _student("90", popular)
    with pytest.raises(PermissionDenied):
        matching_rounds.run_round(company)
    first = matching_rounds.run_round(officer)
    with pytest.raises(InvalidState):
        matching_rounds.run_round(officer)
    matching_rounds.discard(officer, first.id)
    assert db.session.get(MatchRound, first.id).status == "discarded"
    with pytest.raises(InvalidState):
        matching_rounds.publish(officer, first.id)
    assert matching_rounds.run_round(officer).number == 2


def test_minor_without_consent_is_left_out_and_listed(db, world):
    officer, _company, popular, _backup = world
    today = date.today()
    minor = _student("99", popular, birth_date=date(today.year - 16, 1, 10))
    adult = _student("70", popular)
    match_round = matching_rounds.run_round(officer)
    assert [e["student_id"] for e in match_round.stats["excluded"]] == [minor.id]
    assert "orang tua/wali" in match_round.stats["excluded"][0]["reason"]
    assignments = db.session.scalars(select(MatchAssignment).where(MatchAssignment.round_id == match_round.id)).all()
    assert [(a.student_id, a.place_id) for a in assignments] == [(adult.id, popular.id)]


def test_next_round_uses_the_leftovers(db, world):
    officer, company, popular, backup = world
    winner = _student("95", popular)
    loser = _student("60", popular)
    first = matching_rounds.run_round(officer)
    matching_rounds.publish(officer, first.id)
    assert first.stats["unmatched"] == 1
    result = matching_rounds.student_result(loser.user)
    assert result["place"] is None and result["why_not"][0]["place"].id == popular.id
    # the popular place is full: the loser now ranks the backup place and the next round places them
    assert popular.id not in {p.id for p in preferences.offered_places(loser.user)}
    preferences.set_choices(loser.user, [backup.id])
    second = matching_rounds.run_round(officer)
    assert second.stats["students"] == 1          # the winner is matched already and takes no part
    matching_rounds.publish(officer, second.id)
    pairs = set(db.session.execute(select(Apprenticeship.student_id, Apprenticeship.place_id)).all())
    assert pairs == {(winner.id, popular.id), (loser.id, backup.id)}
    assert matching_rounds.student_result(loser.user)["place"].id == backup.id
    assert matching_rounds.student_result(winner.user)["choice_rank"] == 1


def test_why_not_a_higher_choice_in_indonesian(db, world):
    officer, company, popular, backup = world
    _student("95", popular, backup)
    second = _student("80", popular, backup)
    match_round = matching_rounds.run_round(officer)
    matching_rounds.publish(officer, match_round.id)
    result = matching_rounds.student_result(second.user)
    assert result["place"].id == backup.id and result["choice_rank"] == 2
    assert [w["place"].id for w in result["why_not"]] == [popular.id]
    assert "diperingkat lebih tinggi oleh perusahaan" in result["why_not"][0]["reason"]
    assert [a.student_id for a in matching_rounds.company_result(company, backup.id)["apprenticeships"]] == [
        second.id]


def test_company_ranking_overrides_school_score(db, world):
    officer, company, popular, backup = world
    top = _student("99", popular, backup)
    favourite = _student("60", popular, backup)
    preferences.set_ranking(company, popular.id, [favourite.id])
    match_round = matching_rounds.run_round(officer)
    got = dict(db.session.execute(select(MatchAssignment.student_id, MatchAssignment.place_id)
                                  .where(MatchAssignment.round_id == match_round.id)).all())
    assert got == {favourite.id: popular.id, top.id: backup.id}


def test_no_result_before_a_published_round(db, world):
    officer, _company, popular, _backup = world
    student = _student("80", popular)
    matching_rounds.run_round(officer)
    assert matching_rounds.student_result(student.user) is None


def _turns_17_on(day: date) -> date:
    return add_months(day, -17 * 12)


def test_an_apprentice_is_at_least_17_on_the_first_day(db, world):
    officer, _company, popular, backup = world
    start = popular.starts_on
    # A 16-year-old with the guardian's consent, turning 17 the day after both places start: no place.
    young = _student("99", popular, backup, birth_date=_turns_17_on(start) + timedelta(days=1), consent=True)
    seventeen = _student("70", popular, birth_date=_turns_17_on(start), consent=True)  # 17 that day: a place
    no_consent = _student("90", backup, birth_date=_turns_17_on(start))                # 17, minor, no consent
    match_round = matching_rounds.run_round(officer)
    excluded = {e["student_id"]: e["reason"] for e in match_round.stats["excluded"]}
    assert set(excluded) == {young.id, no_consent.id}
    assert "17 tahun" in excluded[young.id] and "orang tua/wali" in excluded[no_consent.id]
    got = dict(db.session.execute(select(MatchAssignment.student_id, MatchAssignment.place_id)
                                  .where(MatchAssignment.round_id == match_round.id)).all())
    assert got == {seventeen.id: popular.id}
    matching_rounds.publish(officer, match_round.id)
    result = matching_rounds.student_result(young.user)       # the why-not page says so, place by place
    assert result["place"] is None and [w["place"].id for w in result["why_not"]] == [popular.id, backup.id]
    assert all("belum 17 tahun" in w["reason"] for w in result["why_not"])


def test_publishing_checks_the_age_on_the_first_day_again(db, world):
    officer, _company, popular, _backup = world
    student = _student("80", popular, birth_date=_turns_17_on(popular.starts_on), consent=True)
    match_round = matching_rounds.run_round(officer)
    student.person.birth_date += timedelta(days=2)     # the school corrects the birth date before publishing
    db.session.commit()
    with pytest.raises(InvalidState) as exc:
        matching_rounds.publish(officer, match_round.id)
    assert "17 tahun" in exc.value.message and student.person.full_name in exc.value.message
    assert db.session.scalars(select(Apprenticeship)).all() == []
    assert db.session.get(MatchRound, match_round.id).status == "preview"


def test_no_repeating_a_programme(db, world):
    officer, _company, popular, backup = world
    again = _student("99", popular, backup)
    factories.make_apprenticeship(again, popular, status="terminated")     # once before, outside a match
    first = _student("60", popular)
    match_round = matching_rounds.run_round(officer)
    got = dict(db.session.execute(select(MatchAssignment.student_id, MatchAssignment.place_id)
                                  .where(MatchAssignment.round_id == match_round.id)).all())
    assert got == {again.id: backup.id, first.id: popular.id}
    assert match_round.stats["why_not"][str(again.id)] == [[popular.id, "repeated"]]
    matching_rounds.publish(officer, match_round.id)
    assert "mengulang" in matching_rounds.student_result(again.user)["why_not"][0]["reason"]


def test_publishing_refuses_a_repeated_programme(db, world):
    officer, _company, popular, _backup = world
    student = _student("80", popular)
    match_round = matching_rounds.run_round(officer)
    factories.make_apprenticeship(student, popular)    # created meanwhile, outside this round
    with pytest.raises(InvalidState) as exc:
        matching_rounds.publish(officer, match_round.id)
    assert "mengulang program pemagangan yang sama" in exc.value.message
    assert len(db.session.scalars(select(Apprenticeship)).all()) == 1
    assert db.session.get(MatchRound, match_round.id).status == "preview"


def test_the_rank_recorded_is_the_one_the_student_gave(db, world):
    officer, company, popular, backup = world
    other = factories.approved_place(company, officer, places=1, title="Magang Lain")
    student = _student("80", other, popular, backup)
    other.filled_count = 1                  # rank 1 filled since (another round): no longer offered
    db.session.commit()
    _student("95", popular)                 # takes the only seat of rank 2
    match_round = matching_rounds.run_round(officer)
    assignment = db.session.scalar(select(MatchAssignment).where(MatchAssignment.student_id == student.id))
    assert (assignment.place_id, assignment.choice_rank) == (backup.id, 3)   # third on the student's own list
    assert match_round.stats["rank_distribution"] == [[1, 1], [3, 1]]
    assert [pid for pid, _code in match_round.stats["why_not"][str(student.id)]] == [other.id, popular.id]


def test_a_company_marks_a_student_not_acceptable(db, world):
    officer, company, popular, backup = world
    top = _student("99", popular, backup)
    other = _student("60", popular, backup)
    with pytest.raises(ValidationFailed) as exc:          # ranked and refused at once: which one?
        preferences.set_ranking(company, popular.id, [top.id], not_acceptable=[top.id])
    assert "tidak dapat diterima" in exc.value.field_errors["ranking"]
    preferences.set_ranking(company, popular.id, [], not_acceptable=[top.id])
    listed = {c.student_id: c for c in preferences.candidates(company, popular.id)}
    assert (listed[top.id].acceptable, listed[top.id].order) == (False, None)
    assert (listed[other.id].acceptable, listed[other.id].order) == (True, 1)
    match_round = matching_rounds.run_round(officer)
    got = dict(db.session.execute(select(MatchAssignment.student_id, MatchAssignment.place_id)
                                  .where(MatchAssignment.round_id == match_round.id)).all())
    assert got == {top.id: backup.id, other.id: popular.id}       # never placed where refused
    matching_rounds.publish(officer, match_round.id)
    [why] = matching_rounds.student_result(top.user)["why_not"]
    assert why["place"].id == popular.id and why["reason"] == "Perusahaan menandai Anda tidak dapat diterima di " \
                                                               "tempat ini."


def test_unmarking_a_student_makes_them_acceptable_again(db, world):
    officer, company, popular, backup = world
    top = _student("99", popular, backup)
    other = _student("60", popular, backup)
    preferences.set_ranking(company, popular.id, [], not_acceptable=[top.id])
    preferences.set_ranking(company, popular.id, [])          # the whole form again, nobody marked
    match_round = matching_rounds.run_round(officer)
    got = dict(db.session.execute(select(MatchAssignment.student_id, MatchAssignment.place_id)
                                  .where(MatchAssignment.round_id == match_round.id)).all())
    assert got == {top.id: popular.id, other.id: backup.id}
