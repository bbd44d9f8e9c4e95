#!/usr/bin/env bash
# make scan: wapiti and sqlmap against the demo shop on loopback only (README.md, "Security").
# The demo runs from its own SQLite file (var/scan/demo.sqlite3) under gunicorn with DEBUG off, on
# 127.0.0.1:$SCAN_PORT, with localstripe on $SCAN_STRIPE_PORT; both are stopped at the end.
# wapiti lives in its own virtualenv (var/wapiti-venv: it pins packages that break the shop's);
# sqlmap comes from Debian (apt-get install sqlmap) or PyPI. Reports: var/scan/.
# Only modules that stay on the target host are run (no ssrf/xxe/takeover/wapp/nikto: those call
# outside services or download databases).
set -euo pipefail
PORT=${SCAN_PORT:-8221}
STRIPE_PORT=${SCAN_STRIPE_PORT:-8422}
BASE="http://127.0.0.1:$PORT"
VENV=${VENV:-.venv}
OUT=var/scan
WAPITI_VERSION=3.2.3  # the last wapiti3 that installs on Python 3.11
case "$BASE" in http://127.0.0.1:*) ;; *) echo "scan: loopback only" >&2; exit 2 ;; esac
mkdir -p "$OUT"
if [ ! -x var/wapiti-venv/bin/wapiti ]; then
    python3.11 -m venv var/wapiti-venv
    var/wapiti-venv/bin/pip install --quiet "wapiti3==$WAPITI_VERSION"
fi
command -v sqlmap >/dev/null || { apt-get install -y -q sqlmap >/dev/null 2>&1 || "$VENV/bin/pip" install --quiet sqlmap==1.10.10; }
SQLMAP=$(command -v sqlmap || echo "$VENV/bin/sqlmap")

export DJANGO_ENV=dev DJANGO_DEBUG=False DATABASE_URL="sqlite:///$PWD/$OUT/demo.sqlite3" \
    MEDIA_ROOT="$PWD/$OUT/media" STRIPE_API_BASE="http://127.0.0.1:$STRIPE_PORT"
"$VENV/bin/python" manage.py migrate --noinput >/dev/null
"$VENV/bin/python" manage.py load_demo >/dev/null
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
"$VENV/bin/localstripe" --port "$STRIPE_PORT" >"$OUT/localstripe.log" 2>&1 & pids+=($!)
"$VENV/bin/gunicorn" storefront.wsgi --bind "127.0.0.1:$PORT" --workers 2 --timeout 60 \
    >"$OUT/gunicorn.log" 2>&1 & pids+=($!)
for _ in $(seq 60); do curl -sf -o /dev/null "$BASE/healthz" && break; sleep 1; done

echo "scan: wapiti $WAPITI_VERSION against $BASE"
var/wapiti-venv/bin/wapiti -u "$BASE/" --scope domain --flush-session \
    -m "sql,timesql,xss,permanentxss,exec,file,redirect,crlf,csp,http_headers,cookieflags,csrf,methods,backup,htaccess,upload" \
    -x "$BASE/shop/accounts/logout/" -x "$BASE/i18n/setlang/" -x "$BASE/cms/*" -x "$BASE/admin/*" \
    --max-links-per-page 40 --max-scan-time 420 --max-attack-time 60 --tasks 4 \
    -f txt -o "$OUT/wapiti.txt" >"$OUT/wapiti.log" 2>&1 || echo "scan: wapiti exited $?"

echo "scan: sqlmap against the public query parameters of $BASE"
: >"$OUT/sqlmap.txt"
for url in "$BASE/shop/search/?q=tote" "$BASE/shop/catalogue/?sort_by=newest&page=1" \
           "$BASE/makers/?page=1"; do
    "$SQLMAP" -u "$url" --batch --level 2 --risk 1 --technique=BEUST --time-sec 2 \
        --output-dir "$OUT/sqlmap" --flush-session --disable-coloring 2>&1 \
        | grep -E "is vulnerable|might be injectable|not injectable|do not appear to be injectable|CRITICAL|WARNING.*(injectable|heuristic)" \
        | sed "s|^|$url: |" >>"$OUT/sqlmap.txt" || true
done
cat "$OUT/sqlmap.txt"
echo "scan: reports in $OUT/wapiti.txt and $OUT/sqlmap.txt"
