"""Accounts and sign-in: registration, passwords, second factor, sessions, API tokens."""
