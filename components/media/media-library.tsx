"use client";

import { ImagesIcon, InboxIcon, LayoutGridIcon, ListIcon, SearchIcon, UploadIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import * as React from "react";
import { toast } from "sonner";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input, fieldClassName } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { actionMessage } from "@/lib/action-result";
import { selectMediaNumberAction } from "@/lib/actions/media";
import { customerLabel } from "@/lib/inbox/customer-label";
import { KIND_LABELS, MEDIA_KINDS, expiryOf, formatBytes, type MediaKind } from "@/lib/media/rules";
import type { InboundMediaView, LibraryMediaView } from "@/lib/media/types";
import { cn } from "@/lib/utils";

import { useInboundMedia, useLibraryMedia } from "./api";
import { MediaBody, MediaPreviewDialog } from "./media-preview";
import { ExpiryBadge, KIND_ICONS, MediaThumbnail, formatDate, formatDateTime } from "./media-visuals";
import { UploadPanel, type UploadPanelHandle } from "./upload-panel";

export interface NumberChoice {
  id: string;
  label: string;
}

type View = "grid" | "list";

function useNow(intervalMs = 60_000) {
  const [now, setNow] = React.useState(() => new Date());
  React.useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function MediaLibrary({
  phoneNumber,
  numbers,
  initialMedia,
  canManage,
}: {
  phoneNumber: NumberChoice;
  numbers: NumberChoice[];
  initialMedia: LibraryMediaView[];
  canManage: boolean;
}) {
  const router = useRouter();
  const uploadRef = React.useRef<UploadPanelHandle>(null);
  const [tab, setTab] = React.useState<"uploaded" | "inbound">("uploaded");
  const [kind, setKind] = React.useState<MediaKind | "all">("all");
  const [q, setQ] = React.useState("");
  const [view, setView] = React.useState<View>("grid");
  const [openId, setOpenId] = React.useState<string | null>(null);
  const [inboundOpen, setInboundOpen] = React.useState<InboundMediaView | null>(null);
  const now = useNow();

  const library = useLibraryMedia(phoneNumber.id, initialMedia);
  const inbound = useInboundMedia(phoneNumber.id, tab === "inbound");
  const switchNumber = useAction(selectMediaNumberAction, {
    onSuccess: () => router.refresh(),
    onError: ({ error }) => toast.error(actionMessage(error, "Could not switch the number.")),
  });

  const needle = q.trim().toLowerCase();
  const matches = (item: { kind: MediaKind; fileName: string | null; caption?: string | null }) =>
    (kind === "all" || item.kind === kind) &&
    (!needle || (item.fileName ?? "").toLowerCase().includes(needle) || (item.caption ?? "").toLowerCase().includes(needle));
  const visible = (library.data ?? []).filter(matches);
  const visibleInbound = (inbound.data ?? []).filter(matches);
  const opened = openId ? library.data?.find((item) => item.id === openId) : undefined;

  return (
    <div className="flex flex-1 flex-col gap-5 p-4 sm:p-6">
      <PageHeader
        title="Media"
        description="Images, videos, audio, documents and stickers to send from the inbox. WhatsApp keeps uploaded media 30 days."
        actions={
          <>
            {numbers.length > 1 ? (
              <label className="flex items-center gap-2 text-sm">
                <span className="text-muted-foreground">Phone number</span>
                <select
                  className={cn(fieldClassName, "h-9 w-auto px-2.5 py-1 pe-8")}
                  value={phoneNumber.id}
                  disabled={switchNumber.isPending}
                  onChange={(event) => switchNumber.execute({ phoneNumberId: event.target.value })}
                >
                  {numbers.map((number) => (
                    <option key={number.id} value={number.id}>
                      {number.label}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <span className="text-sm text-muted-foreground">{phoneNumber.label}</span>
            )}
            {canManage ? (
              <Button onClick={() => uploadRef.current?.pick()}>
                <UploadIcon aria-hidden="true" /> Upload files
              </Button>
            ) : null}
          </>
        }
      />

      {canManage ? <UploadPanel ref={uploadRef} phoneNumberId={phoneNumber.id} /> : null}

      <Tabs value={tab} onValueChange={(value) => setTab(value as typeof tab)} className="gap-4">
        <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
          <TabsList>
            <TabsTrigger value="uploaded">Uploaded{library.data ? ` (${library.data.length})` : ""}</TabsTrigger>
            <TabsTrigger value="inbound">From customers</TabsTrigger>
          </TabsList>
          <div className="flex flex-wrap items-center gap-2">
            <div className="relative">
              <SearchIcon className="pointer-events-none absolute top-1/2 start-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
              <Input aria-label="Search by name" placeholder="Search by name" value={q} onChange={(event) => setQ(event.target.value)} className="w-56 ps-8" />
            </div>
            <select
              aria-label="Kind"
              className={cn(fieldClassName, "h-9 w-auto px-2.5 py-1 pe-8")}
              value={kind}
              onChange={(event) => setKind(event.target.value as MediaKind | "all")}
            >
              <option value="all">All kinds</option>
              {MEDIA_KINDS.map((value) => (
                <option key={value} value={value}>
                  {KIND_LABELS[value].many}
                </option>
              ))}
            </select>
            <div className="flex rounded-md border p-0.5" role="group" aria-label="Layout">
              <Button variant="ghost" size="icon-sm" className={cn("size-7", view === "grid" && "bg-accent")} aria-label="Grid view" aria-pressed={view === "grid"} onClick={() => setView("grid")}>
                <LayoutGridIcon aria-hidden="true" />
              </Button>
              <Button variant="ghost" size="icon-sm" className={cn("size-7", view === "list" && "bg-accent")} aria-label="List view" aria-pressed={view === "list"} onClick={() => setView("list")}>
                <ListIcon aria-hidden="true" />
              </Button>
            </div>
          </div>
        </div>

        <TabsContent value="uploaded" className="flex flex-col">
          {library.isError ? (
            <p role="alert" className="text-sm text-destructive">{library.error.message}</p>
          ) : (library.data ?? []).length === 0 ? (
            <EmptyState
              icon={ImagesIcon}
              title="No media uploaded yet"
              description={canManage ? "Upload images, videos, audio, documents or stickers: they can then be sent from any conversation of this number." : "Marketers and admins upload files here; you can then send them from the inbox."}
            />
          ) : visible.length === 0 ? (
            <p className="py-10 text-center text-sm text-muted-foreground">No files match these filters.</p>
          ) : view === "grid" ? (
            <ul aria-label="Media library" className="grid grid-cols-[repeat(auto-fill,minmax(13rem,1fr))] gap-4">
              {visible.map((item) => (
                <li key={item.id}>
                  <LibraryCard item={item} now={now} onOpen={() => setOpenId(item.id)} />
                </li>
              ))}
            </ul>
          ) : (
            <LibraryTable items={visible} now={now} onOpen={(id) => setOpenId(id)} />
          )}
        </TabsContent>

        <TabsContent value="inbound" className="flex flex-col">
          {inbound.isPending ? (
            <div className="grid grid-cols-[repeat(auto-fill,minmax(13rem,1fr))] gap-4">
              {[0, 1, 2, 3].map((index) => (
                <Skeleton key={index} className="aspect-[4/3] rounded-xl" />
              ))}
            </div>
          ) : inbound.isError ? (
            <p role="alert" className="text-sm text-destructive">{inbound.error.message}</p>
          ) : inbound.data.length === 0 ? (
            <EmptyState icon={InboxIcon} title="No media from customers yet" description="Photos, voice notes and documents customers send to this number appear here." />
          ) : visibleInbound.length === 0 ? (
            <p className="py-10 text-center text-sm text-muted-foreground">No files match these filters.</p>
          ) : view === "grid" ? (
            <ul aria-label="Media from customers" className="grid grid-cols-[repeat(auto-fill,minmax(13rem,1fr))] gap-4">
              {visibleInbound.map((item) => (
                <li key={item.id}>
                  <InboundCard item={item} onOpen={() => setInboundOpen(item)} />
                </li>
              ))}
            </ul>
          ) : (
            <InboundTable items={visibleInbound} onOpen={setInboundOpen} />
          )}
        </TabsContent>
      </Tabs>

      {opened ? <MediaPreviewDialog key={opened.id} item={opened} phoneNumberId={phoneNumber.id} canManage={canManage} onClose={() => setOpenId(null)} /> : null}
      {inboundOpen ? <InboundPreviewDialog item={inboundOpen} onClose={() => setInboundOpen(null)} /> : null}
    </div>
  );
}

function LibraryCard({ item, now, onOpen }: { item: LibraryMediaView; now: Date; onOpen: () => void }) {
  const Icon = KIND_ICONS[item.kind];
  const expired = expiryOf(item.expiresAt, now).state === "expired";
  return (
    <button
      type="button"
      onClick={onOpen}
      aria-label={`Open ${item.fileName}`}
      className="group flex w-full flex-col overflow-hidden rounded-xl border bg-card text-start shadow-xs transition-shadow hover:shadow-md focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background focus-visible:outline-none"
    >
      <div className={cn("relative aspect-[4/3] w-full overflow-hidden border-b", expired && "opacity-60 grayscale")}>
        <MediaThumbnail id={item.id} kind={item.kind} />
        <span className="absolute top-2 end-2">
          <ExpiryBadge expiresAt={item.expiresAt} now={now} />
        </span>
      </div>
      <div className="space-y-1 p-3">
        <p className="truncate text-sm font-medium" title={item.fileName}>
          {item.fileName}
        </p>
        <p className="flex items-center gap-1.5 text-xs text-muted-foreground">
          <Icon className="size-3.5" aria-hidden="true" />
          {KIND_LABELS[item.kind].one} · {formatBytes(item.size)}
        </p>
        <p className="truncate text-xs text-muted-foreground">
          {formatDate(item.uploadedAt)}
          {item.uploaderName ? ` · ${item.uploaderName}` : ""}
        </p>
      </div>
    </button>
  );
}

function LibraryTable({ items, now, onOpen }: { items: LibraryMediaView[]; now: Date; onOpen: (id: string) => void }) {
  return (
    <div className="overflow-hidden rounded-xl border bg-card">
      <Table aria-label="Media library">
        <TableHeader>
          <TableRow>
            <TableHead className="w-14"><span className="sr-only">Thumbnail</span></TableHead>
            <TableHead>Name</TableHead>
            <TableHead>Kind</TableHead>
            <TableHead className="text-end">Size</TableHead>
            <TableHead>Uploaded by</TableHead>
            <TableHead>Uploaded</TableHead>
            <TableHead>Expiry</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item) => (
            <TableRow key={item.id}>
              <TableCell>
                <div className="size-10 overflow-hidden rounded-md border">
                  <MediaThumbnail id={item.id} kind={item.kind} className="[&_svg]:size-5" />
                </div>
              </TableCell>
              <TableCell className="max-w-72">
                <button type="button" onClick={() => onOpen(item.id)} className="truncate font-medium hover:underline" aria-label={`Open ${item.fileName}`}>
                  {item.fileName}
                </button>
              </TableCell>
              <TableCell>{KIND_LABELS[item.kind].one}</TableCell>
              <TableCell className="text-end tabular-nums">{formatBytes(item.size)}</TableCell>
              <TableCell>{item.uploaderName ?? "—"}</TableCell>
              <TableCell>{formatDate(item.uploadedAt)}</TableCell>
              <TableCell>
                <ExpiryBadge expiresAt={item.expiresAt} now={now} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** Who sent it, as the inbox names them: profile name, else @username, else +number, else user id. */
const senderLabel = (item: InboundMediaView) => customerLabel({ ...item, waId: item.customerWaId });

const inboundName = (item: InboundMediaView) => item.fileName ?? item.caption ?? `${KIND_LABELS[item.kind].one} from ${senderLabel(item)}`;

function InboundCard({ item, onOpen }: { item: InboundMediaView; onOpen: () => void }) {
  const Icon = KIND_ICONS[item.kind];
  return (
    <button
      type="button"
      onClick={onOpen}
      aria-label={`Open ${inboundName(item)}`}
      className="flex w-full flex-col overflow-hidden rounded-xl border bg-card text-start shadow-xs transition-shadow hover:shadow-md focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
    >
      <div className="aspect-[4/3] w-full overflow-hidden border-b">
        <MediaThumbnail id={item.id} kind={item.kind} />
      </div>
      <div className="space-y-1 p-3">
        <p className="truncate text-sm font-medium">{inboundName(item)}</p>
        <p className="flex items-center gap-1.5 text-xs text-muted-foreground">
          <Icon className="size-3.5" aria-hidden="true" /> {KIND_LABELS[item.kind].one}
        </p>
        <p className="truncate text-xs text-muted-foreground">
          From {senderLabel(item)} · {formatDate(item.receivedAt)}
        </p>
      </div>
    </button>
  );
}

function InboundTable({ items, onOpen }: { items: InboundMediaView[]; onOpen: (item: InboundMediaView) => void }) {
  return (
    <div className="overflow-hidden rounded-xl border bg-card">
      <Table aria-label="Media from customers">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Kind</TableHead>
            <TableHead>From</TableHead>
            <TableHead>Received</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item) => (
            <TableRow key={item.id}>
              <TableCell className="max-w-72">
                <button type="button" onClick={() => onOpen(item)} className="truncate font-medium hover:underline">
                  {inboundName(item)}
                </button>
              </TableCell>
              <TableCell>{KIND_LABELS[item.kind].one}</TableCell>
              <TableCell>{senderLabel(item)}</TableCell>
              <TableCell>{formatDateTime(item.receivedAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function InboundPreviewDialog({ item, onClose }: { item: InboundMediaView; onClose: () => void }) {
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-h-[92dvh] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle className="truncate pe-6">{inboundName(item)}</DialogTitle>
          <DialogDescription>
            Sent by {senderLabel(item)} on {formatDateTime(item.receivedAt)}
          </DialogDescription>
        </DialogHeader>
        <MediaBody id={item.id} kind={item.kind} fileName={inboundName(item)} mimeType={item.mimeType} />
        {item.caption ? <p className="text-sm">“{item.caption}”</p> : null}
        <div className="flex justify-end border-t pt-4">
          <Button asChild variant="outline">
            <Link href={`/inbox/${item.conversationId}`}>Open the conversation</Link>
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
