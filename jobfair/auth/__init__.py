"""Login, logout, registration, password change and reset, the office staff's second factor (/akun)."""
