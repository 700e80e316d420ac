import { MessagesSquareIcon } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { requirePageAccess } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("inbox");
  return { title: t("title") };
}

export default async function Page() {
  await requirePageAccess("inbox.use");
  const t = await getTranslations("inbox.empty");
  return (
    <div className="flex h-full w-full flex-col items-center justify-center gap-3 bg-muted/30 p-8 text-center">
      <MessagesSquareIcon className="size-8 text-muted-foreground" aria-hidden="true" />
      <h2 className="text-base font-semibold">{t("title")}</h2>
      <p className="max-w-sm text-sm text-muted-foreground">
        {t.rich("description", {
          kbd: (chunks) => <kbd className="rounded border bg-background px-1 font-mono text-xs">{chunks}</kbd>,
        })}
      </p>
    </div>
  );
}
