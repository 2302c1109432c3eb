"""The demo data: the city's July 2025 fair, the SMK cohort and the protection register,
dated relative to the day it is seeded."""
