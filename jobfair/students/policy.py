"""Who may call each endpoint of the students blueprint (/smk): SMK students and school staff."""

from jobfair.policy_types import ANONYMOUS, SCHOOL, STUDENT, area_policy, combine, grant

SECTIONS: dict[str, dict[str, object]] = {
    "FOUNDATION": combine(
        grant(STUDENT, "students.dashboard"),
        grant(SCHOOL, "students.school_dashboard"),
    ),
    "SCHOOLS_STUDENTS": combine(
        grant(SCHOOL, "students.school_students", "students.school_student_new", "students.school_student",
                      "students.school_student_consent", "students.school_student_invite", "students.school_import",
                      "students.school_import_template", "students.school_placements", "students.school_pkl",
                      "students.school_pkl_duration", "students.school_pkl_new", "students.school_pkl_link"),
        grant(ANONYMOUS, "students.activate"),
    ),
    "TRAINING": combine(
        grant(SCHOOL, "students.school_training_courses", "students.school_training_course",
                      "students.school_training_certificate"),
        grant(STUDENT, "students.my_trainings", "students.training_certificate"),
    ),
    "PLACES_MATCH": grant(STUDENT, "students.places_offered", "students.choices_edit", "students.match_result"),
    "APPRENTICESHIPS": grant(STUDENT, "students.apprenticeship", "students.apprenticeship_agreement",
                                      "students.apprenticeship_certificate", "students.logbook_new",
                                      "students.logbook_edit"),
}
POLICY: dict[str, object] = area_policy(__name__, SECTIONS)
