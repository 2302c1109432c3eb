"""SMK students' and schools' pages (/smk). Wiring: jobfair/areas.py."""
