/**
 * A contact's marketing consent, changed by a person (an agent in the dashboard, the API, a form
 * through the API) or by the system (an import). The customer's own word (WhatsApp's stop/resume,
 * an opt-out keyword) is applied by the webhook ingest through the same data function, so the rules
 * are one: a newer change wins, each applied change is in the history once, and opted-in / opted-out
 * are announced to outbound webhooks.
 */
import "server-only";

import type { Database } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import { applyConsentChange, listConsentEvents, type ConsentEventRow } from "@/db/queries/contact-consent";
import { publishLiveEvents } from "@/db/queries/live-events";
import { ActionError } from "@/lib/actions/errors";
import { NotFoundError } from "@/lib/auth/connection-access";
import { consentViewOf } from "@/lib/inbox/views";
import { message } from "@/lib/i18n/translatable";
import { withOutboundEvents } from "@/lib/outbound-webhooks/emit";

import { CONTACT_NOT_FOUND, editableContact, visibleContact, type ContactActor } from "./access";
import { CONSENT_NOTE_MAX } from "./keyword-rules";
import { CONSENT_SOURCES, type ConsentEventView, type ConsentSource, type ConsentView } from "./views";

/** Sources that are a person's word: they need a person allowed to edit the contact, and are audited. */
const PEOPLE_SOURCES: ReadonlySet<ConsentSource> = new Set(["agent", "api", "form"]);

export interface ConsentChange {
  state: "opted_in" | "opted_out";
  source: ConsentSource;
  /** The note, the keyword, the file name: kept in the history. */
  detail?: string | null;
  /** When it was given; now by default. An older change than the one in force changes nothing. */
  at?: Date;
}

/**
 * Changes a contact's consent and answers the consent in force afterwards. A person's change (agent,
 * api, form) needs `actor` to be allowed to edit the contact (`editableContact`: not found, or 403 for
 * an agent who does not talk with the customer); another source with an actor needs the contact
 * visible to them. A change to the state in force, or older than it, is no change: nothing is written.
 * Otherwise, in one transaction: the contact, its history row (with the actor), the audit entry
 * `contact.consent_changed` { from, to, source, note } for a person's change, the outbound event
 * (`contact.opted_in` / `contact.opted_out`) and the live event. An import never opts in a contact
 * who opted out. Runs in the caller's transaction when given one (`db` may be a transaction).
 */
export async function changeConsent(db: Database, actor: ContactActor | null, contactId: string, change: ConsentChange): Promise<ConsentView> {
  if (change.state !== "opted_in" && change.state !== "opted_out") {
    throw new ActionError(message("contacts.consent.stateInvalid"), { code: "INVALID_INPUT", field: "state" });
  }
  const detail = change.detail?.trim() || null;
  if (detail !== null && [...detail].length > CONSENT_NOTE_MAX) {
    throw new ActionError(message("contacts.consent.noteTooLong", { maximum: CONSENT_NOTE_MAX }), { code: "INVALID_INPUT", field: "note" });
  }
  const byPerson = PEOPLE_SOURCES.has(change.source);
  // A programming error, not a refusal: every door of a person's change knows the person.
  if (byPerson && !actor) throw new Error(`a consent change from the source "${change.source}" needs the person making it`);
  const at = change.at ?? new Date();

  return withOutboundEvents(db, (outbound) =>
    db.transaction(async (tx) => {
      if (actor) await (byPerson ? editableContact(tx, actor, contactId) : visibleContact(tx, actor, contactId));
      const outcome = await applyConsentChange(
        tx,
        { contactId },
        { state: change.state, source: change.source, actorId: actor?.id ?? null, detail, sourceRef: null, at },
        { keepOptedOut: change.source === "import" },
      );
      if (!outcome) throw new NotFoundError(CONTACT_NOT_FOUND, "contactId");
      if (!outcome.applied) return consentViewOf(outcome.after);
      if (byPerson && actor) {
        await recordAudit(tx, {
          actor: { id: actor.id, email: actor.email },
          action: "contact.consent_changed",
          target: { type: "contact", id: outcome.contactId },
          details: { from: outcome.before.state, to: change.state, source: change.source, note: detail },
        });
      }
      await outbound(tx, [
        { type: change.state === "opted_out" ? "contact.opted_out" : "contact.opted_in", contactKey: outcome.waId, source: change.source, at },
      ]);
      await publishLiveEvents(tx, [{ kind: "contact.updated", payload: { contactId: outcome.contactId } }]);
      return consentViewOf(outcome.after);
    }),
  );
}

const isConsentSource = (source: string): source is ConsentSource => (CONSENT_SOURCES as readonly string[]).includes(source);

function consentEventView(row: ConsentEventRow): ConsentEventView {
  return {
    id: row.id,
    state: row.state,
    // Sources are written by this code only; an unknown one would be a newer version's (read as the customer's own).
    source: isConsentSource(row.source) ? row.source : "whatsapp",
    actor: row.actorId && row.actorName !== null ? { id: row.actorId, name: row.actorName } : null,
    detail: row.detail,
    at: row.at.toISOString(),
  };
}

/** A contact's consent history, newest first (the caller has checked the reader may see the contact). */
export async function consentHistory(db: Database, contactId: string): Promise<ConsentEventView[]> {
  return (await listConsentEvents(db, contactId)).map(consentEventView);
}
