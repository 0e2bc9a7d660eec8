CREATE TABLE "instrument_administrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"episode_id" uuid,
	"instrument_id" text NOT NULL,
	"definition_version" text NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"administered_by" uuid,
	"band_set" text,
	"cutoff" integer,
	"total" integer,
	"band_code" text,
	"band_label" text,
	"band_set_used" text,
	"subscales" jsonb,
	"positive" boolean,
	"screen" text,
	"safety_flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"missing_items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instrument_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"administration_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"value" integer NOT NULL,
	"points" integer NOT NULL,
	"answered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instrument_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"instrument_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"administration_id" uuid
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"priority" text NOT NULL,
	"patient_id" uuid NOT NULL,
	"assignee_user_id" uuid,
	"title" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source_type" text,
	"source_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution_note" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "instrument_administrations" ADD CONSTRAINT "instrument_administrations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_administrations" ADD CONSTRAINT "instrument_administrations_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_administrations" ADD CONSTRAINT "instrument_administrations_episode_id_episodes_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."episodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_administrations" ADD CONSTRAINT "instrument_administrations_administered_by_users_id_fk" FOREIGN KEY ("administered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_answers" ADD CONSTRAINT "instrument_answers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_answers" ADD CONSTRAINT "instrument_answers_administration_id_instrument_administrations_id_fk" FOREIGN KEY ("administration_id") REFERENCES "public"."instrument_administrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_links" ADD CONSTRAINT "instrument_links_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_links" ADD CONSTRAINT "instrument_links_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_links" ADD CONSTRAINT "instrument_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_links" ADD CONSTRAINT "instrument_links_administration_id_instrument_administrations_id_fk" FOREIGN KEY ("administration_id") REFERENCES "public"."instrument_administrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "administrations_patient" ON "instrument_administrations" USING btree ("organization_id","patient_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "answers_administration_item" ON "instrument_answers" USING btree ("organization_id","administration_id","item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "instrument_links_token" ON "instrument_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "instrument_links_patient" ON "instrument_links" USING btree ("organization_id","patient_id");--> statement-breakpoint
CREATE INDEX "tasks_assignee" ON "tasks" USING btree ("organization_id","assignee_user_id","status","due_at");--> statement-breakpoint
CREATE INDEX "tasks_patient" ON "tasks" USING btree ("organization_id","patient_id","status");