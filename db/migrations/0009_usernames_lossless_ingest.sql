ALTER TABLE "contacts" ADD COLUMN "phone_number" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "user_id" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "username" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "marketing_preference" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "marketing_preference_at" timestamp with time zone;--> statement-breakpoint
-- Every customer known so far was known by a number: the key was the number.
UPDATE "contacts" SET "phone_number" = "wa_id" WHERE "wa_id" ~ '^[0-9]+$';--> statement-breakpoint
ALTER TABLE "message_status_events" ADD COLUMN "pricing" jsonb;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "origin" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "edited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "revisions" jsonb;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "pricing" jsonb;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "problems" jsonb;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "attention" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_phone_number_key" ON "contacts" USING btree ("phone_number") WHERE "contacts"."phone_number" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_user_id_key" ON "contacts" USING btree ("user_id") WHERE "contacts"."user_id" is not null;--> statement-breakpoint
CREATE INDEX "webhook_events_attention_idx" ON "webhook_events" USING btree ("id" DESC NULLS LAST) WHERE "webhook_events"."error" is not null or "webhook_events"."attention" > 0;