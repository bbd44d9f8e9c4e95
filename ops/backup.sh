#!/usr/bin/env bash
# make backup: the PostgreSQL database (pg_dump custom format) and the media folder (tar) into
# BACKUP_DIR, with a SHA-256 list to check them by. README.md, "Backups".
set -euo pipefail
: "${BACKUP_DIR:?set BACKUP_DIR, e.g. make backup BACKUP_DIR=/srv/backups/haat-2026-11-23}"
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
MEDIA_ROOT=${MEDIA_ROOT:-media}
case "$DATABASE_URL" in
    postgres://*|postgresql://*) ;;
    *) echo "backup: DATABASE_URL is not PostgreSQL ($DATABASE_URL): nothing backed up" >&2; exit 2 ;;
esac
mkdir -p "$BACKUP_DIR"
[ -z "$(ls -A "$BACKUP_DIR")" ] || { echo "backup: $BACKUP_DIR is not empty" >&2; exit 2; }
pg_dump --format=custom --no-owner --no-privileges --file="$BACKUP_DIR/db.dump" --dbname="$DATABASE_URL"
if [ -d "$MEDIA_ROOT" ]; then
    tar -C "$MEDIA_ROOT" -czf "$BACKUP_DIR/media.tar.gz" .
else
    tar -czf "$BACKUP_DIR/media.tar.gz" --files-from=/dev/null
fi
(cd "$BACKUP_DIR" && sha256sum db.dump media.tar.gz > SHA256SUMS)
echo "backup: database and media written to $BACKUP_DIR"
