"""Worker protection and aid: programmes, enrolments, imports, the ledger, claims, figures."""
