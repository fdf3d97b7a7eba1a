-- Version 3: each history entry keeps the start of the window its change happened in
-- (SlotChange.since): the engine's previous look at the target. NULL for rows of earlier versions.

ALTER TABLE slot_history ADD COLUMN since_at TIMESTAMP WITH TIME ZONE;
