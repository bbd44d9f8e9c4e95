#!/usr/bin/env bash
# make backup: the PostgreSQL database (pg_dump custom format), the media folder and the private
# media folder (batch photos; tar each) into BACKUP_DIR, with a SHA-256 list to check them by.
# README.md, "Backups".
set -euo pipefail
: "${BACKUP_DIR:?set BACKUP_DIR, e.g. make backup BACKUP_DIR=/srv/backups/haat-2026-11-23}"
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
MEDIA_ROOT=${MEDIA_ROOT:-media}
PRIVATE_MEDIA_ROOT=${PRIVATE_MEDIA_ROOT:-private_media}
case "$DATABASE_URL" in
    postgres://*|postgresql://*) ;;
    *) echo "backup: DATABASE_URL is not PostgreSQL ($DATABASE_URL): nothing backed up" >&2; exit 2 ;;
esac
mkdir -p "$BACKUP_DIR"
[ -z "$(ls -A "$BACKUP_DIR")" ] || { echo "backup: $BACKUP_DIR is not empty" >&2; exit 2; }
pg_dump --format=custom --no-owner --no-privileges --file="$BACKUP_DIR/db.dump" --dbname="$DATABASE_URL"
archive() {  # folder, archive: an empty archive when the folder does not exist
    if [ -d "$1" ]; then
        tar -C "$1" -czf "$BACKUP_DIR/$2" .
    else
        tar -czf "$BACKUP_DIR/$2" --files-from=/dev/null
    fi
}
archive "$MEDIA_ROOT" media.tar.gz
archive "$PRIVATE_MEDIA_ROOT" private_media.tar.gz
(cd "$BACKUP_DIR" && sha256sum db.dump media.tar.gz private_media.tar.gz > SHA256SUMS)
echo "backup: database, media and private media written to $BACKUP_DIR"
