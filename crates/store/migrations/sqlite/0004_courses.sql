-- Courses: a client's planned sessions for an area, with the plan (dates, quote, care) as
-- the rules wrote it, and the client's own events it was planned around. Its sessions are
-- appointments carrying the course's id and their session number.

CREATE TABLE courses (
    id INTEGER PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    practitioner_id BIGINT NOT NULL REFERENCES practitioners (id),
    area TEXT NOT NULL,
    hairline TEXT NOT NULL,
    sessions BIGINT NOT NULL CHECK (sessions >= 1),
    events_json TEXT NOT NULL DEFAULT '[]',
    plan_json TEXT NOT NULL,
    quote_total_minor BIGINT NOT NULL CHECK (quote_total_minor >= 0),
    currency TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'finished', 'cancelled')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX courses_client ON courses (client_id);
CREATE INDEX appointments_course ON appointments (course_id, session_number);
