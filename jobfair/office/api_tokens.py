"""/disnaker/token-api: the office's export tokens. The three pages (list, new, revoke) are shared by both
blueprints: jobfair/token_pages.py."""

from jobfair import token_pages
from jobfair.office.blueprint import bp

token_pages.register(bp)
