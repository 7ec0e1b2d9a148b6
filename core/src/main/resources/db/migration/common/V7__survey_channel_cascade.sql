-- Deleting a channel instance takes it out of the surveys that ran on it, instead of failing on their reference.
ALTER TABLE survey_channel DROP CONSTRAINT survey_channel_channel_fk;
ALTER TABLE survey_channel ADD CONSTRAINT survey_channel_channel_fk
    FOREIGN KEY (channel_id) REFERENCES channel_instance (id) ON DELETE CASCADE;
