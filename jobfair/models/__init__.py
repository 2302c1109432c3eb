"""SQLAlchemy 2 typed models, one module per entity group."""

from jobfair.models.audit import AuditEvent
from jobfair.models.company import Company, CompanyStatus
from jobfair.models.person import Person, SeekerProfile
from jobfair.models.reference import (
    EducationLevel,
    Kecamatan,
    Kelurahan,
    Province,
    Regency,
    SmkMajor,
    WorkerCategory,
)
from jobfair.models.user import Role, User

__all__ = [
    "AuditEvent", "Company", "CompanyStatus", "EducationLevel", "Kecamatan", "Kelurahan", "Person",
    "Province", "Regency", "Role", "SeekerProfile", "SmkMajor", "User", "WorkerCategory",
]
