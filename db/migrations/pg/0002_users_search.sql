-- Substring search over users' names and emails: GIN trigram indexes serve lower(column) LIKE '%text%'
-- for three or more characters, so the page and its count read matching rows instead of scanning users.
-- pg_trgm ships with PostgreSQL and is a trusted extension (PostgreSQL 13+), so a database owner without
-- superuser rights may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_name_trgm_idx" ON "users" USING gin (lower("name") gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_email_trgm_idx" ON "users" USING gin (lower("email") gin_trgm_ops);
