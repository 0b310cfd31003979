-- The outbox: messages to clients written in the same transaction as the change that
-- causes them (booking, moving or cancelling an appointment), sent later by a worker.
-- A message is pending until a worker claims it for a while (claimed_by, claimed_until);
-- sent, failed (given up after retries), cancelled (its appointment moved or was
-- cancelled before it went) or in_doubt (a worker stopped between handing it to the mail
-- server and recording that: never sent again automatically, so never twice).

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    appointment_id BIGINT REFERENCES appointments (id) ON DELETE CASCADE,
    client_id BIGINT REFERENCES clients (id) ON DELETE CASCADE,
    message_key TEXT NOT NULL,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    due_at BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled', 'in_doubt')),
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    claimed_by TEXT,
    claimed_until BIGINT,
    sent_at BIGINT,
    last_error TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_appointment ON outbox (appointment_id);
CREATE INDEX outbox_client ON outbox (client_id);
