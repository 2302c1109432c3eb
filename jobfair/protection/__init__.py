"""The worker-protection and social-aid registers (/perlindungan, officers only)."""
