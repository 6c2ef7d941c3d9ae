DROP INDEX `grants_expires_idx`;--> statement-breakpoint
CREATE INDEX `grants_expires_idx` ON `grants` (`expires_at`,`ended_at`);