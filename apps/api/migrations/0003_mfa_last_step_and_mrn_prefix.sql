ALTER TABLE "users" ADD COLUMN "mfa_last_step" bigint;--> statement-breakpoint
CREATE INDEX "patients_org_mrn_prefix" ON "patients" USING btree ("organization_id","mrn" text_pattern_ops);