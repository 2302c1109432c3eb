"""SMK students' and schools' pages (/smk)."""
