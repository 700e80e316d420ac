CREATE TABLE "analytics_cost_hours" (
	"hour" timestamp with time zone NOT NULL,
	"phone_number_id" text NOT NULL,
	"category" text NOT NULL,
	"pricing_type" text,
	"charged" boolean NOT NULL,
	"country" text,
	"messages" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_cost_hours_key" UNIQUE NULLS NOT DISTINCT("hour","phone_number_id","category","pricing_type","charged","country")
);
--> statement-breakpoint
CREATE TABLE "analytics_message_hours" (
	"hour" timestamp with time zone NOT NULL,
	"phone_number_id" text NOT NULL,
	"direction" "message_direction" NOT NULL,
	"agent_id" uuid,
	"messages" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_message_hours_key" UNIQUE NULLS NOT DISTINCT("hour","phone_number_id","direction","agent_id")
);
--> statement-breakpoint
CREATE TABLE "conversation_episodes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"phone_number_id" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"first_responder_id" uuid,
	"agent_id" uuid,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "customer_waits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"phone_number_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"last_inbound_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"answered_by_id" uuid,
	"closed_at" timestamp with time zone,
	"agent_id" uuid
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "replied_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversation_episodes" ADD CONSTRAINT "conversation_episodes_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_waits" ADD CONSTRAINT "customer_waits_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_message_hours_agent_idx" ON "analytics_message_hours" USING btree ("agent_id","hour");--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_episodes_open_key" ON "conversation_episodes" USING btree ("conversation_id") WHERE "conversation_episodes"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "conversation_episodes_opened_idx" ON "conversation_episodes" USING btree ("opened_at");--> statement-breakpoint
CREATE INDEX "conversation_episodes_resolved_idx" ON "conversation_episodes" USING btree ("resolved_at") WHERE "conversation_episodes"."resolved_at" is not null;--> statement-breakpoint
CREATE INDEX "conversation_episodes_response_idx" ON "conversation_episodes" USING btree ("first_response_at") WHERE "conversation_episodes"."first_response_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "customer_waits_open_key" ON "customer_waits" USING btree ("conversation_id") WHERE "customer_waits"."answered_at" is null and "customer_waits"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "customer_waits_conversation_idx" ON "customer_waits" USING btree ("conversation_id","started_at");--> statement-breakpoint
CREATE INDEX "customer_waits_started_idx" ON "customer_waits" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "customer_waits_answered_idx" ON "customer_waits" USING btree ("answered_at") WHERE "customer_waits"."answered_at" is not null;--> statement-breakpoint
CREATE INDEX "customer_waits_last_inbound_idx" ON "customer_waits" USING btree ("last_inbound_at");--> statement-breakpoint
CREATE INDEX "messages_template_sent_idx" ON "messages" USING btree ("sent_at") WHERE "messages"."type" = 'template';--> statement-breakpoint
-- A customer's country: the ISO prefix of a business-scoped user id ("US.134…"), else the longest
-- calling-code prefix of their number, from libphonenumber-js 1.13.18's metadata: each calling code's main
-- country, the other countries of +1 by area code, Kazakhstan in +7. An expression rather than a table: it
-- runs for every priced message, and a lookup per call costs a hundred times more.
CREATE FUNCTION "analytics_country"(p_wa_id text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN p_wa_id ~ '^[A-Z]{2}\.' THEN left(p_wa_id, 2)
    WHEN p_wa_id ~ '^[0-9]+$' THEN coalesce(
      CASE left(p_wa_id, 4)
        WHEN '1204' THEN 'CA' WHEN '1226' THEN 'CA' WHEN '1236' THEN 'CA' WHEN '1242' THEN 'BS' WHEN '1246' THEN 'BB' WHEN '1249' THEN 'CA' WHEN '1250' THEN 'CA' WHEN '1257' THEN 'CA'
        WHEN '1263' THEN 'CA' WHEN '1264' THEN 'AI' WHEN '1268' THEN 'AG' WHEN '1273' THEN 'CA' WHEN '1284' THEN 'VG' WHEN '1289' THEN 'CA' WHEN '1306' THEN 'CA' WHEN '1340' THEN 'VI'
        WHEN '1343' THEN 'CA' WHEN '1345' THEN 'KY' WHEN '1354' THEN 'CA' WHEN '1365' THEN 'CA' WHEN '1367' THEN 'CA' WHEN '1368' THEN 'CA' WHEN '1382' THEN 'CA' WHEN '1403' THEN 'CA'
        WHEN '1416' THEN 'CA' WHEN '1418' THEN 'CA' WHEN '1428' THEN 'CA' WHEN '1431' THEN 'CA' WHEN '1437' THEN 'CA' WHEN '1438' THEN 'CA' WHEN '1441' THEN 'BM' WHEN '1450' THEN 'CA'
        WHEN '1468' THEN 'CA' WHEN '1473' THEN 'GD' WHEN '1474' THEN 'CA' WHEN '1506' THEN 'CA' WHEN '1514' THEN 'CA' WHEN '1519' THEN 'CA' WHEN '1548' THEN 'CA' WHEN '1579' THEN 'CA'
        WHEN '1581' THEN 'CA' WHEN '1584' THEN 'CA' WHEN '1587' THEN 'CA' WHEN '1600' THEN 'CA' WHEN '1604' THEN 'CA' WHEN '1613' THEN 'CA' WHEN '1622' THEN 'CA' WHEN '1633' THEN 'CA'
        WHEN '1639' THEN 'CA' WHEN '1647' THEN 'CA' WHEN '1649' THEN 'TC' WHEN '1658' THEN 'JM' WHEN '1664' THEN 'MS' WHEN '1670' THEN 'MP' WHEN '1671' THEN 'GU' WHEN '1672' THEN 'CA'
        WHEN '1683' THEN 'CA' WHEN '1684' THEN 'AS' WHEN '1705' THEN 'CA' WHEN '1709' THEN 'CA' WHEN '1721' THEN 'SX' WHEN '1742' THEN 'CA' WHEN '1753' THEN 'CA' WHEN '1758' THEN 'LC'
        WHEN '1767' THEN 'DM' WHEN '1778' THEN 'CA' WHEN '1780' THEN 'CA' WHEN '1782' THEN 'CA' WHEN '1784' THEN 'VC' WHEN '1787' THEN 'PR' WHEN '1807' THEN 'CA' WHEN '1809' THEN 'DO'
        WHEN '1819' THEN 'CA' WHEN '1825' THEN 'CA' WHEN '1829' THEN 'DO' WHEN '1849' THEN 'DO' WHEN '1867' THEN 'CA' WHEN '1868' THEN 'TT' WHEN '1869' THEN 'KN' WHEN '1873' THEN 'CA'
        WHEN '1876' THEN 'JM' WHEN '1879' THEN 'CA' WHEN '1902' THEN 'CA' WHEN '1905' THEN 'CA' WHEN '1939' THEN 'PR' WHEN '1942' THEN 'CA'
      END,
      CASE left(p_wa_id, 3)
        WHEN '211' THEN 'SS' WHEN '212' THEN 'MA' WHEN '213' THEN 'DZ' WHEN '216' THEN 'TN' WHEN '218' THEN 'LY' WHEN '220' THEN 'GM' WHEN '221' THEN 'SN' WHEN '222' THEN 'MR'
        WHEN '223' THEN 'ML' WHEN '224' THEN 'GN' WHEN '225' THEN 'CI' WHEN '226' THEN 'BF' WHEN '227' THEN 'NE' WHEN '228' THEN 'TG' WHEN '229' THEN 'BJ' WHEN '230' THEN 'MU'
        WHEN '231' THEN 'LR' WHEN '232' THEN 'SL' WHEN '233' THEN 'GH' WHEN '234' THEN 'NG' WHEN '235' THEN 'TD' WHEN '236' THEN 'CF' WHEN '237' THEN 'CM' WHEN '238' THEN 'CV'
        WHEN '239' THEN 'ST' WHEN '240' THEN 'GQ' WHEN '241' THEN 'GA' WHEN '242' THEN 'CG' WHEN '243' THEN 'CD' WHEN '244' THEN 'AO' WHEN '245' THEN 'GW' WHEN '246' THEN 'IO'
        WHEN '247' THEN 'AC' WHEN '248' THEN 'SC' WHEN '249' THEN 'SD' WHEN '250' THEN 'RW' WHEN '251' THEN 'ET' WHEN '252' THEN 'SO' WHEN '253' THEN 'DJ' WHEN '254' THEN 'KE'
        WHEN '255' THEN 'TZ' WHEN '256' THEN 'UG' WHEN '257' THEN 'BI' WHEN '258' THEN 'MZ' WHEN '260' THEN 'ZM' WHEN '261' THEN 'MG' WHEN '262' THEN 'RE' WHEN '263' THEN 'ZW'
        WHEN '264' THEN 'NA' WHEN '265' THEN 'MW' WHEN '266' THEN 'LS' WHEN '267' THEN 'BW' WHEN '268' THEN 'SZ' WHEN '269' THEN 'KM' WHEN '290' THEN 'SH' WHEN '291' THEN 'ER'
        WHEN '297' THEN 'AW' WHEN '298' THEN 'FO' WHEN '299' THEN 'GL' WHEN '350' THEN 'GI' WHEN '351' THEN 'PT' WHEN '352' THEN 'LU' WHEN '353' THEN 'IE' WHEN '354' THEN 'IS'
        WHEN '355' THEN 'AL' WHEN '356' THEN 'MT' WHEN '357' THEN 'CY' WHEN '358' THEN 'FI' WHEN '359' THEN 'BG' WHEN '370' THEN 'LT' WHEN '371' THEN 'LV' WHEN '372' THEN 'EE'
        WHEN '373' THEN 'MD' WHEN '374' THEN 'AM' WHEN '375' THEN 'BY' WHEN '376' THEN 'AD' WHEN '377' THEN 'MC' WHEN '378' THEN 'SM' WHEN '380' THEN 'UA' WHEN '381' THEN 'RS'
        WHEN '382' THEN 'ME' WHEN '383' THEN 'XK' WHEN '385' THEN 'HR' WHEN '386' THEN 'SI' WHEN '387' THEN 'BA' WHEN '389' THEN 'MK' WHEN '420' THEN 'CZ' WHEN '421' THEN 'SK'
        WHEN '423' THEN 'LI' WHEN '500' THEN 'FK' WHEN '501' THEN 'BZ' WHEN '502' THEN 'GT' WHEN '503' THEN 'SV' WHEN '504' THEN 'HN' WHEN '505' THEN 'NI' WHEN '506' THEN 'CR'
        WHEN '507' THEN 'PA' WHEN '508' THEN 'PM' WHEN '509' THEN 'HT' WHEN '590' THEN 'GP' WHEN '591' THEN 'BO' WHEN '592' THEN 'GY' WHEN '593' THEN 'EC' WHEN '594' THEN 'GF'
        WHEN '595' THEN 'PY' WHEN '596' THEN 'MQ' WHEN '597' THEN 'SR' WHEN '598' THEN 'UY' WHEN '599' THEN 'CW' WHEN '670' THEN 'TL' WHEN '672' THEN 'NF' WHEN '673' THEN 'BN'
        WHEN '674' THEN 'NR' WHEN '675' THEN 'PG' WHEN '676' THEN 'TO' WHEN '677' THEN 'SB' WHEN '678' THEN 'VU' WHEN '679' THEN 'FJ' WHEN '680' THEN 'PW' WHEN '681' THEN 'WF'
        WHEN '682' THEN 'CK' WHEN '683' THEN 'NU' WHEN '685' THEN 'WS' WHEN '686' THEN 'KI' WHEN '687' THEN 'NC' WHEN '688' THEN 'TV' WHEN '689' THEN 'PF' WHEN '690' THEN 'TK'
        WHEN '691' THEN 'FM' WHEN '692' THEN 'MH' WHEN '850' THEN 'KP' WHEN '852' THEN 'HK' WHEN '853' THEN 'MO' WHEN '855' THEN 'KH' WHEN '856' THEN 'LA' WHEN '880' THEN 'BD'
        WHEN '886' THEN 'TW' WHEN '960' THEN 'MV' WHEN '961' THEN 'LB' WHEN '962' THEN 'JO' WHEN '963' THEN 'SY' WHEN '964' THEN 'IQ' WHEN '965' THEN 'KW' WHEN '966' THEN 'SA'
        WHEN '967' THEN 'YE' WHEN '968' THEN 'OM' WHEN '970' THEN 'PS' WHEN '971' THEN 'AE' WHEN '972' THEN 'IL' WHEN '973' THEN 'BH' WHEN '974' THEN 'QA' WHEN '975' THEN 'BT'
        WHEN '976' THEN 'MN' WHEN '977' THEN 'NP' WHEN '992' THEN 'TJ' WHEN '993' THEN 'TM' WHEN '994' THEN 'AZ' WHEN '995' THEN 'GE' WHEN '996' THEN 'KG' WHEN '998' THEN 'UZ'
      END,
      CASE left(p_wa_id, 2)
        WHEN '20' THEN 'EG' WHEN '27' THEN 'ZA' WHEN '30' THEN 'GR' WHEN '31' THEN 'NL' WHEN '32' THEN 'BE' WHEN '33' THEN 'FR' WHEN '34' THEN 'ES' WHEN '36' THEN 'HU'
        WHEN '39' THEN 'IT' WHEN '40' THEN 'RO' WHEN '41' THEN 'CH' WHEN '43' THEN 'AT' WHEN '44' THEN 'GB' WHEN '45' THEN 'DK' WHEN '46' THEN 'SE' WHEN '47' THEN 'NO'
        WHEN '48' THEN 'PL' WHEN '49' THEN 'DE' WHEN '51' THEN 'PE' WHEN '52' THEN 'MX' WHEN '53' THEN 'CU' WHEN '54' THEN 'AR' WHEN '55' THEN 'BR' WHEN '56' THEN 'CL'
        WHEN '57' THEN 'CO' WHEN '58' THEN 'VE' WHEN '60' THEN 'MY' WHEN '61' THEN 'AU' WHEN '62' THEN 'ID' WHEN '63' THEN 'PH' WHEN '64' THEN 'NZ' WHEN '65' THEN 'SG'
        WHEN '66' THEN 'TH' WHEN '77' THEN 'KZ' WHEN '81' THEN 'JP' WHEN '82' THEN 'KR' WHEN '84' THEN 'VN' WHEN '86' THEN 'CN' WHEN '90' THEN 'TR' WHEN '91' THEN 'IN'
        WHEN '92' THEN 'PK' WHEN '93' THEN 'AF' WHEN '94' THEN 'LK' WHEN '95' THEN 'MM' WHEN '98' THEN 'IR'
      END,
      CASE left(p_wa_id, 1)
        WHEN '1' THEN 'US' WHEN '7' THEN 'RU'
      END)
  END
$$;--> statement-breakpoint
-- The customer wrote (a message that opens the window): an episode opens unless one is open, and their wait starts or goes on.
CREATE FUNCTION "analytics_customer_wrote"(p_conversation uuid, p_phone_number text, p_assignee uuid, p_at timestamptz) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "conversation_episodes" ("conversation_id", "phone_number_id", "opened_at", "agent_id")
    VALUES (p_conversation, p_phone_number, p_at, p_assignee)
    ON CONFLICT ("conversation_id") WHERE "resolved_at" IS NULL DO NOTHING;
  UPDATE "customer_waits" SET "last_inbound_at" = greatest("last_inbound_at", p_at)
    WHERE "conversation_id" = p_conversation AND "answered_at" IS NULL AND "closed_at" IS NULL;
  IF NOT FOUND THEN
    INSERT INTO "customer_waits" ("conversation_id", "phone_number_id", "started_at", "last_inbound_at", "agent_id")
      VALUES (p_conversation, p_phone_number, p_at, p_at, p_assignee);
  END IF;
END $$;--> statement-breakpoint
-- A reply of ours went out (sent by a person: an agent here, or the WhatsApp Business app): it answers the wait, and the episode's first response if none came yet.
CREATE FUNCTION "analytics_replied"(p_conversation uuid, p_sender uuid, p_at timestamptz) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "conversation_episodes" SET "first_response_at" = p_at, "first_responder_id" = p_sender, "agent_id" = coalesce("agent_id", p_sender)
    WHERE "conversation_id" = p_conversation AND "resolved_at" IS NULL AND "first_response_at" IS NULL AND "opened_at" <= p_at;
  UPDATE "customer_waits" SET "answered_at" = p_at, "answered_by_id" = p_sender, "agent_id" = coalesce("agent_id", p_sender)
    WHERE "conversation_id" = p_conversation AND "answered_at" IS NULL AND "closed_at" IS NULL AND "started_at" <= p_at;
END $$;--> statement-breakpoint
-- Resolved: the episode ends, and a wait without a reply ends too (resolved without one is not a missed window once it is resolved in time).
CREATE FUNCTION "analytics_resolved"(p_conversation uuid, p_at timestamptz) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "conversation_episodes" SET "resolved_at" = greatest(p_at, "opened_at") WHERE "conversation_id" = p_conversation AND "resolved_at" IS NULL;
  UPDATE "customer_waits" SET "closed_at" = greatest(p_at, "last_inbound_at")
    WHERE "conversation_id" = p_conversation AND "answered_at" IS NULL AND "closed_at" IS NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "analytics_assigned"(p_conversation uuid, p_assignee uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "conversation_episodes" SET "agent_id" = p_assignee WHERE "conversation_id" = p_conversation AND "resolved_at" IS NULL;
  UPDATE "customer_waits" SET "agent_id" = p_assignee WHERE "conversation_id" = p_conversation AND "answered_at" IS NULL AND "closed_at" IS NULL;
END $$;--> statement-breakpoint
-- One priced message more (p_delta 1) or less (-1, its pricing changed) in its hour, category, type and country.
-- PL/pgSQL rather than SQL for this and the next: a plain SQL function's statement is planned again at
-- every call, PL/pgSQL keeps its plan for the session (they run for every message written).
CREATE FUNCTION "analytics_count_cost"(p_sent_at timestamptz, p_phone_number text, p_wa_id text, p_pricing jsonb, p_delta integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "analytics_cost_hours" ("hour", "phone_number_id", "category", "pricing_type", "charged", "country", "messages")
  VALUES (date_trunc('hour', p_sent_at, 'UTC'), p_phone_number, lower(p_pricing ->> 'category'), p_pricing ->> 'type',
    coalesce(p_pricing ->> 'type', 'regular') = 'regular' AND coalesce(CASE WHEN p_pricing ->> 'billable' IN ('true', 'false') THEN (p_pricing ->> 'billable')::boolean END, true),
    "analytics_country"(p_wa_id), p_delta)
  ON CONFLICT ON CONSTRAINT "analytics_cost_hours_key" DO UPDATE SET "messages" = "analytics_cost_hours"."messages" + excluded."messages";
END $$;--> statement-breakpoint
-- A customer's message at p_at replies to the conversation's outbound templates sent in the 24 hours before
-- it (the range of messages_conversation_sent_idx); the first reply is kept. Whether a send went out is
-- the report's question (its status may still change): every template of the window is marked.
CREATE FUNCTION "analytics_templates_replied"(p_conversation uuid, p_at timestamptz) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "messages" SET "replied_at" = p_at
  WHERE "conversation_id" = p_conversation AND "sent_at" >= p_at - interval '24 hours' AND "sent_at" < p_at
    AND "type" = 'template' AND "direction" = 'outbound' AND ("replied_at" IS NULL OR "replied_at" > p_at);
END $$;--> statement-breakpoint
CREATE FUNCTION "analytics_follow_message"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  conversation record;
  was_sent boolean := false;
  old_pricing jsonb;
BEGIN
  IF NEW."type" = 'note' THEN RETURN NULL; END IF;
  SELECT "phone_number_id", "assignee_id", "wa_id" INTO conversation FROM "conversations" WHERE "id" = NEW."conversation_id";
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "analytics_message_hours" ("hour", "phone_number_id", "direction", "agent_id", "messages")
      VALUES (date_trunc('hour', NEW."sent_at", 'UTC'), conversation."phone_number_id", NEW."direction",
        CASE WHEN NEW."direction" = 'outbound' THEN NEW."sender_id" ELSE conversation."assignee_id" END, 1)
      ON CONFLICT ON CONSTRAINT "analytics_message_hours_key" DO UPDATE SET "messages" = "analytics_message_hours"."messages" + 1;
    -- The customer wrote: it answers our templates of the 24 hours before (their first reply counts).
    -- Setting replied_at alone does not fire this trigger again (it follows status and pricing only).
    IF NEW."direction" = 'inbound' AND NEW."type" <> 'system' THEN
      PERFORM "analytics_templates_replied"(NEW."conversation_id", NEW."sent_at");
    ELSIF NEW."type" = 'template' AND NEW."direction" = 'outbound' THEN
      -- A template written after the customer's reply to it (an import, a late write).
      UPDATE "messages" m SET "replied_at" = r."at"
        FROM (
          SELECT min(i."sent_at") AS "at" FROM "messages" i
          WHERE i."conversation_id" = NEW."conversation_id" AND i."direction" = 'inbound' AND i."type" <> 'system'
            AND i."sent_at" > NEW."sent_at" AND i."sent_at" <= NEW."sent_at" + interval '24 hours'
        ) AS r
        WHERE m."id" = NEW."id" AND r."at" IS NOT NULL;
    END IF;
  ELSE
    was_sent := OLD."status" IN ('sent', 'delivered', 'read');
    old_pricing := OLD."pricing";
  END IF;
  IF NEW."direction" = 'outbound' AND NEW."status" IN ('sent', 'delivered', 'read') AND NOT was_sent
    AND ((NEW."sender_id" IS NOT NULL AND NEW."origin" IS NULL) OR NEW."origin" = 'business_app') THEN
    PERFORM "analytics_replied"(NEW."conversation_id", NEW."sender_id", NEW."sent_at");
  END IF;
  IF NEW."pricing" IS DISTINCT FROM old_pricing THEN
    IF old_pricing ->> 'category' IS NOT NULL THEN
      PERFORM "analytics_count_cost"(NEW."sent_at", conversation."phone_number_id", conversation."wa_id", old_pricing, -1);
    END IF;
    IF NEW."pricing" ->> 'category' IS NOT NULL THEN
      PERFORM "analytics_count_cost"(NEW."sent_at", conversation."phone_number_id", conversation."wa_id", NEW."pricing", 1);
    END IF;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "messages_analytics" AFTER INSERT OR UPDATE OF "status", "pricing" ON "messages"
  FOR EACH ROW EXECUTE FUNCTION "analytics_follow_message"();--> statement-breakpoint
CREATE FUNCTION "analytics_follow_conversation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Resolved now: the application's update time when it set one (tests and imports set theirs), else the transaction's.
  IF TG_OP = 'UPDATE' AND OLD."status" = 'open' AND NEW."status" = 'resolved' THEN
    PERFORM "analytics_resolved"(NEW."id", CASE WHEN NEW."updated_at" IS DISTINCT FROM OLD."updated_at" THEN NEW."updated_at" ELSE now() END);
  END IF;
  IF TG_OP = 'UPDATE' AND NEW."assignee_id" IS DISTINCT FROM OLD."assignee_id" THEN
    PERFORM "analytics_assigned"(NEW."id", NEW."assignee_id");
  END IF;
  IF NEW."last_inbound_at" IS NOT NULL AND (TG_OP = 'INSERT' OR NEW."last_inbound_at" > coalesce(OLD."last_inbound_at", '-infinity'::timestamptz)) THEN
    PERFORM "analytics_customer_wrote"(NEW."id", NEW."phone_number_id", NEW."assignee_id", NEW."last_inbound_at");
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "conversations_analytics" AFTER INSERT OR UPDATE OF "last_inbound_at", "status", "assignee_id" ON "conversations"
  FOR EACH ROW EXECUTE FUNCTION "analytics_follow_conversation"();--> statement-breakpoint
-- Recomputes every analytics table from the messages and conversations: after a bulk load made with the
-- triggers off, and once here for the history. From history, a conversation's episodes are one (its first
-- wait to its current state), since past resolutions were not recorded.
CREATE FUNCTION "analytics_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "analytics_message_hours";
  DELETE FROM "analytics_cost_hours";
  DELETE FROM "conversation_episodes";
  DELETE FROM "customer_waits";
  -- Each template's first reply within 24 hours, written only where it changes.
  UPDATE "messages" t SET "replied_at" = r."at"
    FROM (
      SELECT s."id", (
          SELECT min(i."sent_at") FROM "messages" i
          WHERE i."conversation_id" = s."conversation_id" AND i."direction" = 'inbound' AND i."type" <> 'system'
            AND i."sent_at" > s."sent_at" AND i."sent_at" <= s."sent_at" + interval '24 hours') AS "at"
      FROM "messages" s
      WHERE s."type" = 'template' AND s."direction" = 'outbound'
    ) AS r
    WHERE t."id" = r."id" AND t."replied_at" IS DISTINCT FROM r."at";
  INSERT INTO "analytics_message_hours" ("hour", "phone_number_id", "direction", "agent_id", "messages")
    SELECT date_trunc('hour', m."sent_at", 'UTC'), c."phone_number_id", m."direction",
      CASE WHEN m."direction" = 'outbound' THEN m."sender_id" ELSE c."assignee_id" END, count(*)
    FROM "messages" m JOIN "conversations" c ON c."id" = m."conversation_id"
    WHERE m."type" <> 'note'
    GROUP BY 1, 2, 3, 4;
  INSERT INTO "analytics_cost_hours" ("hour", "phone_number_id", "category", "pricing_type", "charged", "country", "messages")
    SELECT "hour", "phone_number_id", "category", "pricing_type", "charged", "analytics_country"("wa_id"), sum("messages")
    FROM (
      SELECT date_trunc('hour', m."sent_at", 'UTC') AS "hour", c."phone_number_id", lower(m."pricing" ->> 'category') AS "category", m."pricing" ->> 'type' AS "pricing_type",
        coalesce(m."pricing" ->> 'type', 'regular') = 'regular'
          AND coalesce(CASE WHEN m."pricing" ->> 'billable' IN ('true', 'false') THEN (m."pricing" ->> 'billable')::boolean END, true) AS "charged",
        c."wa_id", count(*) AS "messages"
      FROM "messages" m JOIN "conversations" c ON c."id" = m."conversation_id"
      WHERE m."pricing" ->> 'category' IS NOT NULL AND m."type" <> 'note'
      GROUP BY 1, 2, 3, 4, 5, 6
    ) AS per_customer
    GROUP BY 1, 2, 3, 4, 5, 6;
  WITH events AS (
    SELECT m."conversation_id", m."sent_at" AS "at", m."direction" = 'inbound' AS "inbound", m."sender_id",
      count(*) FILTER (WHERE m."direction" = 'outbound') OVER (PARTITION BY m."conversation_id" ORDER BY m."sent_at", m."seq") AS "replies"
    FROM "messages" m
    WHERE (m."direction" = 'inbound' AND m."type" NOT IN ('system', 'edit', 'revoke'))
      OR (m."direction" = 'outbound' AND m."type" <> 'note' AND m."status" IN ('sent', 'delivered', 'read')
        AND ((m."sender_id" IS NOT NULL AND m."origin" IS NULL) OR m."origin" = 'business_app'))
  ),
  waits AS (
    SELECT "conversation_id", "replies", min("at") AS "started_at", max("at") AS "last_inbound_at"
    FROM events WHERE "inbound" GROUP BY "conversation_id", "replies"
  ),
  answers AS (
    SELECT "conversation_id", "replies", "at", "sender_id" FROM events WHERE NOT "inbound"
  )
  INSERT INTO "customer_waits" ("conversation_id", "phone_number_id", "started_at", "last_inbound_at", "answered_at", "answered_by_id", "closed_at", "agent_id")
    SELECT w."conversation_id", c."phone_number_id", w."started_at", w."last_inbound_at", a."at", a."sender_id",
      CASE WHEN a."at" IS NULL AND c."status" = 'resolved' THEN greatest(c."updated_at", w."last_inbound_at") END,
      coalesce(c."assignee_id", a."sender_id")
    FROM waits w
    JOIN "conversations" c ON c."id" = w."conversation_id"
    LEFT JOIN answers a ON a."conversation_id" = w."conversation_id" AND a."replies" = w."replies" + 1;
  INSERT INTO "conversation_episodes" ("conversation_id", "phone_number_id", "opened_at", "first_response_at", "first_responder_id", "agent_id", "resolved_at")
    SELECT c."id", c."phone_number_id", f."started_at", f."answered_at", f."answered_by_id", coalesce(c."assignee_id", f."answered_by_id"),
      CASE WHEN c."status" = 'resolved' THEN greatest(c."updated_at", f."started_at") END
    FROM "conversations" c
    JOIN LATERAL (
      SELECT w."started_at", w."answered_at", w."answered_by_id" FROM "customer_waits" w WHERE w."conversation_id" = c."id" ORDER BY w."started_at" LIMIT 1
    ) f ON true;
END $$;--> statement-breakpoint
SELECT "analytics_rebuild"();
