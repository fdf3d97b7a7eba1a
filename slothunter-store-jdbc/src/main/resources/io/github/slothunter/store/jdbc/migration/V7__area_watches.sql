-- Version 7: area watches (a specialty in a city, watched as one watch). The area itself (query,
-- members, their calendars) lives in the watch's JSON body; this column names it
-- ('provider:city/specialty', NULL for a doctor watch) so operators can find and count area watches.

ALTER TABLE watches ADD COLUMN area VARCHAR(600);

CREATE INDEX watches_area ON watches (area);
