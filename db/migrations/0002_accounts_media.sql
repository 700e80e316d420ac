CREATE TABLE "media" (
	"id" text PRIMARY KEY NOT NULL,
	"phone_number_id" text NOT NULL,
	"kind" text NOT NULL,
	"mime_type" text NOT NULL,
	"file_name" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"uploader_id" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wabas" (
	"id" text PRIMARY KEY NOT NULL,
	"connection_id" text,
	"business_id" text,
	"name" text,
	"callback_url" text,
	"callback_registered_at" timestamp with time zone,
	"callback_error" text,
	"synced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "selected_connection_id" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "selected_phone_number_id" text;--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_uploader_id_users_id_fk" FOREIGN KEY ("uploader_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wabas" ADD CONSTRAINT "wabas_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "media_phone_number_idx" ON "media" USING btree ("phone_number_id","uploaded_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "media_sha256_idx" ON "media" USING btree ("phone_number_id","sha256");