"""Public pages (/): home, language, the dashboard dispatcher, notifications, vacancies and fairs, privacy notices
and consents, open data, and UU PDP's "Data saya" and erasure requests."""
