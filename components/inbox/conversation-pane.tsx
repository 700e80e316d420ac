"use client";

import { useQueryClient } from "@tanstack/react-query";
import {
  ArrowLeftIcon,
  CheckCircle2Icon,
  FileTextIcon,
  LockIcon,
  MegaphoneIcon,
  MessageSquareIcon,
  PanelRightIcon,
  RotateCcwIcon,
  UserRoundIcon,
} from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import * as React from "react";

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
import { Sheet, SheetContent, SheetTitle } from "@/components/ui/sheet";
import {
  addNoteAction,
  assignConversationAction,
  markReadAction,
  reactAction,
  retryMessageAction,
  sendMessageAction,
  sendTemplateAction,
  setConversationStatusAction,
  typingAction,
} from "@/lib/actions/inbox";
import { customerHandles, customerLabel } from "@/lib/inbox/customer-label";
import { unreportedMessage, type ConversationCampaign, type InboxMessage } from "@/lib/inbox/views";
import { runAction } from "@/lib/action-result";
import { queryKeys } from "@/lib/query-keys";
import { ERROR_TABLE } from "@/lib/whatsapp/errors";
import { useErrorWords } from "@/lib/whatsapp/use-error-words";
import { composeTemplateMessage, storedContent, type ComposedMessage } from "@/lib/whatsapp/message-builders";
import { shouldSendTyping } from "@/lib/whatsapp/message-limits";
import { isServiceWindowOpen, serviceWindow } from "@/lib/whatsapp/service-window";
import type { TemplateDefinition, TemplateValues } from "@/lib/whatsapp/template-fill";

import { useAgents, useConversation, useFetchErrorText, useMessages } from "./api";
import { Composer } from "./composer";
import { ConversationExportButton } from "./conversation-export-button";
import { CustomerPanel } from "./customer-panel";
import { useInboxContext } from "./inbox-context";
import { LabelPicker } from "./label-picker";
import { composedMessageContent } from "./message-content";
import { MessageTimeline } from "./message-timeline";
import { SnoozeMenu } from "./snooze-menu";
import { useNow } from "./use-now";
import { WindowIndicator } from "./window-indicator";

/** The template picker (its fill-in form and preview) loads when first opened, not with the inbox. */
const TemplatePicker = dynamic(() => import("./template-picker").then((module) => module.TemplatePicker), { ssr: false });

function newClientKey(): string {
  return crypto.randomUUID();
}

/**
 * The campaign that last reached the customer in this conversation, under their name: a reply here is
 * probably an answer to it. Links to its results, which every role may view.
 */
export function CampaignLine({ campaign }: { campaign: ConversationCampaign }) {
  const t = useTranslations("inbox.pane.campaign");
  const format = useFormatter();
  return (
    <p className="truncate text-xs text-muted-foreground">
      <Link
        href={`/campaigns/${campaign.id}`}
        aria-label={t("label", { name: campaign.name })}
        title={t("sentAt", { time: format.dateTime(new Date(campaign.sentAt), { dateStyle: "medium", timeStyle: "short" }) })}
        className="inline-flex max-w-full items-center gap-1 rounded-sm underline-offset-2 outline-none hover:text-foreground hover:underline focus-visible:ring-2 focus-visible:ring-ring"
      >
        <MegaphoneIcon className="size-3 shrink-0" aria-hidden="true" />
        <span className="truncate">
          {t.rich("line", {
            name: campaign.name,
            // The name is the team's own text, in whatever direction it is written.
            campaign: (chunks) => (
              <bdi dir="auto" className="font-medium">
                {chunks}
              </bdi>
            ),
          })}
        </span>
      </Link>
    </p>
  );
}

