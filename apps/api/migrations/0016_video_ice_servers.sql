ALTER TABLE "video_settings" ADD COLUMN "stun_urls" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "video_settings" ADD COLUMN "turn_urls" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "video_settings" ADD COLUMN "turn_secret" text;