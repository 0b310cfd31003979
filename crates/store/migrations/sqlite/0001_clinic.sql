-- The clinic, its staff and their logins, clients and their screenings, practitioners and
-- their calendars, appointments that cannot overlap, and the append-only audit log.
-- Instants are seconds since 1970-01-01 UTC; dates are ISO text in the clinic's zone.

CREATE TABLE clinic (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    currency TEXT NOT NULL,
    policy_toml TEXT NOT NULL DEFAULT ''
);

CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'practitioner', 'front_desk')),
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    deactivated_at BIGINT
);

CREATE TABLE login_sessions (
    id_hash TEXT PRIMARY KEY,
    staff_id BIGINT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    address TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX login_sessions_staff ON login_sessions (staff_id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    staff_id BIGINT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    address TEXT NOT NULL,
    at BIGINT NOT NULL,
    succeeded BIGINT NOT NULL CHECK (succeeded IN (0, 1))
);
CREATE INDEX login_attempts_email ON login_attempts (email, at);
CREATE INDEX login_attempts_address ON login_attempts (address, at);

CREATE TABLE practitioners (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    staff_id BIGINT UNIQUE REFERENCES staff (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE clients (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    date_of_birth TEXT,
    notes TEXT NOT NULL DEFAULT '',
    health_consent_on TEXT,
    practitioner_id BIGINT REFERENCES practitioners (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX clients_name ON clients (name);

CREATE TABLE screenings (
    id INTEGER PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    screened_on TEXT NOT NULL,
    answers_json TEXT NOT NULL,
    verdict TEXT NOT NULL,
    result_json TEXT NOT NULL,
    staff_id BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX screenings_client ON screenings (client_id);

-- Appointments: `busy_from`..`busy_until` is the time the practitioner is taken, the
-- service's buffers included. Two booked appointments of one practitioner never overlap:
-- the triggers below refuse it inside the write transaction, and SQLite has one writer
-- at a time, so no two transactions can both pass the check.
CREATE TABLE appointments (
    id INTEGER PRIMARY KEY,
    practitioner_id BIGINT NOT NULL REFERENCES practitioners (id),
    client_id BIGINT REFERENCES clients (id) ON DELETE CASCADE,
    service TEXT NOT NULL,
    course_id BIGINT,
    session_number BIGINT,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    busy_from BIGINT NOT NULL,
    busy_until BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('booked', 'cancelled')),
    note TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK (busy_from <= starts_at AND busy_until >= ends_at)
);
CREATE INDEX appointments_practitioner_time ON appointments (practitioner_id, busy_from);
CREATE INDEX appointments_client ON appointments (client_id);

CREATE TRIGGER appointments_no_overlap_insert
BEFORE INSERT ON appointments
WHEN NEW.status = 'booked'
BEGIN
    SELECT RAISE(ABORT, 'appointment_overlap')
    WHERE EXISTS (
        SELECT 1 FROM appointments
        WHERE practitioner_id = NEW.practitioner_id
          AND status = 'booked'
          AND busy_from < NEW.busy_until
          AND NEW.busy_from < busy_until
    );
END;

CREATE TRIGGER appointments_no_overlap_update
BEFORE UPDATE OF practitioner_id, busy_from, busy_until, status ON appointments
WHEN NEW.status = 'booked'
BEGIN
    SELECT RAISE(ABORT, 'appointment_overlap')
    WHERE EXISTS (
        SELECT 1 FROM appointments
        WHERE practitioner_id = NEW.practitioner_id
          AND status = 'booked'
          AND id <> NEW.id
          AND busy_from < NEW.busy_until
          AND NEW.busy_from < busy_until
    );
END;

-- Who read or changed what, when and from where. Rows are only ever added.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    staff_id BIGINT,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    subject_id BIGINT,
    detail TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'append_only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'append_only');
END;
