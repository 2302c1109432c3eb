"""Counts for a closing note: modules and top-level functions (public / private) of jobfair/, its services and
its rules, read with ast from a checkout.

    python tools/code_counts.py [CHECKOUT]   # default: this checkout; e.g. a `git worktree add` of an old commit
"""

import ast
import sys
from pathlib import Path


def counts(folder: Path) -> tuple[int, int, int]:
    modules = list(folder.rglob("*.py"))
    public = private = 0
    for path in modules:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                private += node.name.startswith("_")
                public += not node.name.startswith("_")
    return len([m for m in modules if m.name != "__init__.py"]), public, private


if __name__ == "__main__":
    root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
    for part in ("jobfair", "jobfair/services", "jobfair/rules"):
        modules, public, private = counts(root / part)
        print(f"{part:<18} modules {modules:4d}  public functions {public:5d}  private functions {private:4d}")
