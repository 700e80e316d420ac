import type { ReactNode } from "react";
import { Suspense } from "react";

import { InboxShell } from "@/components/inbox/inbox-shell";
import { requirePageAccess } from "@/lib/auth/session";

export default async function InboxLayout({ children }: { children: ReactNode }) {
  const user = await requirePageAccess("inbox.use");
  return (
    <Suspense>
      <InboxShell userId={user.id}>{children}</InboxShell>
    </Suspense>
  );
}
