"""Job seekers' pages (/pencari-kerja)."""
