"""docs/ARCHITECTURE.md lists every module as it is (its module map is generated from the code)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_module_map_of_the_architecture_document_is_up_to_date():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "architecture.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_every_module_has_a_docstring_for_the_map():
    missing = [str(path.relative_to(ROOT)) for folder in ("services", "rules", "demo")
               for path in (ROOT / "jobfair" / folder).rglob("*.py")
               if not path.read_text(encoding="utf-8").lstrip().startswith(('"""', "'''", "#"))
               and path.stat().st_size > 0]
    assert not missing, f"modules without a docstring: {missing}"
