-- GIN indexes buffer new entries in a pending list until a vacuum or until the list reaches
-- gin_pending_list_limit (4 MB). A bulk insert smaller than autovacuum's insert threshold (20% of the
-- table) leaves it there, and the planner then prices the trigram indexes too high: after a 10,000-row
-- roster import into 100,000 users it chose a sequential scan that took 60 to 120 ms instead of 5 to
-- 17 ms. Without the pending list, every insert updates the index at once.
ALTER INDEX "users_name_trgm_idx" SET (fastupdate = off);
--> statement-breakpoint
ALTER INDEX "users_email_trgm_idx" SET (fastupdate = off);
--> statement-breakpoint
SELECT gin_clean_pending_list('users_name_trgm_idx'::regclass);
--> statement-breakpoint
SELECT gin_clean_pending_list('users_email_trgm_idx'::regclass);
