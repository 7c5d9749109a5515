#!/usr/bin/env bash
# Prove that the newest backup set under BACKUP_DIR (made by backup.sh) restores, and exit non-zero if it
# does not. It restores the dump into a scratch database on the same PostgreSQL server, then checks:
#   1. the files are the ones backup.sh wrote (SHA256SUMS);
#   2. pg_restore applies the whole dump without one error;
#   3. every table has the rows it had when the dump was taken, with the same content (fingerprint.txt);
#   4. every attached document the database names is in the tarball, at its recorded size;
#   5. the application accepts the restored database: `manage.py migrate --check` (Django's system checks,
#      and no migration of this release missing from it).
# The scratch database is made on the first run and emptied after each (dropping its schema, not the database:
# DROP DATABASE forces a checkpoint of the whole server). docs/deploy.md ("Backups") explains it.
#
# Environment:
#   DATABASE_URL            the registry's database: the scratch database is made on the same server
#   BACKUP_DIR              where backup.sh writes
#   RESTORE_CHECK_DATABASE  the scratch database's name, default krakow_restore_check; the script empties
#                           only a database it made itself (it marks it with a comment)
#   APP_DIR, APP_PYTHON     the application and its Python, default this checkout and its .venv
#   and whatever else the application needs to start in production (SECRET_KEY, ...).
set -euo pipefail

fail() {
    echo "restore check: FAILED: $*" >&2
    exit 1
}
step() {
    echo "restore check: $*"
}

: "${DATABASE_URL:?restore check: DATABASE_URL is not set}"
: "${BACKUP_DIR:?restore check: BACKUP_DIR is not set}"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
app=${APP_DIR:-$(cd "$here/../.." && pwd)}
python=${APP_PYTHON:-$app/.venv/bin/python}
scratch=${RESTORE_CHECK_DATABASE:-krakow_restore_check}
[[ $scratch =~ ^[a-z_][a-z0-9_]*$ ]] || fail "RESTORE_CHECK_DATABASE must be a plain lower-case name"

# The scratch database's address: the registry's, with the database name replaced (query string kept).
address=${DATABASE_URL%%\?*}
query=${DATABASE_URL#"$address"}
source_database=${address##*/}
[[ $scratch != "$source_database" ]] || fail "the scratch database cannot be the registry's own database"
scratch_url=${address%/*}/$scratch$query
maintenance_url=${address%/*}/postgres$query

[[ -d $BACKUP_DIR ]] || fail "there is no backup folder $BACKUP_DIR"
exec 9>"$BACKUP_DIR/.lock"
flock --wait 600 9 || fail "another backup or restore check holds $BACKUP_DIR/.lock"

newest=$(find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '[0-9]*T[0-9]*Z' | sort | tail -n 1)
[[ -n $newest ]] || fail "no backup set in $BACKUP_DIR"
step "checking $newest"

marker="Scratch copy of the Krakow registry for restore-check.sh: emptied at every run."
sql() {
    PGOPTIONS="-c client_min_messages=warning" psql --no-psqlrc --quiet --tuples-only --no-align \
        -v ON_ERROR_STOP=1 "$@"
}
empty_scratch() {
    sql "$scratch_url" -c "DROP SCHEMA IF EXISTS public CASCADE" -c "CREATE SCHEMA public" >/dev/null
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cleanup() {
    empty_scratch || echo "restore check: could not empty the scratch database $scratch" >&2
    rm -rf "$work"
}

(cd "$newest" && sha256sum --check --quiet SHA256SUMS) || fail "the files differ from their SHA256SUMS"
step "1. checksums match"

# (The name is checked above to be a plain identifier, so it can stand in the SQL as it is.)
comment=$(sql "$maintenance_url" -c "SELECT coalesce(shobj_description(oid, 'pg_database'), 'none')
    FROM pg_database WHERE datname = '$scratch'")
if [[ -z $comment ]]; then
    sql "$maintenance_url" -c "CREATE DATABASE $scratch" -c "COMMENT ON DATABASE $scratch IS '$marker'" >/dev/null
elif [[ $comment != "$marker" ]]; then
    fail "the database $scratch exists and was not made by this script: it will not empty it"
fi
trap cleanup EXIT
empty_scratch
# Owners and grants are the production server's business; the check restores as whoever runs it.
pg_restore --exit-on-error --single-transaction --no-owner --no-privileges \
    --dbname="$scratch_url" "$newest/registry.dump" || fail "pg_restore could not restore the dump"
step "2. the dump restores into $scratch"

sql "$scratch_url" -f "$here/fingerprint.sql" >"$work/fingerprint.txt"
if ! diff "$newest/fingerprint.txt" "$work/fingerprint.txt" >"$work/fingerprint.diff"; then
    echo "table|rows|digest: '<' when backed up, '>' as restored" >&2
    grep '^[<>]' "$work/fingerprint.diff" >&2
    fail "the restored tables differ from the database that was backed up"
fi
step "3. $(wc -l <"$work/fingerprint.txt") tables hold the rows they held when backed up"

mkdir "$work/media"
tar --extract --gzip --file="$newest/private-media.tar.gz" --directory="$work/media" ||
    fail "the private documents' archive cannot be read"
sql "$scratch_url" -c "SELECT file, size FROM registry_attachment ORDER BY file" >"$work/documents.txt"
documents=0
while IFS='|' read -r name size; do
    [[ -f $work/media/$name ]] || fail "the document $name is not in the archive"
    [[ $(stat --format=%s "$work/media/$name") == "$size" ]] || fail "the document $name is not $size bytes"
    documents=$((documents + 1))
done <"$work/documents.txt"
step "4. the archive holds every document the database names ($documents)"

(cd "$app" && DATABASE_URL=$scratch_url PRIVATE_MEDIA_ROOT=$work/media "$python" manage.py migrate --check) ||
    fail "the application does not accept the restored database (manage.py migrate --check)"
step "5. the application accepts the restored database"

step "OK: $newest restores"
