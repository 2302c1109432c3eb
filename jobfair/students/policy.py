"""Who may call each endpoint of the students blueprint (/smk): SMK students and school staff.

Sections group an area's rows by feature (route_policy builds the cross-area feature tables from them, e.g.
APPRENTICESHIPS_POLICY); jobfair/route_policy.py assembles every area's POLICY into ROUTE_POLICY and refuses
an endpoint declared twice.
"""

from jobfair.policy_types import ANONYMOUS, SCHOOL, STUDENT, merge_policies

SECTIONS: dict[str, dict[str, object]] = {
    "FOUNDATION": {
        "students.dashboard": STUDENT,
        "students.school_dashboard": SCHOOL,
    },
    "SCHOOLS_STUDENTS": {
        "students.school_students": SCHOOL,
        "students.school_student_new": SCHOOL,
        "students.school_student": SCHOOL,
        "students.school_student_consent": SCHOOL,
        "students.school_student_invite": SCHOOL,
        "students.school_import": SCHOOL,
        "students.school_import_template": SCHOOL,
        "students.school_placements": SCHOOL,
        "students.school_pkl": SCHOOL,
        "students.school_pkl_duration": SCHOOL,
        "students.school_pkl_new": SCHOOL,
        "students.school_pkl_link": SCHOOL,
        "students.activate": ANONYMOUS,
    },
    "TRAINING": {
        "students.school_training_courses": SCHOOL,
        "students.school_training_course": SCHOOL,
        "students.school_training_certificate": SCHOOL,
        "students.my_trainings": STUDENT,
        "students.training_certificate": STUDENT,
    },
    "PLACES_MATCH": {
        "students.places_offered": STUDENT,
        "students.choices_edit": STUDENT,
        "students.match_result": STUDENT,
    },
    "APPRENTICESHIPS": {
        "students.apprenticeship": STUDENT,
        "students.apprenticeship_agreement": STUDENT,
        "students.apprenticeship_certificate": STUDENT,
        "students.logbook_new": STUDENT,
        "students.logbook_edit": STUDENT,
    },
}
POLICY: dict[str, object] = merge_policies({f"{__name__} {name}": table for name, table in SECTIONS.items()})
