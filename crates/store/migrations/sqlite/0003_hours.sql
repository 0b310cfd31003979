-- Practitioners' weekly working hours (local times in the clinic's zone, minutes after
-- midnight; weekday 1 = Monday … 7 = Sunday), their days off, and the clinic's minimum
-- notice for a booking.

CREATE TABLE working_hours (
    practitioner_id BIGINT NOT NULL REFERENCES practitioners (id) ON DELETE CASCADE,
    weekday BIGINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute BIGINT NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute BIGINT NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    CHECK (end_minute > start_minute),
    PRIMARY KEY (practitioner_id, weekday, start_minute)
);

CREATE TABLE days_off (
    practitioner_id BIGINT NOT NULL REFERENCES practitioners (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (practitioner_id, day)
);

ALTER TABLE clinic ADD COLUMN min_notice_minutes BIGINT NOT NULL DEFAULT 120;
