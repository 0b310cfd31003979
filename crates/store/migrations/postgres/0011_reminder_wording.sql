-- A clinic's own wording of a reminder, and whether it is sent at all, by the reminder's
-- key (`before-7d`, `aftercare`, `recall`, ...). No row: sent, in the standard wording.
-- Empty texts: that part in the standard wording (an empty HTML is made from the text).

CREATE TABLE reminder_wording (
    message_key TEXT PRIMARY KEY,
    enabled BIGINT NOT NULL CHECK (enabled IN (0, 1)),
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
