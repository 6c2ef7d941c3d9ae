DROP INDEX "grants_user_idx";--> statement-breakpoint
CREATE INDEX "users_employment_status_idx" ON "users" USING btree ("employment_type","status");--> statement-breakpoint
CREATE INDEX "grants_user_role_idx" ON "grants" USING btree ("user_id","ended_at","role_id");