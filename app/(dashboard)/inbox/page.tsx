import { MessagesSquareIcon } from "lucide-react";
import type { Metadata } from "next";

import { requirePageAccess } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Inbox" };

export default async function Page() {
  await requirePageAccess("inbox.use");
  return (
    <div className="flex h-full w-full flex-col items-center justify-center gap-3 bg-muted/30 p-8 text-center">
      <MessagesSquareIcon className="size-8 text-muted-foreground" aria-hidden="true" />
      <h2 className="text-base font-semibold">Pick a conversation</h2>
      <p className="max-w-sm text-sm text-muted-foreground">
        New messages appear on the left as they arrive. Press <kbd className="rounded border bg-background px-1 font-mono text-xs">j</kbd> to open the
        first one, <kbd className="rounded border bg-background px-1 font-mono text-xs">?</kbd> for every shortcut.
      </p>
    </div>
  );
}
