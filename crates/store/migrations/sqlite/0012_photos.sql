-- Clients' photos (health data: the app audits every view). The file is kept as intake
-- made it (upright, no metadata); consent says whether it may leave the clinical record.
-- Deleting a client deletes their photos.

CREATE TABLE photos (
    id INTEGER PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    view TEXT NOT NULL CHECK (view IN ('front', 'top', 'left', 'right', 'back')),
    consent TEXT NOT NULL CHECK (consent IN ('clinical', 'marketing')),
    media_type TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png')),
    width BIGINT NOT NULL CHECK (width > 0),
    height BIGINT NOT NULL CHECK (height > 0),
    byte_size BIGINT NOT NULL CHECK (byte_size > 0),
    content BLOB NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    staff_id BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    uploaded_at BIGINT NOT NULL
);
CREATE INDEX photos_client ON photos (client_id);
