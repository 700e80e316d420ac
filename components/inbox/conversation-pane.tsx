"use client";

import { useQueryClient } from "@tanstack/react-query";
import { ArrowLeftIcon, CheckCircle2Icon, FileTextIcon, LockIcon, MessageSquareIcon, PanelRightIcon, RotateCcwIcon, UserRoundIcon } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import * as React from "react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
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
import { unreportedMessage, type InboxMessage } from "@/lib/inbox/views";
import { runAction } from "@/lib/action-result";
import { queryKeys } from "@/lib/query-keys";
import { ERROR_TABLE } from "@/lib/whatsapp/errors";
import { composeTemplateMessage, storedContent, type ComposedMessage } from "@/lib/whatsapp/message-builders";
import { shouldSendTyping } from "@/lib/whatsapp/message-limits";
import { isServiceWindowOpen, serviceWindow } from "@/lib/whatsapp/service-window";
import type { TemplateDefinition, TemplateValues } from "@/lib/whatsapp/template-fill";

import { useAgents, useConversation, useMessages } from "./api";
import { Composer } from "./composer";
import { CustomerPanel } from "./customer-panel";
import { useInboxContext } from "./inbox-context";
import { composedMessageContent } from "./message-content";
import { MessageTimeline } from "./message-timeline";
import { useNow } from "./use-now";
import { WindowIndicator } from "./window-indicator";

/** The template picker (its fill-in form and preview) loads when first opened, not with the inbox. */
const TemplatePicker = dynamic(() => import("./template-picker").then((module) => module.TemplatePicker), { ssr: false });

function newClientKey(): string {
  return crypto.randomUUID();
}

