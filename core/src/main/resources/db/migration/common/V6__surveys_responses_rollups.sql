-- Issue 4: survey versions, response completion, customers' latest metric state, rollup grains and state.

-- Questions belong to a survey version: editing the questions of a survey that has responses adds a version,
-- and the answers of older versions stay readable against the questions they answered.
ALTER TABLE survey_question ADD COLUMN survey_version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE survey_question DROP CONSTRAINT survey_question_pk;
ALTER TABLE survey_question ADD CONSTRAINT survey_question_pk PRIMARY KEY (survey_id, survey_version, question_id);

-- A response starts partial (a score) and may be completed later (the comment); completed_at is set once every
-- question of its version is answered or the client says it is complete.
ALTER TABLE response ADD COLUMN completed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE response ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;
-- Response lists and raw analytics over a time range without a survey.
CREATE INDEX response_time_ix ON response (occurred_at, id);

-- Each customer's latest answer per metric (by the answer's time, so importing older answers never replaces a
-- newer state): the score and the metric's category of it (promoter, passive, detractor...).
CREATE TABLE customer_metric_state (
    customer_id    UUID                     NOT NULL,
    metric         VARCHAR(64)              NOT NULL,
    score          BIGINT                   NOT NULL,
    category       VARCHAR(32),
    survey_id      UUID                     NOT NULL,
    response_id    UUID                     NOT NULL,
    answered_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT customer_metric_state_pk PRIMARY KEY (customer_id, metric),
    CONSTRAINT customer_metric_state_customer_fk FOREIGN KEY (customer_id) REFERENCES customer (id),
    CONSTRAINT customer_metric_state_response_fk FOREIGN KEY (response_id) REFERENCES response (id)
);
CREATE INDEX customer_metric_state_category_ix ON customer_metric_state (metric, category, answered_at);
CREATE INDEX customer_metric_state_response_ix ON customer_metric_state (response_id);

-- Whether a metric's rollups hold every answer: 'ready' while its plugin has run since they were built,
-- 'stale' when answers may have been stored without it (plugin stopped, failed, or counters or time zone
-- changed), 'building' during a rebuild. Rollup days are cut in time_zone.
CREATE TABLE metric_rollup_state (
    metric         VARCHAR(64)              NOT NULL,
    counter_names  TEXT                     NOT NULL,
    time_zone      VARCHAR(64)              NOT NULL,
    status         VARCHAR(16)              NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT metric_rollup_state_pk PRIMARY KEY (metric),
    CONSTRAINT metric_rollup_state_status_ck CHECK (status IN ('ready', 'stale', 'building'))
);
