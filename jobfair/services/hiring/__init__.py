"""Hiring: companies, vacancies, search, applications, AK/1, fairs, placements."""
