"""Companies' pages (/perusahaan). Wiring: jobfair/areas.py."""
