DROP INDEX "grants_expires_idx";--> statement-breakpoint
CREATE INDEX "grants_expires_idx" ON "grants" USING btree ("expires_at","ended_at");