-- Customer reads (issue 3): indexes for the customer list, merge trees, timelines and interaction counts.
-- Portable between H2 and PostgreSQL. (H2 indexes foreign keys by itself; PostgreSQL does not, hence the
-- explicit merged_into and survivor_id indexes.)

-- Keyset paging of GET /customers: (created_at, id) order, one index range per page.
CREATE INDEX customer_created_ix ON customer (created_at, id);

-- The customers merged into a survivor (timeline merges, export, erasure), followed level by level.
CREATE INDEX customer_merged_into_ix ON customer (merged_into);
CREATE INDEX customer_merge_survivor_ix ON customer_merge (survivor_id, merged_at);

-- A customer's responses newest first (timeline keyset: occurred_at, then id).
-- It serves lookups by customer_id alone too, so it replaces response_customer_ix.
CREATE INDEX response_customer_time_ix ON response (customer_id, occurred_at, id);
DROP INDEX response_customer_ix;

-- Interaction counts by channel and touchpoint of one customer read its rows through
-- interaction_customer_time_ix: no index of their own, because every index on interaction costs every
-- ingested event a random B-tree insert (measured: the ingest rate is bound by them, see bench/README.md).
