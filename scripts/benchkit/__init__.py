"""The benchmark groups of scripts/bench.py, a module each by what it measures. The project's
package (scripts/) and the tests' browser support (tests/) are put on the import path here."""

import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent.parent
for _folder in (_ROOT / "scripts", _ROOT / "tests"):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))
