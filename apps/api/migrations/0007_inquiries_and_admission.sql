CREATE TABLE "inquiries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"stage" text DEFAULT 'new' NOT NULL,
	"channel" text NOT NULL,
	"caller_name" text,
	"caller_relationship" text NOT NULL,
	"caller_phone" text,
	"given_name" text,
	"family_name" text,
	"date_of_birth" date,
	"phone" text,
	"email" text,
	"referral_source" text NOT NULL,
	"referral_detail" text,
	"substances" text[] DEFAULT '{}' NOT NULL,
	"urgency" text NOT NULL,
	"insurance_summary" text,
	"best_time_to_call" text,
	"notes" text,
	"location_id" uuid,
	"assignee_id" uuid,
	"stage_reason" text,
	"stage_reason_text" text,
	"referred_to" text,
	"prescreen_verdict" text,
	"patient_id" uuid,
	"clinical_override" text,
	"stage_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inquiry_coverages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"inquiry_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payer_name" text,
	"terms" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inquiry_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"inquiry_id" uuid NOT NULL,
	"what" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"assignee_id" uuid,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inquiry_prescreens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"inquiry_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"verdict" text NOT NULL,
	"flags" jsonb NOT NULL,
	"rule_version" text NOT NULL,
	"notes" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "public_intake_pages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"location_id" uuid,
	"form_secret" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "episodes" ADD COLUMN "track" text;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_coverages" ADD CONSTRAINT "inquiry_coverages_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_coverages" ADD CONSTRAINT "inquiry_coverages_inquiry_id_inquiries_id_fk" FOREIGN KEY ("inquiry_id") REFERENCES "public"."inquiries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_follow_ups" ADD CONSTRAINT "inquiry_follow_ups_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_follow_ups" ADD CONSTRAINT "inquiry_follow_ups_inquiry_id_inquiries_id_fk" FOREIGN KEY ("inquiry_id") REFERENCES "public"."inquiries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_follow_ups" ADD CONSTRAINT "inquiry_follow_ups_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_follow_ups" ADD CONSTRAINT "inquiry_follow_ups_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_prescreens" ADD CONSTRAINT "inquiry_prescreens_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_prescreens" ADD CONSTRAINT "inquiry_prescreens_inquiry_id_inquiries_id_fk" FOREIGN KEY ("inquiry_id") REFERENCES "public"."inquiries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_prescreens" ADD CONSTRAINT "inquiry_prescreens_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_intake_pages" ADD CONSTRAINT "public_intake_pages_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_intake_pages" ADD CONSTRAINT "public_intake_pages_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inquiries_board" ON "inquiries" USING btree ("organization_id","stage","created_at","id");--> statement-breakpoint
CREATE INDEX "inquiries_assignee" ON "inquiries" USING btree ("organization_id","assignee_id");--> statement-breakpoint
CREATE INDEX "inquiries_location" ON "inquiries" USING btree ("organization_id","location_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inquiry_coverages_inquiry" ON "inquiry_coverages" USING btree ("organization_id","inquiry_id");--> statement-breakpoint
CREATE INDEX "inquiry_follow_ups_inquiry" ON "inquiry_follow_ups" USING btree ("organization_id","inquiry_id","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "inquiry_prescreens_inquiry" ON "inquiry_prescreens" USING btree ("organization_id","inquiry_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "public_intake_pages_slug" ON "public_intake_pages" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "public_intake_pages_org" ON "public_intake_pages" USING btree ("organization_id");