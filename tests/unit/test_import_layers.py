"""The apps import downwards only (DESIGN.md section 2), checked by import-linter."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def lint_imports(*args):
    return subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )


def test_layer_contracts_hold():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    """The contract is live: a lower app importing a higher one is reported."""
    bad = ROOT / "catalogue" / "_layer_probe.py"
    bad.write_text("import storefront.health  # noqa\n")
    try:
        result = lint_imports()
    finally:
        bad.unlink()
    assert result.returncode != 0
    assert "catalogue._layer_probe -> storefront.health" in result.stdout
