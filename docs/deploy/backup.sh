#!/usr/bin/env bash
# Back up the registry: the database (pg_dump, custom format) and the private documents (a tarball of
# PRIVATE_MEDIA_ROOT), as one set under BACKUP_DIR named by the time it was taken, in UTC. The newest
# BACKUP_KEEP sets are kept. restore-check.sh proves that the newest set restores; docs/deploy.md
# ("Backups") explains both.
#
# Environment, as the application reads it (the systemd unit passes /etc/krakow-relations/env):
#   DATABASE_URL        postgres://user[:password]@host:port/name (what libpq understands)
#   PRIVATE_MEDIA_ROOT  the attached documents
#   BACKUP_DIR          where the sets go (its own disk, copied off the machine every night)
#   BACKUP_KEEP         how many sets to keep, default 14
#
# A set holds registry.dump, private-media.tar.gz, fingerprint.txt (each table's row count and a digest of
# its rows, taken in the very snapshot pg_dump reads) and SHA256SUMS of the three.
set -euo pipefail

fail() {
    echo "backup: $*" >&2
    exit 1
}

: "${DATABASE_URL:?backup: DATABASE_URL is not set}"
: "${PRIVATE_MEDIA_ROOT:?backup: PRIVATE_MEDIA_ROOT is not set}"
: "${BACKUP_DIR:?backup: BACKUP_DIR is not set}"
keep=${BACKUP_KEEP:-14}
[[ $keep =~ ^[1-9][0-9]*$ ]] || fail "BACKUP_KEEP must be a positive number, not '$keep'"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# The dump holds staff accounts and password hashes: readable by the service user alone.
umask 077
mkdir -p "$BACKUP_DIR"
# One backup or restore check at a time: rotation must not delete a set that is being read.
exec 9>"$BACKUP_DIR/.lock"
flock --wait 600 9 || fail "another backup or restore check holds $BACKUP_DIR/.lock"
# Whatever a killed run left half-written is never a backup.
rm -rf "$BACKUP_DIR"/.partial-*

stamp=$(date -u +%Y%m%dT%H%M%SZ)
[[ ! -e $BACKUP_DIR/$stamp ]] || fail "$BACKUP_DIR/$stamp exists already"
work=$BACKUP_DIR/.partial-$stamp
mkdir "$work"
trap 'rm -rf "$work"' EXIT

# One snapshot for the dump and the fingerprint: this session exports it and holds it open while pg_dump
# reads it, then takes the fingerprint in it, so both describe the same state of the database whatever
# staff save meanwhile.
coproc SNAPSHOT { psql --no-psqlrc --quiet --tuples-only --no-align -v ON_ERROR_STOP=1 "$DATABASE_URL"; }
# (bash forgets a coprocess's descriptors once it ends: keep them.)
# shellcheck disable=SC2153 # SNAPSHOT_PID is set by coproc
snapshot_pid=$SNAPSHOT_PID snapshot_in=${SNAPSHOT[1]} snapshot_out=${SNAPSHOT[0]}
echo "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; SELECT pg_export_snapshot();" >&"$snapshot_in"
read -r -t 60 snapshot <&"$snapshot_out" || fail "could not open a snapshot of the database"

pg_dump --format=custom --snapshot="$snapshot" --file="$work/registry.dump" "$DATABASE_URL"

{
    echo "\\o $work/fingerprint.txt"
    echo "\\i $here/fingerprint.sql"
    echo "\\o"
    echo "COMMIT;"
    echo "\\q"
} >&"$snapshot_in"
exec {snapshot_in}>&-
wait "$snapshot_pid" || fail "the fingerprint of the database failed"
[[ -s $work/fingerprint.txt ]] || fail "the fingerprint of the database is empty"

# After the dump, so that every document the dump names is in the tarball (documents are only ever added).
if [[ -d $PRIVATE_MEDIA_ROOT ]]; then
    tar --create --gzip --file="$work/private-media.tar.gz" --directory="$PRIVATE_MEDIA_ROOT" .
else
    echo "backup: $PRIVATE_MEDIA_ROOT does not exist (no document attached yet): empty archive" >&2
    tar --create --gzip --file="$work/private-media.tar.gz" --files-from=/dev/null
fi

(cd "$work" && sha256sum registry.dump private-media.tar.gz fingerprint.txt >SHA256SUMS)
mv "$work" "$BACKUP_DIR/$stamp"
echo "backup: $BACKUP_DIR/$stamp ($(du -sh "$BACKUP_DIR/$stamp" | cut -f1))"

# Sets are named by UTC time, so their names sort by age.
find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '[0-9]*T[0-9]*Z' | sort | head -n -"$keep" |
    while read -r old; do
        rm -rf "$old"
        echo "backup: removed $old"
    done
