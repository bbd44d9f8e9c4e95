"""bandit over the shop's own code (config: [tool.bandit] in pyproject.toml): no finding of high
severity. A `# nosec BXXX` in the code must say why on the same line."""

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["storefront", "artisans", "payouts", "csr_partners", "catalogue"]


def test_bandit_finds_no_high_severity_issue():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "bandit"), "-c", "pyproject.toml", "-r", *APPS,
         "--severity-level", "high", "-f", "json", "-q"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    report = json.loads(result.stdout)
    scanned = report["metrics"]["_totals"]["loc"]
    assert scanned > 5000, "bandit scanned almost nothing: is the config excluding the apps?"
    high = [f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}"
            for r in report["results"] if r["issue_severity"] == "HIGH"]
    assert high == [], "\n".join(high)
    assert not report["errors"], report["errors"]


def test_every_nosec_gives_a_reason():
    bare = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if "# nosec" in line and not re.search(r"# nosec( B\d+)*[:\s-]+\w+\s+\w+", line):
                    bare.append(f"{path.relative_to(ROOT)}:{number}")
    assert bare == []


def test_no_template_comment_spans_lines():
    # Django's {# #} comment ends at the line's end: a multi-line one is printed on the page
    # as text. Long comments use {% comment %}.
    spanning = []
    for folder in ["templates", *APPS]:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in (".html", ".txt", ".xml") or ".venv" in path.parts:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                opened = line.rfind("{#")
                if opened != -1 and "#}" not in line[opened:]:
                    spanning.append(f"{path.relative_to(ROOT)}:{number}")
    assert spanning == [], spanning
