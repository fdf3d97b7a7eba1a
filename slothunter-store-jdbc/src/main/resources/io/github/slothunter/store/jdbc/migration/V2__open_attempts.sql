-- Version 2: open booking attempts are found through a flag written from BookingAttempt.open(),
-- so the store never re-states which states count as open. Backfills the rows of version 1.

ALTER TABLE booking_attempts ADD COLUMN is_open BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE booking_attempts SET is_open = TRUE WHERE state IN ('STARTED', 'HELD');

CREATE INDEX booking_attempts_open ON booking_attempts (is_open);