/** The open conversation: header with the window indicator and actions, the messages, the composer, the customer. */
export function ConversationPane({ conversationId }: { conversationId: string }) {
  const t = useTranslations("inbox.pane");
  const tNotes = useTranslations("notes.composer");
  const common = useTranslations("common");
  const errorWords = useErrorWords();
  const errorText = useFetchErrorText();
  const queryClient = useQueryClient();
  const { userId, canManageLabels, toggleResolvedRef, composerRef } = useInboxContext();
  const searchParams = useSearchParams();
  const conversation = useConversation(conversationId);
  const messages = useMessages(conversationId);
  const agents = useAgents();
  const now = useNow(5_000);
  const [optimistic, setOptimistic] = React.useState<InboxMessage[]>([]);
  const [replyTo, setReplyTo] = React.useState<InboxMessage | null>(null);
  const [templatesOpen, setTemplatesOpen] = React.useState(false);
  const [customerOpen, setCustomerOpen] = React.useState(false);

  const refresh = React.useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.inbox.messages(conversationId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.inbox.conversation(conversationId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.inbox.conversationLists() });
  }, [conversationId, queryClient]);

  // Opening a conversation with unread messages marks them read, and tells WhatsApp (blue ticks).
  const unread = conversation.data?.unreadCount ?? 0;
  React.useEffect(() => {
    if (unread === 0) return;
    void markReadAction({ conversationId }).then(() => refresh());
  }, [conversationId, unread, refresh]);

  // "typing…" for the customer: at most once per interval, only while the window is open; never awaited.
  const lastInboundAt = conversation.data?.lastInboundAt ?? null;
  const typingSentAt = React.useRef<number | undefined>(undefined);
  const notifyTyping = React.useCallback(() => {
    const at = Date.now();
    if (!shouldSendTyping(typingSentAt.current, at, isServiceWindowOpen(serviceWindow(lastInboundAt, new Date(at))))) return;
    typingSentAt.current = at;
    void typingAction({ conversationId }).catch(() => undefined);
  }, [conversationId, lastInboundAt]);

  const fetched = React.useMemo(() => messages.data?.pages.flatMap((page) => page.messages) ?? [], [messages.data]);
  const quoted = React.useMemo(() => messages.data?.pages.flatMap((page) => page.quoted) ?? [], [messages.data]);
  const fetchedKeys = new Set(fetched.map((message) => message.clientKey).filter(Boolean));
  const shown = [...optimistic.filter((message) => !fetchedKeys.has(message.clientKey)), ...fetched].sort(
    (a, b) => new Date(b.sentAt).getTime() - new Date(a.sentAt).getTime(),
  );

  const addOptimistic = (clientKey: string, type: string, content: Record<string, unknown>, reply: InboxMessage | null | undefined) => {
    setOptimistic((current) => [
      ...current,
      unreportedMessage({
        id: clientKey,
        conversationId,
        direction: "outbound",
        type,
        content,
        sentAt: new Date().toISOString(),
        status: "pending",
        senderId: userId,
        replyToWamid: reply?.wamid ?? null,
        clientKey,
        optimistic: true,
      }),
    ]);
  };
  const dropOptimistic = (clientKey: string) => setOptimistic((current) => current.filter((message) => message.clientKey !== clientKey));

  /** One client key per message, made before the first attempt: a repeated submit reuses it. */
  const sendComposed = async (message: ComposedMessage, options: { replyTo?: InboxMessage | null; clientKey?: string } = {}) => {
    const clientKey = options.clientKey ?? newClientKey();
    const { type, content } = composedMessageContent(message, options.replyTo?.wamid ?? undefined);
    addOptimistic(clientKey, type, content, options.replyTo);
    setReplyTo(null);
    const sent = await runAction(
      sendMessageAction({
        conversationId,
        clientKey,
        message,
        ...(options.replyTo ? { replyToMessageId: options.replyTo.id } : {}),
      }),
    );
    if (!sent.ok) {
      dropOptimistic(clientKey);
      if (options.replyTo) setReplyTo(options.replyTo);
      toast.error(t("toast.notSent"), { description: sent.message });
      refresh();
      return false;
    }
    refresh();
    return true;
  };

  /** A private note: shown at once, stored once under its client key, never sent to the customer. */
  const addNote = async (note: { body: string; mentionIds: string[]; clientKey: string }) => {
    const clientKey = `note:${note.clientKey}`;
    const mentioned = (agents.data ?? []).filter((agent) => note.mentionIds.includes(agent.id)).map((agent) => ({ userId: agent.id, name: agent.name }));
    setOptimistic((current) => [
      ...current,
      unreportedMessage({
        id: clientKey,
        conversationId,
        direction: "outbound",
        type: "note",
        content: { note: { body: note.body.trim(), mentions: mentioned } },
        sentAt: new Date().toISOString(),
        status: null,
        senderId: userId,
        clientKey,
        optimistic: true,
      }),
    ]);
    const added = await runAction(addNoteAction({ conversationId, clientKey: note.clientKey, body: note.body, mentionIds: note.mentionIds }));
    refresh();
    if (!added.ok) {
      dropOptimistic(clientKey);
      toast.error(tNotes("notAdded"), { description: added.message });
      return false;
    }
    return true;
  };

  const sendTemplate = async (template: TemplateDefinition, values: TemplateValues) => {
    const clientKey = newClientKey();
    // Built as the server builds it, with the text as the customer reads it.
    const filled = composeTemplateMessage(template, values);
    addOptimistic(clientKey, filled.message.type, storedContent(filled.message, { rendered: filled.rendered }), null);
    const sent = await runAction(
      sendTemplateAction({
        conversationId,
        clientKey,
        templateName: template.name,
        languageCode: template.language,
        values: { ...values, buttons: Object.fromEntries(Object.entries(values.buttons).map(([key, value]) => [String(key), value])) },
      }),
    );
    refresh();
    if (!sent.ok) {
      dropOptimistic(clientKey);
      toast.error(t("toast.templateNotSent"), { description: sent.message });
      return false;
    }
    return true;
  };

  const react = async (message: InboxMessage, emoji: string) => {
    const reacted = await runAction(reactAction({ conversationId, clientKey: newClientKey(), messageId: message.id, emoji }));
    if (!reacted.ok) toast.error(t("toast.reactionNotSent"), { description: reacted.message });
    refresh();
  };

  const retry = async (message: InboxMessage) => {
    const retried = await runAction(retryMessageAction({ messageId: message.id }));
    if (!retried.ok) toast.error(t("toast.notSentAgain"), { description: retried.message });
    refresh();
  };

  const data = conversation.data;
  const status = data?.status;
  const toggleResolved = React.useCallback(async () => {
    if (!status) return;
    const next = status === "open" ? "resolved" : "open";
    const changed = await runAction(setConversationStatusAction({ conversationId, status: next }));
    if (!changed.ok) toast.error(t("toast.notChanged"), { description: changed.message });
    else toast.success(next === "resolved" ? t("toast.resolved") : t("toast.reopened"));
    refresh();
  }, [conversationId, status, refresh, t]);
  React.useEffect(() => {
    toggleResolvedRef.current = () => void toggleResolved();
    return () => {
      toggleResolvedRef.current = null;
    };
  }, [toggleResolved, toggleResolvedRef]);

  const assign = async (assigneeId: string | null) => {
    const assigned = await runAction(assignConversationAction({ conversationId, assigneeId }));
    if (!assigned.ok) toast.error(t("toast.notAssigned"), { description: assigned.message });
    refresh();
  };

  const loadOlder = React.useCallback(() => {
    if (messages.hasNextPage && !messages.isFetchingNextPage) void messages.fetchNextPage();
  }, [messages]);

  if (conversation.isPending) {
    return <div className="flex h-full items-center justify-center text-sm text-muted-foreground">{t("loading")}</div>;
  }
  if (conversation.isError || !data) {
    return (
      <div className="flex h-full flex-col items-center justify-center gap-2 p-6 text-center text-sm">
        <p className="font-medium">{t("openError")}</p>
        {conversation.error ? <p className="text-muted-foreground">{errorText(conversation.error)}</p> : null}
        <Button asChild variant="outline" size="sm">
          <Link href="/inbox">{t("backToInbox")}</Link>
        </Button>
      </div>
    );
  }

  const window = serviceWindow(data.lastInboundAt, now);
  const open = isServiceWindowOpen(window);
  const name = customerLabel(data, common);
  const handles = customerHandles(data).filter((handle) => handle !== name);
  const closedReason = errorWords(ERROR_TABLE["131047"]).titleAndExplanation;
  const query = searchParams.toString();

  return (
    <div className="flex h-full min-h-0 w-full">
      <section aria-label={t("label", { name })} className="flex min-h-0 min-w-0 flex-1 flex-col">
        <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b bg-background px-3 py-2 md:px-4">
          <Button asChild variant="ghost" size="icon-sm" className="md:hidden">
            <Link href={`/inbox${query ? `?${query}` : ""}`} aria-label={t("backToList")}>
              <ArrowLeftIcon className="rtl:-scale-x-100" aria-hidden="true" />
            </Link>
          </Button>
          <div className="min-w-0">
            <h2 dir="auto" className="truncate text-base font-semibold">
              {name}
            </h2>
            <p className="truncate text-xs text-muted-foreground tabular-nums">
              {handles.map((handle) => (
                <React.Fragment key={handle}>
                  <bdi dir="ltr">{handle}</bdi>
                  {" · "}
                </React.Fragment>
              ))}
              {t.rich("via", {
                number: data.phoneNumber.displayPhoneNumber ?? data.phoneNumber.id,
                // A number reads left to right in every language ("+1 555…", not "…555 1+").
                phone: (chunks) => <bdi dir="ltr">{chunks}</bdi>,
              })}
            </p>
            {data.campaign ? <CampaignLine campaign={data.campaign} /> : null}
          </div>
          <WindowIndicator lastInboundAt={data.lastInboundAt} />
          <LabelPicker conversationId={data.id} labels={data.labels} canManage={canManageLabels} />
          <div className="ms-auto flex items-center gap-1.5">
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button
                  variant="outline"
                  size="sm"
                  aria-label={data.assigneeName ? t("assigneeButton", { name: data.assigneeName }) : t("assigneeNobody")}
                >
                  <UserRoundIcon aria-hidden="true" />
                  <span dir={data.assigneeName ? "auto" : undefined} className="max-w-28 truncate">
                    {data.assigneeName ?? t("unassigned")}
                  </span>
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end" className="w-56">
                <DropdownMenuLabel>{t("assignTo")}</DropdownMenuLabel>
                {data.assigneeId !== userId ? <DropdownMenuItem onSelect={() => void assign(userId)}>{t("me")}</DropdownMenuItem> : null}
                {(agents.data ?? [])
                  .filter((agent) => agent.id !== userId && agent.id !== data.assigneeId)
                  .map((agent) => (
                    <DropdownMenuItem key={agent.id} onSelect={() => void assign(agent.id)}>
                      <span dir="auto">{agent.name}</span>
                      {agent.availability === "away" ? <span className="ms-auto text-xs text-muted-foreground">{t("away")}</span> : null}
                    </DropdownMenuItem>
                  ))}
                {data.assigneeId ? (
                  <>
                    <DropdownMenuSeparator />
                    <DropdownMenuItem onSelect={() => void assign(null)}>{t("unassign")}</DropdownMenuItem>
                  </>
                ) : null}
              </DropdownMenuContent>
            </DropdownMenu>
            <SnoozeMenu conversation={data} />
            <Button variant={data.status === "open" ? "default" : "outline"} size="sm" onClick={() => void toggleResolved()} aria-keyshortcuts="e">
              {data.status === "open" ? <CheckCircle2Icon aria-hidden="true" /> : <RotateCcwIcon aria-hidden="true" />}
              {data.status === "open" ? t("resolve") : t("reopen")}
            </Button>
            <ConversationExportButton conversationId={data.id} />
            <Button variant="ghost" size="icon-sm" className="xl:hidden" aria-label={t("customerDetails")} onClick={() => setCustomerOpen(true)}>
              <PanelRightIcon className="rtl:-scale-x-100" aria-hidden="true" />
            </Button>
          </div>
        </header>
        {messages.isPending ? (
          <div className="flex flex-1 items-center justify-center text-sm text-muted-foreground">{t("loadingMessages")}</div>
        ) : messages.isError ? (
          <div className="flex flex-1 items-center justify-center text-sm text-destructive">
            {t("messagesError", { error: errorText(messages.error) })}
          </div>
        ) : shown.length === 0 ? (
          <div className="flex flex-1 flex-col items-center justify-center gap-2 text-sm text-muted-foreground">
            <MessageSquareIcon className="size-6" aria-hidden="true" /> {t("noMessages")}
          </div>
        ) : (
          <MessageTimeline
            messages={shown}
            customerName={name}
            campaignMessages={data.campaignMessages}
            quoted={quoted}
            hasOlder={!!messages.hasNextPage}
            loadingOlder={messages.isFetchingNextPage}
            onLoadOlder={loadOlder}
            canReply={open}
            onReply={(message) => {
              setReplyTo(message);
              composerRef.current?.focus();
            }}
            onReact={(message, emoji) => void react(message, emoji)}
            onRetry={retry}
          />
        )}
        {open ? (
          <>
            {window.state === "closing_soon" ? (
              <p className="border-t border-warning/30 bg-warning/10 px-4 py-1.5 text-xs text-warning">
                {t("closingSoon")}
              </p>
            ) : null}
            <Composer
              onSend={sendComposed}
              onOpenTemplates={() => setTemplatesOpen(true)}
              replyTo={replyTo}
              onCancelReply={() => setReplyTo(null)}
              phoneNumberId={data.phoneNumber.id}
              draftKey={conversationId}
              onTyping={notifyTyping}
              onAddNote={addNote}
            />
          </>
        ) : (
          <>
          <div className="border-t bg-background p-4">
            <div className="flex flex-col gap-3 rounded-lg border bg-muted/50 p-3 sm:flex-row sm:items-center">
              <LockIcon className="size-5 shrink-0 text-muted-foreground" aria-hidden="true" />
              <div className="min-w-0 flex-1 text-sm">
                <p className="font-medium">{t("templatesOnly")}</p>
                <p className="text-muted-foreground">
                  {window.state === "never_opened"
                    ? t("neverOpened")
                    : errorWords(ERROR_TABLE["131047"]).explanationAndAction}
                </p>
              </div>
              <Button onClick={() => setTemplatesOpen(true)}>
                <FileTextIcon aria-hidden="true" /> {t("chooseTemplate")}
              </Button>
            </div>
          </div>
          {/* Notes are for the team: a closed window still allows them (the composer stays in note mode). */}
          <Composer
            key="notes-only"
            onSend={sendComposed}
            onOpenTemplates={() => setTemplatesOpen(true)}
            replyTo={null}
            onCancelReply={() => undefined}
            phoneNumberId={data.phoneNumber.id}
            draftKey={`${conversationId}:note`}
            onAddNote={addNote}
            notesOnly
          />
          </>
        )}
      </section>
      <div className="hidden w-72 shrink-0 border-s bg-card xl:block">
        <CustomerPanel conversation={data} />
      </div>
      <Sheet open={customerOpen} onOpenChange={setCustomerOpen}>
        <SheetContent side="right" className="w-80 p-0">
          <SheetTitle className="sr-only">{t("customerDetails")}</SheetTitle>
          <CustomerPanel conversation={data} />
        </SheetContent>
      </Sheet>
      {templatesOpen ? (
        <TemplatePicker
          open
          onOpenChange={setTemplatesOpen}
          conversationId={conversationId}
          onSend={sendTemplate}
          reason={open ? undefined : closedReason}
          marketingStopped={data.consent.state === "opted_out"}
        />
      ) : null}
    </div>
  );
}
