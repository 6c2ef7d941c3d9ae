CREATE TABLE `onboarding_template_roles` (
	`template_id` text NOT NULL,
	`role_id` text NOT NULL,
	`team_scoped` integer NOT NULL,
	PRIMARY KEY(`template_id`, `role_id`),
	FOREIGN KEY (`template_id`) REFERENCES `onboarding_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`role_id`) REFERENCES `roles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `onboarding_template_schedules` (
	`template_id` text NOT NULL,
	`schedule_id` text NOT NULL,
	PRIMARY KEY(`template_id`, `schedule_id`),
	FOREIGN KEY (`template_id`) REFERENCES `onboarding_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`schedule_id`) REFERENCES `oncall_schedules`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `onboarding_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `onboarding_templates_team_uq` ON `onboarding_templates` (`team_id`);--> statement-breakpoint
CREATE TABLE `roster_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`file_name` text NOT NULL,
	`content` text NOT NULL,
	`options` text NOT NULL,
	`status` text NOT NULL,
	`row_count` integer NOT NULL,
	`preview_digest` text,
	`report` text,
	`committed_at` integer
);
--> statement-breakpoint
CREATE INDEX `roster_imports_created_idx` ON `roster_imports` (`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `scheduled_offboardings` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`run_at` integer NOT NULL,
	`plan` text NOT NULL,
	`status` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	`detail` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scheduled_offboardings_due_idx` ON `scheduled_offboardings` (`status`,`run_at`);--> statement-breakpoint
CREATE INDEX `scheduled_offboardings_user_idx` ON `scheduled_offboardings` (`user_id`,`status`);--> statement-breakpoint
CREATE INDEX `users_email_idx` ON `users` (`email`,`id`);--> statement-breakpoint
CREATE INDEX `users_last_active_idx` ON `users` (`last_active_at`,`id`);