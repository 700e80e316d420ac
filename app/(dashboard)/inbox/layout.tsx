import type { ReactNode } from "react";
import { Suspense } from "react";

import { InboxShell } from "@/components/inbox/inbox-shell";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";

export default async function InboxLayout({ children }: { children: ReactNode }) {
  const user = await requirePageAccess("inbox.use");
  return (
    <Suspense>
      <InboxShell userId={user.id} canUploadMedia={can(user.role, "media.manage")}>{children}</InboxShell>
    </Suspense>
  );
}
