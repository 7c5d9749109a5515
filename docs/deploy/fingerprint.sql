-- The registry's fingerprint: one line per table of the database, "name|rows|md5 of the rows".
-- backup.sh takes it inside the snapshot that pg_dump reads, restore-check.sh takes it again on the restored
-- copy; any row missing, added or changed on the way shows as a line that differs.

-- Rows are compared as text, so the text must not depend on the session or the database: fixed formats for
-- times, dates, numbers and bytes, and a sort order that no collation changes.
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';
SET extra_float_digits = 1;
SET bytea_output = 'hex';

SELECT format('%s|%s|%s', name, (xpath('/row/n/text()', summary))[1], (xpath('/row/digest/text()', summary))[1])
FROM (
    SELECT c.relname AS name,
           query_to_xml(
               format(
                   'SELECT count(*) AS n, md5(coalesce(string_agg(r::text, E''\n'' ORDER BY r::text COLLATE "C"), ''''))'
                   ' AS digest FROM %I.%I AS r',
                   n.nspname,
                   c.relname
               ),
               false,
               true,
               ''
           ) AS summary
    FROM pg_class AS c
    JOIN pg_namespace AS n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname = 'public'
) AS tables
ORDER BY name COLLATE "C";
