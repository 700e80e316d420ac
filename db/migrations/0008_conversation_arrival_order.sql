ALTER TABLE "conversations" ADD COLUMN "last_message_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Each conversation's last message: the one its preview shows (latest time, then latest arrival).
UPDATE "conversations" AS c SET "last_message_seq" = latest."seq"
FROM (
  SELECT DISTINCT ON ("conversation_id") "conversation_id", "seq"
  FROM "messages"
  ORDER BY "conversation_id", "sent_at" DESC, "seq" DESC
) AS latest
WHERE latest."conversation_id" = c."id";--> statement-breakpoint
DROP INDEX "conversations_last_message_idx";--> statement-breakpoint
CREATE INDEX "conversations_last_message_idx" ON "conversations" USING btree ("last_message_at" DESC NULLS LAST,"last_message_seq" DESC NULLS LAST,"id" DESC NULLS LAST);
