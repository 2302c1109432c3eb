"""The page arguments of a list view: the opaque keyset cursors of the pager links (`setelah` / `sebelum`, see
services/keyset.py and the `pager` macro in templates/_macros.html) and the legacy `?page=N`."""

from flask import request


def page_args(args=None) -> dict:
    """{"page", "after", "before"} from the query string, for a service returning a keyset page."""
    args = request.args if args is None else args
    return {"page": max(1, args.get("page", 1, type=int) or 1), "after": args.get("setelah") or None,
            "before": args.get("sebelum") or None}
