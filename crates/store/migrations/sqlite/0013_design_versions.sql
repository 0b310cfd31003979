-- Designs drawn in the studio on a client's photo, saved as numbered versions: what was
-- shown to the client, when and by whom. The design itself is the studio's JSON (the
-- calibration, the drawn area, hairline and marks, the choices); a version is never
-- changed. A version goes with its photo and its client; a deleted course leaves it.

CREATE TABLE design_versions (
    id INTEGER PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    photo_id BIGINT NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    course_id BIGINT REFERENCES courses (id) ON DELETE SET NULL,
    version BIGINT NOT NULL CHECK (version > 0),
    design TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    staff_id BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    shown_at BIGINT NOT NULL,
    UNIQUE (client_id, version)
);
CREATE INDEX design_versions_photo ON design_versions (photo_id);
