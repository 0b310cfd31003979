-- How much sun the client's scalp gets, as the clinic judged it: low, medium or high
-- (NULL: not recorded). The design engine's fading estimate for the touch-up recall
-- depends on it.

ALTER TABLE clients ADD COLUMN sun_exposure TEXT
    CHECK (sun_exposure IS NULL OR sun_exposure IN ('low', 'medium', 'high'));
