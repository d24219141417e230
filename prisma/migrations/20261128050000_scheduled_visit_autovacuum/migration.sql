-- scheduled_visit after an amendment (issue #16, docs/decisions/010-program-scale.md, "After an
-- amendment: autovacuum"). An amendment at 100,000 subjects updates ≈1.2 M of the table's ≈2.1 M
-- rows in place. Until the table is vacuumed, the pages it touched are not all-visible, so the
-- dashboard's and the worklist's index-only scans fetch the heap: the dashboard's heaviest query
-- went from 46 ms to 331 ms (p50) right after one. Autovacuum does start (20261127010000 already
-- lowered this table's thresholds to 2 %), but throttled by the default cost delay, and the
-- dashboard stays slow while it crawls through the table. A manual VACUUM of the whole table
-- takes ≈3 s here. No cost delay for this table: its autovacuum runs at full speed, seconds
-- instead of minutes. The 2 % thresholds stay as they are.
ALTER TABLE "scheduled_visit" SET (autovacuum_vacuum_cost_delay = 0);
