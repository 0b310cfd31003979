-- What was done at each session (health data: the app audits every access), and the money
-- taken (recorded here, processed elsewhere), in integer minor units with a currency.

CREATE TABLE session_records (
    id INTEGER PRIMARY KEY,
    appointment_id BIGINT NOT NULL UNIQUE REFERENCES appointments (id) ON DELETE CASCADE,
    client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    pigment TEXT NOT NULL,
    dilution TEXT NOT NULL,
    needle TEXT NOT NULL,
    areas TEXT NOT NULL,
    dots BIGINT NOT NULL CHECK (dots >= 0),
    minutes BIGINT NOT NULL CHECK (minutes > 0),
    notes TEXT NOT NULL DEFAULT '',
    next_changes TEXT NOT NULL DEFAULT '',
    staff_id BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX session_records_client ON session_records (client_id);

CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    course_id BIGINT REFERENCES courses (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('consultation', 'session', 'touch_up', 'deposit', 'other')),
    method TEXT NOT NULL CHECK (method IN ('cash', 'card', 'transfer')),
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL,
    paid_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    staff_id BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX payments_client ON payments (client_id);
CREATE INDEX payments_course ON payments (course_id);
