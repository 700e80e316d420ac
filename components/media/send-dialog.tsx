"use client";

import { MessageSquareIcon, SearchIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import * as React from "react";

import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";

import { useConversationChoices } from "./api";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Picks a conversation of the number; the inbox then opens with the file attached in its composer. */
export function SendToConversationDialog({
  mediaId,
  kind,
  fileName,
  phoneNumberId,
  onClose,
}: {
  mediaId: string;
  kind: string;
  fileName: string;
  phoneNumberId: string;
  onClose: () => void;
}) {
  const router = useRouter();
  const t = useTranslations("media.send");
  const [q, setQ] = React.useState("");
  const [debounced, setDebounced] = React.useState("");
  React.useEffect(() => {
    const timer = setTimeout(() => setDebounced(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const choices = useConversationChoices(phoneNumberId, debounced, true);
  const [now] = React.useState(() => Date.now());

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="sm:max-w-md">
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{t("description", { fileName })}</DialogDescription>
        </DialogHeader>
        <div className="relative">
          <SearchIcon className="pointer-events-none absolute top-1/2 start-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
          <Input aria-label={t("search")} placeholder={t("searchPlaceholder")} value={q} onChange={(event) => setQ(event.target.value)} className="ps-8" />
        </div>
        {choices.isPending ? (
          <p className="text-sm text-muted-foreground">{t("loading")}</p>
        ) : choices.isError ? (
          <p role="alert" className="text-sm text-destructive">{choices.error.message}</p>
        ) : choices.data.length === 0 ? (
          <p className="text-sm text-muted-foreground">{debounced ? t("noneMatching", { query: debounced }) : t("none")}</p>
        ) : (
          <ul aria-label={t("listLabel")} className="max-h-72 space-y-1 overflow-y-auto">
            {choices.data.map((choice) => {
              const open = choice.lastInboundAt !== null && now - new Date(choice.lastInboundAt).getTime() < DAY_MS;
              return (
                <li key={choice.id}>
                  <button
                    type="button"
                    onClick={() => router.push(`/inbox/${choice.id}?${new URLSearchParams({ attach: mediaId, attachKind: kind, attachName: fileName })}`)}
                    className="flex w-full items-center gap-3 rounded-md px-2 py-2 text-start text-sm hover:bg-accent focus-visible:bg-accent focus-visible:outline-none"
                  >
                    <MessageSquareIcon className="size-4 text-muted-foreground" aria-hidden="true" />
                    <span className="min-w-0 flex-1">
                      <span dir="auto" className="block truncate font-medium">{choice.name}</span>
                      {choice.handles.length > 0 ? <span dir="auto" className="block truncate text-xs text-muted-foreground">{choice.handles.join(" · ")}</span> : null}
                    </span>
                    <span className={open ? "text-xs text-success" : "text-xs text-muted-foreground"}>{open ? t("windowOpen") : t("templatesOnly")}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </DialogContent>
    </Dialog>
  );
}
