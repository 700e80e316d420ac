DROP INDEX "webhook_events_received_idx";--> statement-breakpoint
DROP INDEX "messages_client_key";--> statement-breakpoint
CREATE UNIQUE INDEX "messages_client_key" ON "messages" USING btree ("client_key") WHERE "messages"."client_key" is not null;