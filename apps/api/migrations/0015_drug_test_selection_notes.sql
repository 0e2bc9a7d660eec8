ALTER TABLE "drug_test_selections" ADD COLUMN "cause" text;--> statement-breakpoint
ALTER TABLE "drug_test_selections" ADD COLUMN "note" text;