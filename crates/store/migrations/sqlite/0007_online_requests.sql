-- Requests made on the public booking page: counted per email address and per network
-- address for the rate limits, and holding the link (by the SHA-256 of its token, with
-- an expiry) with which the client reschedules or cancels what they booked.

CREATE TABLE online_requests (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    address TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('booked', 'declined', 'deferred', 'refused')),
    appointment_id BIGINT REFERENCES appointments (id) ON DELETE CASCADE,
    token_hash TEXT UNIQUE,
    expires_at BIGINT,
    at BIGINT NOT NULL
);
CREATE INDEX online_requests_email ON online_requests (email, at);
CREATE INDEX online_requests_address ON online_requests (address, at);
