import type { ReactNode } from "react";

import { ContactsSectionHeader } from "@/components/contacts/list/section-header";
import { ClientMessages } from "@/components/i18n/client-messages";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";

/**
 * The contacts section: its heading and tabs above each page, which scrolls on its own (the list
 * fills the height with its virtualised table). Each page checks its own access and hands out its messages.
 */
export default async function ContactsLayout({ children }: { children: ReactNode }) {
  const user = await requirePageAccess("contacts.view");
  return (
    <div className="flex h-full min-h-0 flex-col">
      <ClientMessages namespaces={["contacts"]}>
        <ContactsSectionHeader canManage={can(user.role, "contacts.manage")} />
      </ClientMessages>
      <div className="min-h-0 flex-1 overflow-y-auto">{children}</div>
    </div>
  );
}
