-- The client portal: links sent by email that open it once (by the SHA-256 of their
-- token, expiring), the portal sessions they start (by the SHA-256 of the cookie's
-- secret, with the token its forms carry), and a client's request to be erased, which
-- the owner confirms.

CREATE TABLE portal_links (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX portal_links_client ON portal_links (client_id, created_at);

CREATE TABLE portal_sessions (
    id INTEGER PRIMARY KEY,
    secret_hash TEXT NOT NULL UNIQUE,
    client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX portal_sessions_client ON portal_sessions (client_id);

ALTER TABLE clients ADD COLUMN erasure_requested_at BIGINT;
