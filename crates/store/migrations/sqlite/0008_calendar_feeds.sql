-- Calendar feeds (iCalendar, subscribed to by URL): one per practitioner or per client,
-- found by the SHA-256 of the token in its URL and revocable; and each appointment's
-- revision, counted up on every change, which a feed publishes as its SEQUENCE.

ALTER TABLE appointments ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;

CREATE TABLE calendar_feeds (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    practitioner_id BIGINT REFERENCES practitioners (id) ON DELETE CASCADE,
    client_id BIGINT REFERENCES clients (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT,
    CHECK ((practitioner_id IS NULL) <> (client_id IS NULL))
);
CREATE INDEX calendar_feeds_practitioner ON calendar_feeds (practitioner_id);
CREATE INDEX calendar_feeds_client ON calendar_feeds (client_id);
CREATE INDEX appointments_practitioner_start ON appointments (practitioner_id, starts_at);
