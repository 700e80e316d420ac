CREATE TYPE "public"."contact_consent" AS ENUM('opted_in', 'unknown', 'opted_out');--> statement-breakpoint
CREATE TABLE "contact_attribute_definitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_consent_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contact_consent_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"contact_id" uuid NOT NULL,
	"consent" "contact_consent" NOT NULL,
	"source" text NOT NULL,
	"actor_id" uuid,
	"detail" text,
	"source_ref" text,
	"at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_import_rejects" (
	"import_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"reason" jsonb NOT NULL,
	"cells" jsonb NOT NULL,
	CONSTRAINT "contact_import_rejects_import_id_row_number_pk" PRIMARY KEY("import_id","row_number")
);
--> statement-breakpoint
CREATE TABLE "contact_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_name" text NOT NULL,
	"file_size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"stored_path" text,
	"status" text DEFAULT 'uploaded' NOT NULL,
	"columns" jsonb NOT NULL,
	"preview_rows" jsonb NOT NULL,
	"total_rows" integer NOT NULL,
	"mapping" jsonb,
	"default_country" text,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "contact_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_tag_links" (
	"tag_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_tag_links_tag_id_contact_id_pk" PRIMARY KEY("tag_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "contact_tags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"colour" text DEFAULT 'gray' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_id_key" ON "contacts" USING btree ("id");--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "display_name" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "consent" "contact_consent" DEFAULT 'unknown' NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "consent_source" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "attributes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "last_inbound_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "last_message_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(coalesce(display_name, '') || ' ' || coalesce(profile_name, '') || ' ' || coalesce(phone_number, '') || ' ' || coalesce(username, '') || ' ' || coalesce(user_id, ''))) STORED;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "sort_name" text GENERATED ALWAYS AS (lower(coalesce(display_name, profile_name, username, phone_number, user_id, wa_id))) STORED;--> statement-breakpoint
ALTER TABLE "contact_consent_events" ADD CONSTRAINT "contact_consent_events_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_consent_events" ADD CONSTRAINT "contact_consent_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_import_rejects" ADD CONSTRAINT "contact_import_rejects_import_id_contact_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."contact_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_imports" ADD CONSTRAINT "contact_imports_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_notes" ADD CONSTRAINT "contact_notes_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_notes" ADD CONSTRAINT "contact_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_tag_links" ADD CONSTRAINT "contact_tag_links_tag_id_contact_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."contact_tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_tag_links" ADD CONSTRAINT "contact_tag_links_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contact_attribute_definitions_key" ON "contact_attribute_definitions" USING btree ("key");--> statement-breakpoint
CREATE INDEX "contact_consent_events_contact_idx" ON "contact_consent_events" USING btree ("contact_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "contact_consent_events_ref_key" ON "contact_consent_events" USING btree ("contact_id","source","source_ref") WHERE "contact_consent_events"."source_ref" is not null;--> statement-breakpoint
CREATE INDEX "contact_imports_created_idx" ON "contact_imports" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "contact_notes_contact_idx" ON "contact_notes" USING btree ("contact_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "contact_tag_links_contact_idx" ON "contact_tag_links" USING btree ("contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_tags_name_key" ON "contact_tags" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "segments_name_key" ON "segments" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "contacts_last_message_idx" ON "contacts" USING btree ("last_message_at" DESC NULLS LAST,"wa_id") WHERE "contacts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_sort_name_idx" ON "contacts" USING btree ("sort_name","wa_id") WHERE "contacts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_created_idx" ON "contacts" USING btree ("created_at" DESC NULLS LAST,"wa_id") WHERE "contacts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_search_trgm_idx" ON "contacts" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_attributes_idx" ON "contacts" USING gin ("attributes" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "contacts_attributes_lower_idx" ON "contacts" USING gin ((lower("attributes"::text)::jsonb) jsonb_path_ops);--> statement-breakpoint
-- A customer's own word on marketing (user_preferences) becomes their consent, with its time.
UPDATE "contacts" SET "consent" = CASE "marketing_preference" WHEN 'stop' THEN 'opted_out'::"contact_consent" ELSE 'opted_in'::"contact_consent" END,
  "consent_source" = 'whatsapp', "consent_at" = "marketing_preference_at"
  WHERE "marketing_preference" IN ('stop', 'resume');--> statement-breakpoint
INSERT INTO "contact_consent_events" ("contact_id", "consent", "source", "detail", "at")
  SELECT "id", "consent", 'whatsapp', "marketing_preference", coalesce("marketing_preference_at", now()) FROM "contacts" WHERE "marketing_preference" IN ('stop', 'resume');--> statement-breakpoint
ALTER TABLE "contacts" DROP COLUMN "marketing_preference";--> statement-breakpoint
ALTER TABLE "contacts" DROP COLUMN "marketing_preference_at";--> statement-breakpoint
UPDATE "contacts" SET "last_inbound_at" = c."last_inbound_at", "last_message_at" = c."last_message_at"
  FROM (SELECT "wa_id", max("last_inbound_at") AS "last_inbound_at", max("last_message_at") AS "last_message_at" FROM "conversations" GROUP BY "wa_id") c
  WHERE c."wa_id" = "contacts"."wa_id";--> statement-breakpoint
-- Every writer of a conversation's times (ingest, sends, imports of history) moves its contact's with it.
CREATE FUNCTION "contacts_follow_conversation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "contacts" SET
    "last_inbound_at" = greatest("contacts"."last_inbound_at", NEW."last_inbound_at"),
    "last_message_at" = greatest("contacts"."last_message_at", NEW."last_message_at")
  WHERE "contacts"."wa_id" = NEW."wa_id"
    AND ("contacts"."last_inbound_at" IS DISTINCT FROM greatest("contacts"."last_inbound_at", NEW."last_inbound_at")
      OR "contacts"."last_message_at" IS DISTINCT FROM greatest("contacts"."last_message_at", NEW."last_message_at"));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "conversations_move_contact_times" AFTER INSERT OR UPDATE OF "last_inbound_at", "last_message_at", "wa_id" ON "conversations"
  FOR EACH ROW EXECUTE FUNCTION "contacts_follow_conversation"();
