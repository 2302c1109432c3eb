"""Keyset pages in the API: the cursor fields of a page's body and its RFC 8288 `Link` header.

A list answers `next_cursor` / `prev_cursor` (pass them back as `after` / `before`), `count` and `count_exact`
(services/keyset.py: exact up to 1,000 rows, else an estimate with `count_exact` false), and the same two pages
as `Link: <url>; rel="next", <url>; rel="prev"`, the list's other query arguments kept in the URLs.
"""

from flask import request, url_for

LINK_HEADER = {"Link": {
    "description": 'RFC 8288 links to the next and previous page (rel="next", rel="prev"); absent on a single page',
    "schema": {"type": "string"}}}
CURSOR_ARGS = ("after", "before", "page")   # replaced by the link's own cursor


def cursor_fields(page) -> dict:
    return {"count": page.count, "count_exact": page.count_exact, "next_cursor": page.next_cursor,
            "prev_cursor": page.prev_cursor}


def link_header(page, args: dict) -> dict:
    """{"Link": ...} for `page` (a KeysetPage), or {} when it has neither a next nor a previous page."""
    kept = {name: value for name, value in args.items() if name not in CURSOR_ARGS and value not in (None, "")}
    links = [f'<{url_for(request.endpoint, **request.view_args, **kept, **{name: cursor}, _external=True)}>; '
             f'rel="{rel}"'
             for rel, name, cursor in (("next", "after", page.next_cursor), ("prev", "before", page.prev_cursor))
             if cursor]
    return {"Link": ", ".join(links)} if links else {}
