DROP INDEX `grants_user_idx`;--> statement-breakpoint
CREATE INDEX `grants_user_role_idx` ON `grants` (`user_id`,`ended_at`,`role_id`);--> statement-breakpoint
CREATE INDEX `users_employment_status_idx` ON `users` (`employment_type`,`status`);