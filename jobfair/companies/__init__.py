"""Companies' pages (/perusahaan)."""
