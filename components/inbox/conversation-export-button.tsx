"use client";

import { DownloadIcon } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";

/** Downloads the conversation's transcript (CSV, notes included): a plain link, so the browser saves the file. */
export function ConversationExportButton({ conversationId }: { conversationId: string }) {
  const t = useTranslations("notes.export");
  return (
    <Button asChild variant="ghost" size="icon-sm" title={t("button")}>
      <a href={`/api/inbox/conversations/${encodeURIComponent(conversationId)}/export`} download aria-label={t("button")}>
        <DownloadIcon aria-hidden="true" />
      </a>
    </Button>
  );
}
