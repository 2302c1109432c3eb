"""SQLAlchemy 2 typed models, one module per entity group."""

from jobfair.models.api_token import ApiToken
from jobfair.models.apprenticeship import (
    Apprenticeship,
    ApprenticeshipPlace,
    ApprenticeshipStatus,
    CompanyRanking,
    CompanyRefusal,
    LogbookEntry,
    MatchAssignment,
    MatchRound,
    PlaceStatus,
    StudentChoice,
)
from jobfair.models.audit import AuditEvent
from jobfair.models.auth import PasswordReset, RecoveryCode, SecondFactor, UserSession
from jobfair.models.company import Company, CompanyStatus
from jobfair.models.consent import ConsentRecord
from jobfair.models.fair import FairBooth, FairRegistration, JobFair
from jobfair.models.figures import FigureSnapshot
from jobfair.models.incident import DataIncident
from jobfair.models.job import BackgroundJob, JobStatus
from jobfair.models.notification import Notification, OutboxEmail
from jobfair.models.person import Ak1Card, Ak1Report, Ak1Status, Person, SeekerProfile
from jobfair.models.pkl import PklDuration, PklPlacement
from jobfair.models.privacy import DataSubjectRequest, RequestKind, RequestStatus
from jobfair.models.protection import (
    BPJS_COVER,
    Claim,
    ClaimKind,
    ClaimStatus,
    CoverMonth,
    Enrolment,
    ImportBatch,
    LedgerEntry,
    LedgerStatus,
    Payer,
    Programme,
    ProgrammeKind,
    ProtectionStatus,
    UmkSetting,
    Worker,
)
from jobfair.models.reference import (
    EducationLevel,
    Kecamatan,
    Kelurahan,
    Province,
    Regency,
    SmkMajor,
    WorkerCategory,
)
from jobfair.models.saved_search import AlertFrequency, SavedSearch, SavedSearchSent
from jobfair.models.school import School, Student
from jobfair.models.training import (
    Attendance,
    EnrolmentStatus,
    ProviderType,
    TrainingCourse,
    TrainingEnrolment,
    TrainingSession,
)
from jobfair.models.user import Role, User
from jobfair.models.vacancy import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    ContractType,
    EmploymentType,
    Interview,
    Placement,
    PlacementStatus,
    Vacancy,
    VacancyStatus,
)

__all__ = [
    "DataIncident",
    "ApiToken",
    "BPJS_COVER", "Claim", "ClaimKind", "ClaimStatus", "CoverMonth", "Enrolment", "ImportBatch", "LedgerEntry",
    "LedgerStatus", "Payer", "Programme", "ProgrammeKind", "ProtectionStatus", "UmkSetting", "Worker",
    "Apprenticeship", "ApprenticeshipPlace", "ApprenticeshipStatus", "Attendance", "CompanyRanking", "EnrolmentStatus",
    "LogbookEntry", "MatchAssignment", "MatchRound", "PlaceStatus", "ProviderType", "School", "Student",
    "StudentChoice", "TrainingCourse", "TrainingEnrolment", "TrainingSession", "CompanyRefusal",
    "PklDuration", "PklPlacement", "DataSubjectRequest", "RequestKind", "RequestStatus",
    "Ak1Card", "Ak1Report", "Ak1Status", "Application", "ApplicationEvent", "ApplicationStatus", "ContractType",
    "EmploymentType", "FairBooth", "FairRegistration", "Interview", "JobFair", "Notification", "OutboxEmail",
    "Placement", "PlacementStatus", "Vacancy", "VacancyStatus",
    "BackgroundJob", "JobStatus",
    "AlertFrequency", "SavedSearch", "SavedSearchSent",
    "PasswordReset", "RecoveryCode", "SecondFactor", "UserSession",
    "AuditEvent", "Company", "ConsentRecord", "CompanyStatus", "EducationLevel", "Kecamatan", "Kelurahan", "Person",
    "AuditEvent", "FigureSnapshot", "Company", "CompanyStatus", "EducationLevel", "Kecamatan", "Kelurahan", "Person",
    "Province", "Regency", "Role", "SeekerProfile", "SmkMajor", "User", "WorkerCategory",
]
