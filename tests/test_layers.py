"""The layer rules of docs/ARCHITECTURE.md, read from the code: services never touch the request, rules stay
pure, no module imports another's private names, role checks live in services/access.py, no site path is typed
into a service."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JOBFAIR = ROOT / "jobfair"
REQUEST_STATE = {"request", "session", "g", "current_user"}
SITE_PATH = re.compile(r"^/[a-z0-9-]+(/|$)")


def _modules(folder: Path):
    for path in sorted(folder.rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module, [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []


def test_services_never_touch_the_request():
    found = [f"{path}: {module} {names}" for path, tree in _modules(JOBFAIR / "services")
             for module, names in _imports(tree)
             if module in ("flask", "flask_login") and REQUEST_STATE & set(names)]
    assert not found, found


def _impure(module: str) -> bool:
    """Flask and every Flask extension (Flask-Babel too: rules write N_() texts that services translate), the
    database, and any jobfair module outside rules/. babel itself (formatting in rules/dates.py) needs no app."""
    top = module.split(".")[0]
    return (top == "flask" or top.startswith("flask_") or top in ("sqlalchemy", "werkzeug")
            or top == "jobfair" and not module.startswith("jobfair.rules"))


def test_rules_are_pure():
    found = [f"{path}: {module}" for path, tree in _modules(JOBFAIR / "rules") for module, _ in _imports(tree)
             if _impure(module)]
    assert not found, found


def test_no_module_imports_another_modules_private_names():
    found = [f"{path}: from {module} import {name}" for path, tree in _modules(JOBFAIR)
             for module, names in _imports(tree) if module.startswith("jobfair")
             for name in names if name.startswith("_") and not name.startswith("__")]
    assert not found, found


def test_office_roles_are_defined_once_in_the_access_module():
    found = [path for path, tree in _modules(JOBFAIR) for node in ast.walk(tree)
             if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "OFFICE_ROLES" for t in node.targets)
             and path != "jobfair/services/access.py"]
    assert not found, found


def _docstrings(tree) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def test_no_site_path_is_typed_into_a_service():
    """Links are built in the web layer (url_for) or stored as endpoints (jobfair/messages.Link)."""
    found = []
    for path, tree in _modules(JOBFAIR / "services"):
        docstrings = _docstrings(tree)
        found += [f"{path}:{node.lineno}: {node.value!r}" for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                  and SITE_PATH.match(node.value)]
    assert not found, found


def test_the_layer_checks_can_fail():
    tree = ast.parse("from flask import request\nfrom jobfair.services.hiring.vacancies import _private\n")
    assert [names for module, names in _imports(tree)] == [["request"], ["_private"]]
    assert SITE_PATH.match("/perusahaan/lowongan") and not SITE_PATH.match("/ hari")
    assert all(map(_impure, ("flask_babel", "flask", "sqlalchemy.orm", "jobfair.models", "jobfair.messages")))
    assert not any(map(_impure, ("babel.dates", "jobfair.rules.translatable", "datetime")))
