CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"template_version" text NOT NULL,
	"title" text NOT NULL,
	"body" jsonb NOT NULL,
	"statements" jsonb NOT NULL,
	"part2" jsonb,
	"created_by_id" uuid NOT NULL,
	"patient_name" text,
	"signed_at" timestamp with time zone,
	"signature_method" text,
	"typed_name" text,
	"drawing" text,
	"signer_kind" text,
	"signer_name" text,
	"signer_relationship" text,
	"signer_authority" text,
	"witness_id" uuid,
	"revoked_at" timestamp with time zone,
	"revoked_by_id" uuid,
	"revocation_via" text,
	"revocation_reason" text,
	"expiry_event_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disclosures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"consent_id" uuid NOT NULL,
	"recipient_name" text NOT NULL,
	"recipient_class" text,
	"disclosed_on" date NOT NULL,
	"information_categories" jsonb NOT NULL,
	"information_description" text NOT NULL,
	"purpose" text NOT NULL,
	"disclosed_by_id" uuid NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"notice_version" text NOT NULL,
	"notice_form" text NOT NULL,
	"notice_text" text NOT NULL,
	"consent_scope" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_witness_id_users_id_fk" FOREIGN KEY ("witness_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_revoked_by_id_users_id_fk" FOREIGN KEY ("revoked_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_consent_id_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."consents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_disclosed_by_id_users_id_fk" FOREIGN KEY ("disclosed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consents_patient" ON "consents" USING btree ("organization_id","patient_id","created_at");--> statement-breakpoint
CREATE INDEX "disclosures_patient" ON "disclosures" USING btree ("organization_id","patient_id","disclosed_on");--> statement-breakpoint
CREATE INDEX "disclosures_consent" ON "disclosures" USING btree ("organization_id","consent_id");