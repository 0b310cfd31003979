-- The services a clinic books, with durations and the buffers around them that keep the
-- practitioner busy, and their prices in minor units. Seeded with the usual four.

CREATE TABLE services (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('consultation', 'session', 'touch_up')),
    mode TEXT NOT NULL CHECK (mode IN ('in_person', 'video')),
    minutes BIGINT NOT NULL CHECK (minutes > 0),
    buffer_before BIGINT NOT NULL DEFAULT 0 CHECK (buffer_before >= 0),
    buffer_after BIGINT NOT NULL DEFAULT 0 CHECK (buffer_after >= 0),
    price_minor BIGINT NOT NULL DEFAULT 0 CHECK (price_minor >= 0),
    currency TEXT NOT NULL
);

INSERT INTO services (code, name, kind, mode, minutes, buffer_before, buffer_after, price_minor, currency) VALUES
    ('consultation', 'Consultation', 'consultation', 'in_person', 45, 0, 15, 5000, 'GBP'),
    ('consultation_video', 'Video consultation', 'consultation', 'video', 30, 0, 0, 0, 'GBP'),
    ('session', 'SMP session', 'session', 'in_person', 240, 15, 30, 0, 'GBP'),
    ('touch_up', 'Touch-up', 'touch_up', 'in_person', 120, 15, 15, 30000, 'GBP');