/** The open conversation: header with the window indicator and actions, the messages, the composer, the customer. */
export function ConversationPane({ conversationId }: { conversationId: string }) {
  const queryClient = useQueryClient();
  const { userId, toggleResolvedRef, composerRef } = useInboxContext();
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
      toast.error("Not sent", { description: sent.message });
      refresh();
      return false;
    }
    refresh();
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
      toast.error("Template not sent", { description: sent.message });
      return false;
    }
    return true;
  };

  const react = async (message: InboxMessage, emoji: string) => {
    const reacted = await runAction(reactAction({ conversationId, clientKey: newClientKey(), messageId: message.id, emoji }));
    if (!reacted.ok) toast.error("Reaction not sent", { description: reacted.message });
    refresh();
  };

  const retry = async (message: InboxMessage) => {
    const retried = await runAction(retryMessageAction({ messageId: message.id }));
    if (!retried.ok) toast.error("Not sent again", { description: retried.message });
    refresh();
  };

  const data = conversation.data;
  const status = data?.status;
  const toggleResolved = React.useCallback(async () => {
    if (!status) return;
    const next = status === "open" ? "resolved" : "open";
    const changed = await runAction(setConversationStatusAction({ conversationId, status: next }));
    if (!changed.ok) toast.error("Not changed", { description: changed.message });
    else toast.success(next === "resolved" ? "Conversation resolved" : "Conversation reopened");
    refresh();
  }, [conversationId, status, refresh]);
  React.useEffect(() => {
    toggleResolvedRef.current = () => void toggleResolved();
    return () => {
      toggleResolvedRef.current = null;
    };
  }, [toggleResolved, toggleResolvedRef]);

  const assign = async (assigneeId: string | null) => {
    const assigned = await runAction(assignConversationAction({ conversationId, assigneeId }));
    if (!assigned.ok) toast.error("Not assigned", { description: assigned.message });
    refresh();
  };

  const loadOlder = React.useCallback(() => {
    if (messages.hasNextPage && !messages.isFetchingNextPage) void messages.fetchNextPage();
  }, [messages]);

  if (conversation.isPending) {
    return <div className="flex h-full items-center justify-center text-sm text-muted-foreground">Loading the conversation…</div>;
  }
  if (conversation.isError || !data) {
    return (
      <div className="flex h-full flex-col items-center justify-center gap-2 p-6 text-center text-sm">
        <p className="font-medium">This conversation could not be opened.</p>
        <p className="text-muted-foreground">{conversation.error?.message}</p>
        <Button asChild variant="outline" size="sm">
          <Link href="/inbox">Back to the inbox</Link>
        </Button>
      </div>
    );
  }

  const window = serviceWindow(data.lastInboundAt, now);
  const open = isServiceWindowOpen(window);
  const name = customerLabel(data);
  const handles = customerHandles(data).filter((handle) => handle !== name);
  const closedReason = `${ERROR_TABLE["131047"].title}: ${ERROR_TABLE["131047"].explanation}`;
  const query = searchParams.toString();

  return (
    <div className="flex h-full min-h-0 w-full">
      <section aria-label={`Conversation with ${name}`} className="flex min-h-0 min-w-0 flex-1 flex-col">
        <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b bg-background px-3 py-2 md:px-4">
          <Button asChild variant="ghost" size="icon-sm" className="md:hidden">
            <Link href={`/inbox${query ? `?${query}` : ""}`} aria-label="Back to the conversation list">
              <ArrowLeftIcon aria-hidden="true" />
            </Link>
          </Button>
          <div className="min-w-0">
            <h2 className="truncate text-base font-semibold">{name}</h2>
            <p className="truncate text-xs text-muted-foreground tabular-nums">
              {[...handles, `via ${data.phoneNumber.displayPhoneNumber ?? data.phoneNumber.id}`].join(" · ")}
            </p>
          </div>
          <WindowIndicator lastInboundAt={data.lastInboundAt} />
          <div className="ms-auto flex items-center gap-1.5">
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="outline" size="sm" aria-label={`Assignee: ${data.assigneeName ?? "nobody"}. Change`}>
                  <UserRoundIcon aria-hidden="true" />
                  <span className="max-w-28 truncate">{data.assigneeName ?? "Unassigned"}</span>
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end" className="w-56">
                <DropdownMenuLabel>Assign to</DropdownMenuLabel>
                {data.assigneeId !== userId ? <DropdownMenuItem onSelect={() => void assign(userId)}>Me</DropdownMenuItem> : null}
                {(agents.data ?? [])
                  .filter((agent) => agent.id !== userId && agent.id !== data.assigneeId)
                  .map((agent) => (
                    <DropdownMenuItem key={agent.id} onSelect={() => void assign(agent.id)}>
                      {agent.name}
                    </DropdownMenuItem>
                  ))}
                {data.assigneeId ? (
                  <>
                    <DropdownMenuSeparator />
                    <DropdownMenuItem onSelect={() => void assign(null)}>Unassign</DropdownMenuItem>
                  </>
                ) : null}
              </DropdownMenuContent>
            </DropdownMenu>
            <Button variant={data.status === "open" ? "default" : "outline"} size="sm" onClick={() => void toggleResolved()} aria-keyshortcuts="e">
              {data.status === "open" ? <CheckCircle2Icon aria-hidden="true" /> : <RotateCcwIcon aria-hidden="true" />}
              {data.status === "open" ? "Resolve" : "Reopen"}
            </Button>
            <Button variant="ghost" size="icon-sm" className="xl:hidden" aria-label="Customer details" onClick={() => setCustomerOpen(true)}>
              <PanelRightIcon aria-hidden="true" />
            </Button>
          </div>
        </header>
        {messages.isPending ? (
          <div className="flex flex-1 items-center justify-center text-sm text-muted-foreground">Loading messages…</div>
        ) : messages.isError ? (
          <div className="flex flex-1 items-center justify-center text-sm text-destructive">Messages could not be loaded: {messages.error.message}</div>
        ) : shown.length === 0 ? (
          <div className="flex flex-1 flex-col items-center justify-center gap-2 text-sm text-muted-foreground">
            <MessageSquareIcon className="size-6" aria-hidden="true" /> No messages yet.
          </div>
        ) : (
          <MessageTimeline
            messages={shown}
            customerName={name}
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
                The window closes soon. After that, only approved templates can be sent until the customer writes again.
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
            />
          </>
        ) : (
          <div className="border-t bg-background p-4">
            <div className="flex flex-col gap-3 rounded-lg border bg-muted/50 p-3 sm:flex-row sm:items-center">
              <LockIcon className="size-5 shrink-0 text-muted-foreground" aria-hidden="true" />
              <div className="min-w-0 flex-1 text-sm">
                <p className="font-medium">Only templates can be sent now</p>
                <p className="text-muted-foreground">
                  {window.state === "never_opened"
                    ? "The customer has not written yet, so WhatsApp only allows approved templates."
                    : `${ERROR_TABLE["131047"].explanation} ${ERROR_TABLE["131047"].action}`}
                </p>
              </div>
              <Button onClick={() => setTemplatesOpen(true)}>
                <FileTextIcon aria-hidden="true" /> Choose a template
              </Button>
            </div>
          </div>
        )}
      </section>
      <div className="hidden w-72 shrink-0 border-s bg-card xl:block">
        <CustomerPanel conversation={data} />
      </div>
      <Sheet open={customerOpen} onOpenChange={setCustomerOpen}>
        <SheetContent side="right" className="w-80 p-0">
          <SheetTitle className="sr-only">Customer details</SheetTitle>
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
          marketingStopped={data.marketingPreference === "stop"}
        />
      ) : null}
    </div>
  );
}
