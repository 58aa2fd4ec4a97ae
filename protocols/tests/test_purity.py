"""The engine is pure Python: importing all of it loads no Django (architecture, style guide)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_engine_imports_no_django():
    modules = sorted(p.stem for p in (ROOT / "protocols" / "engine").glob("*.py") if p.stem != "__init__")
    script = (
        "import sys\n"
        + "".join(f"import protocols.engine.{name}\n" for name in modules)
        + "print(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in ('django', 'config')}))"
    )

    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)

    assert len(modules) >= 10
    assert done.stdout.strip() == "[]"
