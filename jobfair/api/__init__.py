"""JSON API v1 under /api/v1 (flask-smorest, OpenAPI 3.1): public reads, company tokens, office export tokens."""
