CREATE TABLE "onboarding_template_roles" (
	"template_id" text NOT NULL,
	"role_id" text NOT NULL,
	"team_scoped" boolean NOT NULL,
	CONSTRAINT "onboarding_template_roles_template_id_role_id_pk" PRIMARY KEY("template_id","role_id")
);
--> statement-breakpoint
CREATE TABLE "onboarding_template_schedules" (
	"template_id" text NOT NULL,
	"schedule_id" text NOT NULL,
	CONSTRAINT "onboarding_template_schedules_template_id_schedule_id_pk" PRIMARY KEY("template_id","schedule_id")
);
--> statement-breakpoint
CREATE TABLE "onboarding_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roster_imports" (
	"id" text PRIMARY KEY NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"file_name" text NOT NULL,
	"content" text NOT NULL,
	"options" text NOT NULL,
	"status" text NOT NULL,
	"row_count" integer NOT NULL,
	"preview_digest" text,
	"report" text,
	"committed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "scheduled_offboardings" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"plan" text NOT NULL,
	"status" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"detail" text
);
--> statement-breakpoint
ALTER TABLE "onboarding_template_roles" ADD CONSTRAINT "onboarding_template_roles_template_id_onboarding_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."onboarding_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_template_roles" ADD CONSTRAINT "onboarding_template_roles_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_template_schedules" ADD CONSTRAINT "onboarding_template_schedules_template_id_onboarding_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."onboarding_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_template_schedules" ADD CONSTRAINT "onboarding_template_schedules_schedule_id_oncall_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."oncall_schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_templates" ADD CONSTRAINT "onboarding_templates_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_offboardings" ADD CONSTRAINT "scheduled_offboardings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "onboarding_templates_team_uq" ON "onboarding_templates" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "roster_imports_created_idx" ON "roster_imports" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "scheduled_offboardings_due_idx" ON "scheduled_offboardings" USING btree ("status","run_at");--> statement-breakpoint
CREATE INDEX "scheduled_offboardings_user_idx" ON "scheduled_offboardings" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "users_email_idx" ON "users" USING btree ("email","id");--> statement-breakpoint
CREATE INDEX "users_last_active_idx" ON "users" USING btree ("last_active_at","id");