CREATE TABLE "gateway_budget" (
	"account" text PRIMARY KEY NOT NULL,
	"grants" timestamp with time zone[] DEFAULT '{}' NOT NULL,
	"wanted_until" timestamp with time zone[] DEFAULT '{}' NOT NULL,
	"last_grant_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
