#!/usr/bin/env bash
# make restore: a backup made by ops/backup.sh into DATABASE_URL (created when missing; its
# tables are replaced), MEDIA_ROOT and PRIVATE_MEDIA_ROOT. Checks the SHA-256 list first.
# README.md, "Backups".
set -euo pipefail
: "${BACKUP_DIR:?set BACKUP_DIR to a folder written by make backup}"
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to restore into}"
MEDIA_ROOT=${MEDIA_ROOT:-media}
PRIVATE_MEDIA_ROOT=${PRIVATE_MEDIA_ROOT:-private_media}
case "$DATABASE_URL" in
    postgres://*|postgresql://*) ;;
    *) echo "restore: DATABASE_URL is not PostgreSQL ($DATABASE_URL)" >&2; exit 2 ;;
esac
(cd "$BACKUP_DIR" && sha256sum --check --quiet SHA256SUMS) \
    || { echo "restore: $BACKUP_DIR fails its SHA256SUMS check: nothing restored" >&2; exit 2; }
# Create the database when it does not exist yet (a scratch copy, a new machine).
db_name=${DATABASE_URL##*/}; db_name=${db_name%%\?*}
server_url=${DATABASE_URL%/*}/postgres
if ! psql --dbname="$server_url" -Atc "SELECT 1 FROM pg_database WHERE datname = '$db_name'" | grep -q 1; then
    createdb --maintenance-db="$server_url" "$db_name"
fi
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
    --dbname="$DATABASE_URL" "$BACKUP_DIR/db.dump"
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -xzf "$BACKUP_DIR/media.tar.gz"
if [ -f "$BACKUP_DIR/private_media.tar.gz" ]; then  # backups made before issue 19 have none
    mkdir -p "$PRIVATE_MEDIA_ROOT"
    tar -C "$PRIVATE_MEDIA_ROOT" -xzf "$BACKUP_DIR/private_media.tar.gz"
fi
echo "restore: $BACKUP_DIR restored into $db_name and $MEDIA_ROOT"
