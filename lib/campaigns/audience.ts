/**
 * Who a campaign goes to, as one SQL condition on `contacts`: a saved segment's filter, any of some
 * tags, or the contacts a finished import created or updated; always only the contacts the actor
 * sees (lib/contacts/list.ts visibility).
 */
import "server-only";

import { and, type SQL } from "drizzle-orm";

import type { Database } from "@/db/client";
import { countAudience, importedContactsCondition, tagNamesByIds } from "@/db/queries/campaigns";
import { contactVisibleIn } from "@/db/queries/contact-access";
import { findContactImport } from "@/db/queries/contact-imports";
import { findSegmentRow } from "@/db/queries/segments";
import { ActionError } from "@/lib/actions/errors";
import { NotFoundError } from "@/lib/auth/connection-access";
import type { ContactActor } from "@/lib/contacts/access";
import { selectionCondition } from "@/lib/contacts/list";
import { message } from "@/lib/i18n/translatable";

import type { CampaignAudience } from "./types";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * That the audience names something that exists: the segment, every tag, a finished import
 * (NotFoundError or ActionError at `audience.segmentId` / `audience.tagIds.<i>` / `audience.importId`).
 */
export async function checkAudience(db: Database, audience: CampaignAudience): Promise<void> {
  switch (audience.kind) {
    case "segment":
      if (!UUID.test(audience.segmentId) || !(await findSegmentRow(db, audience.segmentId))) {
        throw new NotFoundError(message("campaigns.errors.segmentNotFound"), "audience.segmentId");
      }
      return;
    case "tags": {
      if (audience.tagIds.length === 0) throw new ActionError(message("campaigns.errors.tagsRequired"), { code: "INVALID_INPUT", field: "audience.tagIds" });
      const valid = audience.tagIds.filter((id) => UUID.test(id));
      const names = await tagNamesByIds(db, valid);
      const missing = audience.tagIds.findIndex((id) => !names.has(id));
      if (missing >= 0) throw new NotFoundError(message("campaigns.errors.tagNotFound"), `audience.tagIds.${missing}`);
      return;
    }
    case "import": {
      const found = UUID.test(audience.importId) ? await findContactImport(db, audience.importId) : undefined;
      if (!found) throw new NotFoundError(message("campaigns.errors.importNotFound"), "audience.importId");
      if (found.contactImport.status !== "finished") {
        throw new ActionError(message("campaigns.errors.importNotFinished"), { code: "INVALID_INPUT", field: "audience.importId" });
      }
      return;
    }
  }
}

/** The audience's contacts for this actor, as a condition on `contacts`. */
export async function audienceCondition(db: Database, actor: ContactActor, audience: CampaignAudience, now = new Date()): Promise<SQL> {
  switch (audience.kind) {
    case "segment":
      await checkAudience(db, audience);
      return selectionCondition(db, actor, { filter: {}, segmentId: audience.segmentId }, now);
    case "tags":
      await checkAudience(db, audience);
      return selectionCondition(db, actor, { filter: { tags: { any: [...new Set(audience.tagIds)] } } }, now);
    case "import":
      await checkAudience(db, audience);
      return and(contactVisibleIn(actor.connections), importedContactsCondition(audience.importId))!;
  }
}

/** How many contacts the audience holds for this actor (before any skip rule). */
export async function audienceSize(db: Database, actor: ContactActor, audience: CampaignAudience): Promise<number> {
  return countAudience(db, await audienceCondition(db, actor, audience));
}

/** The audience as the list names it: the segment's name, the tags' names, the import's file name (customer data, shown as written). */
export async function audienceLabel(db: Database, audience: CampaignAudience): Promise<string> {
  switch (audience.kind) {
    case "segment":
      return (UUID.test(audience.segmentId) ? (await findSegmentRow(db, audience.segmentId))?.name : undefined) ?? "";
    case "tags": {
      const names = await tagNamesByIds(db, audience.tagIds.filter((id) => UUID.test(id)));
      return audience.tagIds.flatMap((id) => names.get(id) ?? []).join(", ");
    }
    case "import":
      return (UUID.test(audience.importId) ? (await findContactImport(db, audience.importId))?.contactImport.fileName : undefined) ?? "";
  }
}
