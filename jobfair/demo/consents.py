"""The demo people's consents (UU PDP), recorded as the real flows would: a seeker ticks the boxes when registering
(channel web), a school collects an adult student's match-sharing consent on its enrolment form (typed in at the
office, or carried by the CSV import). Minors' guardian consents go through students.record_guardian_consent.
Consents change no published figure: they only decide what is shown to companies and what is e-mailed."""

from jobfair.models import Student, User
from jobfair.privacy_notices import AK1, CV_SHARING, EMAIL, IMPORT, MATCH_SHARING, OFFICE, PLACEMENT, WEB
from jobfair.services.privacy import consents

SEEKER_ALL = (PLACEMENT, CV_SHARING, AK1, EMAIL)


def record_seeker_consents(user: User, n: int) -> None:
    """Every demo seeker consents to placement, CV sharing and the AK/1 card; one in ten declines e-mails."""
    given = SEEKER_ALL if n % 10 else (PLACEMENT, CV_SHARING, AK1)
    consents.record_answers(user, given, channel=WEB, actor=user, at=user.created_at)


def record_student_sharing(staff: User, student: Student, *, typed: bool) -> None:
    consents.record(student, MATCH_SHARING, given=True, channel=OFFICE if typed else IMPORT, actor=staff)
