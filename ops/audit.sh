#!/usr/bin/env bash
# make audit: known vulnerabilities in the installed, pinned dependencies (pip-audit).
# pip-audit prints "No known vulnerabilities found" and exits 0 even when it reached no
# vulnerability database and checked nothing; so this reads its JSON and says which packages
# were really checked. Exit 0: every package checked, none vulnerable. 1: vulnerabilities.
# 3: some or all packages could not be checked (no pass is claimed).
set -uo pipefail
VENV=${VENV:-.venv}
out=$(mktemp)
"$VENV/bin/pip-audit" --local --progress-spinner off --format json --output "$out" 2>/dev/null
rc=$?
"$VENV/bin/python" - "$out" "$rc" <<'PY'
import json, sys
path, rc = sys.argv[1], int(sys.argv[2])
try:
    deps = json.load(open(path))["dependencies"]
except (OSError, ValueError, KeyError):
    print(f"audit: COULD NOT CHECK: pip-audit failed (exit {rc}) and wrote no report")
    sys.exit(3)
skipped = [d for d in deps if "skip_reason" in d]
checked = [d for d in deps if "skip_reason" not in d]
vulnerable = [d for d in checked if d.get("vulns")]
for d in vulnerable:
    for v in d["vulns"]:
        fixes = ", ".join(v.get("fix_versions") or []) or "no fixed version"
        print(f"audit: VULNERABLE {d['name']} {d['version']}: {v['id']} (fixed in {fixes})")
print(f"audit: {len(checked)} of {len(deps)} packages checked against the vulnerability "
      f"database, {len(skipped)} could not be checked, {len(vulnerable)} vulnerable")
if vulnerable:
    sys.exit(1)
if skipped:
    print("audit: COULD NOT CHECK " + ("any package" if not checked else "every package")
          + ": the vulnerability database was not reachable (first reason: "
          + skipped[0]["skip_reason"] + "). This is NOT a pass.")
    sys.exit(3)
print("audit: every installed package was checked: no known vulnerabilities")
PY
status=$?
rm -f "$out"
exit $status
