"use client";

import { useQueryClient } from "@tanstack/react-query";
import { CheckCircle2Icon, Loader2Icon, RotateCcwIcon, TagIcon, UserRoundIcon, XIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import * as React from "react";

import { useConversationLabels } from "@/components/labels/api";
import { LabelChecklist } from "@/components/labels/label-checklist";
import { labelStateAcross } from "@/components/labels/selection";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { runAction } from "@/lib/action-result";
import { bulkConversationsAction } from "@/lib/actions/conversation-labels";
import type { BulkConversationsInput } from "@/lib/actions/conversation-labels.schema";
import type { BulkResult, BulkSkipReason } from "@/lib/inbox/bulk-views";
import { queryKeys } from "@/lib/query-keys";

import { useAgents } from "./api";
import { useInboxContext } from "./inbox-context";

type Change = BulkConversationsInput["change"];
type Done = "assigned" | "unassigned" | "resolved" | "reopened" | "labelled";

const SKIP_REASONS: readonly BulkSkipReason[] = ["notFound", "unchanged", "noAccess", "labelLimit"];

/**
 * The list's bulk actions over the ticked conversations: assign (to me, a teammate or nobody), resolve,
 * reopen, add or remove a label. Each says what it changed, and why some were left as they were.
 */
export function BulkBar({
  selectedIds,
  selectedRows,
  onClear,
}: {
  selectedIds: readonly string[];
  /** The ticked conversations the list still holds, for the labels they carry. */
  selectedRows: ReadonlyArray<{ id: string; labels: ReadonlyArray<{ id: string }> }>;
  onClear: () => void;
}) {
  const t = useTranslations("labels.bulk");
  const queryClient = useQueryClient();
  const { userId } = useInboxContext();
  const agents = useAgents();
  const [labelsOpen, setLabelsOpen] = React.useState(false);
  const catalogue = useConversationLabels({ enabled: labelsOpen });
  const [pending, setPending] = React.useState(false);

  const run = async (change: Change, done: Done) => {
    setPending(true);
    const result = await runAction(bulkConversationsAction({ conversationIds: [...selectedIds], change }));
    setPending(false);
    if (!result.ok) {
      toast.error(t("failed", { error: result.message }));
      return;
    }
    announce(result.data, done);
    void queryClient.invalidateQueries({ queryKey: queryKeys.inbox.conversationLists() });
    void queryClient.invalidateQueries({ queryKey: queryKeys.inbox.allConversationDetails() });
  };

  const announce = (result: BulkResult, done: Done) => {
    const skipped = SKIP_REASONS.filter((reason) => (result.skipped[reason] ?? 0) > 0).map((reason) => t(`skipped.${reason}`, { count: result.skipped[reason] ?? 0 }));
    const description = skipped.length > 0 ? skipped.join(" · ") : undefined;
    toast.success(t(`done.${done}`, { count: result.changed }), { description });
  };

  const count = selectedIds.length;
  return (
    <div role="toolbar" aria-label={t("label")} className="flex flex-wrap items-center gap-1 border-b bg-primary/5 px-3 py-1.5">
      <span className="me-auto text-xs font-medium tabular-nums" aria-live="polite">
        {t("selected", { count })}
      </span>
      {pending ? <Loader2Icon className="size-4 animate-spin text-muted-foreground" aria-hidden="true" /> : null}
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button type="button" variant="ghost" size="sm" disabled={pending}>
            <UserRoundIcon aria-hidden="true" />
            {t("assign")}
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-56">
          <DropdownMenuLabel>{t("assignTo")}</DropdownMenuLabel>
          <DropdownMenuItem onSelect={() => void run({ kind: "assign", assigneeId: userId }, "assigned")}>{t("me")}</DropdownMenuItem>
          {(agents.data ?? [])
            .filter((agent) => agent.id !== userId)
            .map((agent) => (
              <DropdownMenuItem key={agent.id} onSelect={() => void run({ kind: "assign", assigneeId: agent.id }, "assigned")}>
                <span dir="auto">{agent.name}</span>
              </DropdownMenuItem>
            ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => void run({ kind: "assign", assigneeId: null }, "unassigned")}>{t("nobody")}</DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <Button type="button" variant="ghost" size="sm" disabled={pending} onClick={() => void run({ kind: "status", status: "resolved" }, "resolved")}>
        <CheckCircle2Icon aria-hidden="true" />
        {t("resolve")}
      </Button>
      <Button type="button" variant="ghost" size="sm" disabled={pending} onClick={() => void run({ kind: "status", status: "open" }, "reopened")}>
        <RotateCcwIcon aria-hidden="true" />
        {t("reopen")}
      </Button>
      <Popover open={labelsOpen} onOpenChange={setLabelsOpen}>
        <PopoverTrigger asChild>
          <Button type="button" variant="ghost" size="sm" disabled={pending}>
            <TagIcon aria-hidden="true" />
            {t("labelButton")}
          </Button>
        </PopoverTrigger>
        <PopoverContent align="end" className="w-64 p-2" aria-label={t("labelDialog")}>
          {catalogue.isPending ? (
            <p className="p-2 text-sm text-muted-foreground">{t("loadingLabels")}</p>
          ) : catalogue.isError ? (
            <p className="p-2 text-sm text-destructive">{t("labelsFailed")}</p>
          ) : (
            <LabelChecklist
              labels={catalogue.data}
              disabled={pending}
              stateOf={(labelId) => labelStateAcross(labelId, selectedRows)}
              onToggle={(label, checked) => void run(checked ? { kind: "labels", add: [label.id] } : { kind: "labels", remove: [label.id] }, "labelled")}
            />
          )}
        </PopoverContent>
      </Popover>
      <Button type="button" variant="ghost" size="icon-sm" onClick={onClear} aria-label={t("clear")} aria-keyshortcuts="Escape">
        <XIcon aria-hidden="true" />
      </Button>
    </div>
  );
}
