"use client";

import { useQueryClient } from "@tanstack/react-query";
import { TagIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import * as React from "react";

import { useConversationLabels } from "@/components/labels/api";
import { LabelChip } from "@/components/labels/label-chip";
import { LabelChecklist } from "@/components/labels/label-checklist";
import { Button } from "@/components/ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { toast } from "@/components/ui/toast";
import { runAction } from "@/lib/action-result";
import { setConversationLabelsAction } from "@/lib/actions/conversation-labels";
import { labelColourOf, type ConversationLabel } from "@/lib/inbox/label-views";
import { queryKeys } from "@/lib/query-keys";

/** A label as the list and the conversation carry it (its colour as stored). */
export interface CarriedLabel {
  id: string;
  name: string;
  color: string;
}

/**
 * The conversation header's labels: the conversation's chips and a "Labels" button opening a
 * searchable checklist. Toggling applies at once and shows at once; a refusal puts the labels back
 * as they were and says why.
 */
export function LabelPicker({ conversationId, labels, canManage = false }: { conversationId: string; labels: readonly CarriedLabel[]; canManage?: boolean }) {
  const t = useTranslations("labels.picker");
  const queryClient = useQueryClient();
  const [open, setOpen] = React.useState(false);
  const catalogue = useConversationLabels({ enabled: open });
  const given = React.useMemo(() => labels.map((label) => ({ ...label, color: labelColourOf(label.color) })), [labels]);
  const [current, setCurrent] = React.useState<ConversationLabel[]>(given);
  // The server's labels win whenever they change (a live refresh, another conversation).
  const [seen, setSeen] = React.useState(given);
  if (seen !== given) {
    setSeen(given);
    setCurrent(given);
  }
  const pending = React.useRef(0);

  const toggle = async (label: ConversationLabel, checked: boolean) => {
    const before = current;
    setCurrent(checked ? [...before.filter((item) => item.id !== label.id), label].sort((a, b) => a.name.localeCompare(b.name)) : before.filter((item) => item.id !== label.id));
    pending.current += 1;
    const result = await runAction(setConversationLabelsAction({ conversationId, ...(checked ? { add: [label.id] } : { remove: [label.id] }) }));
    pending.current -= 1;
    if (!result.ok) {
      setCurrent((now) => (checked ? now.filter((item) => item.id !== label.id) : before.some((item) => item.id === label.id) ? [...now.filter((item) => item.id !== label.id), label] : now));
      toast.error(t("failed", { name: label.name, error: result.message }));
      return;
    }
    if (pending.current === 0) setCurrent(result.data);
    void queryClient.invalidateQueries({ queryKey: queryKeys.inbox.conversationLists() });
    void queryClient.invalidateQueries({ queryKey: queryKeys.inbox.conversation(conversationId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.inbox.labels() });
  };

  return (
    <div className="flex min-w-0 items-center gap-1.5">
      {current.length > 0 ? (
        <ul aria-label={t("carried")} className="flex min-w-0 flex-wrap items-center gap-1">
          {current.map((label) => (
            <li key={label.id}>
              <LabelChip label={label} />
            </li>
          ))}
        </ul>
      ) : null}
      <Popover open={open} onOpenChange={setOpen}>
        <PopoverTrigger asChild>
          <Button type="button" variant="ghost" size="sm">
            <TagIcon aria-hidden="true" />
            {t("button")}
          </Button>
        </PopoverTrigger>
        <PopoverContent align="end" className="w-64 p-2" aria-label={t("dialog")}>
          {catalogue.isPending ? (
            <p className="p-2 text-sm text-muted-foreground">{t("loading")}</p>
          ) : catalogue.isError ? (
            <p className="p-2 text-sm text-destructive">{t("loadFailed")}</p>
          ) : (
            <LabelChecklist
              labels={catalogue.data}
              stateOf={(labelId) => current.some((label) => label.id === labelId)}
              onToggle={(label, checked) => void toggle(label, checked)}
              canManage={canManage}
            />
          )}
        </PopoverContent>
      </Popover>
    </div>
  );
}
