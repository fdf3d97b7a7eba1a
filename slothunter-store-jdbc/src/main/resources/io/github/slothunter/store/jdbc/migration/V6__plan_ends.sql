-- Version 6: an owner's plan may end (a subscription); NULL = no end, as every plan before.

ALTER TABLE owner_plans ADD COLUMN plan_until TIMESTAMP WITH TIME ZONE;
