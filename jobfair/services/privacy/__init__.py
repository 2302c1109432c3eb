"""Personal data protection (UU PDP): consents, Data saya, erasure, retention, incidents."""
