import "server-only";

import type { ContactActor } from "@/lib/contacts/access";
import { can } from "@/lib/auth/permissions";
import { AuthorizationError } from "@/lib/auth/session";
import { message } from "@/lib/i18n/translatable";

/** Imports are marketers' and admins' (contacts.manage): uploading, starting, reading them and their rejects. */
export function assertMayImport(actor: Pick<ContactActor, "role">): void {
  if (!can(actor.role, "contacts.manage")) throw new AuthorizationError(403, message("auth.authorization.roleNotAllowed", { role: actor.role }));
}
