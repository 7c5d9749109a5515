"""What the concurrency tests ask PostgreSQL about its sessions."""

from django.db import connection


def a_session_waits_for_a_lock():
    """Whether some session of the test database is waiting for a lock another one holds."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0
