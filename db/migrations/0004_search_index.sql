-- Trigram indexes for searching message text with ilike '%…%' (pg_trgm ships with PostgreSQL and PGlite).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
DROP INDEX "conversations_last_message_idx";--> statement-breakpoint
CREATE INDEX "messages_text_body_trgm_idx" ON "messages" USING gin (("content" -> 'text' ->> 'body') gin_trgm_ops) WHERE "messages"."type" = 'text';--> statement-breakpoint
CREATE INDEX "conversations_last_message_idx" ON "conversations" USING btree ("last_message_at" DESC NULLS LAST,"id" DESC NULLS LAST);