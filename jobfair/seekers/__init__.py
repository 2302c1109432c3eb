"""Job seekers' pages (/pencari-kerja). Wiring: jobfair/areas.py."""
