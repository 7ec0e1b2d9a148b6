-- H2 only. H2 gives a foreign key an index of exactly its columns, so interaction_customer_fk kept a
-- (customer_id) index beside interaction_customer_time_ix (customer_id, occurred_at): a second random B-tree
-- insert for every event, which cost the ingest a third of its rate (bench/README.md). Interactions are only
-- written by the ingest writer, for customers it resolved or created in the same transaction, and customers are
-- never deleted (erasure empties them), so the reference holds without the constraint; the crash test checks
-- that no interaction points to a missing customer. PostgreSQL keeps the foreign key: it adds no index there.
ALTER TABLE interaction DROP CONSTRAINT interaction_customer_fk;
