-- Identity columns of the tables the ingest writes take their values from a cache of 10,000 instead of 32:
-- H2 writes its whole store each time a sequence refills its cache (with WRITE_DELAY=0), which took 43% of
-- a batch insert's time (bench/README.md). Values may skip after a restart; nothing relies on them being dense.
ALTER TABLE interaction ALTER COLUMN id SET CACHE 10000;
ALTER TABLE customer_identity ALTER COLUMN id SET CACHE 10000;
ALTER TABLE customer_merge ALTER COLUMN id SET CACHE 10000;
ALTER TABLE audit_log ALTER COLUMN id SET CACHE 10000;
