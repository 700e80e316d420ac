"use client";

import { useQueryClient } from "@tanstack/react-query";
import { MessageSquareTextIcon, PaperclipIcon, PencilIcon, PlusIcon, SearchIcon, Trash2Icon } from "lucide-react";
import { useTranslations } from "next-intl";
import * as React from "react";

import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { toast } from "@/components/ui/toast";
import { WhatsAppText } from "@/components/whatsapp-text";
import { runAction } from "@/lib/action-result";
import { deleteCannedResponseAction } from "@/lib/actions/canned-responses";
import { filterCannedResponses } from "@/lib/canned-responses/picker";
import type { CannedLibrary } from "@/lib/canned-responses/rules";
import type { CannedResponseView } from "@/lib/canned-responses/views";
import { queryKeys } from "@/lib/query-keys";

import { useCannedLibrary } from "./api";
import { CannedResponseEditor } from "./canned-response-editor";

/**
 * Settings › Canned responses: the team's library (kept by marketers and admins, read-only for
 * agents) and the reader's own, each a table with search, create and edit in a dialog, delete on confirm.
 */
export function CannedResponsesSettings({ canManageTeam }: { canManageTeam: boolean }) {
  const t = useTranslations("cannedResponses");
  const [tab, setTab] = React.useState<CannedLibrary>("team");
  return (
    <Tabs value={tab} onValueChange={(value) => setTab(value as CannedLibrary)} className="gap-4">
      <TabsList aria-label={t("tabs.label")}>
        <TabsTrigger value="team">{t("tabs.team")}</TabsTrigger>
        <TabsTrigger value="personal">{t("tabs.mine")}</TabsTrigger>
      </TabsList>
      <TabsContent value="team">
        <LibrarySection library="team" editable={canManageTeam} />
      </TabsContent>
      <TabsContent value="personal">
        <LibrarySection library="personal" editable />
      </TabsContent>
    </Tabs>
  );
}

function LibrarySection({ library, editable }: { library: CannedLibrary; editable: boolean }) {
  const t = useTranslations("cannedResponses.list");
  const responses = useCannedLibrary(library);
  const [search, setSearch] = React.useState("");
  const [editing, setEditing] = React.useState<CannedResponseView | "new" | null>(null);
  const [deleting, setDeleting] = React.useState<CannedResponseView | null>(null);
  const shown = React.useMemo(() => filterCannedResponses(responses.data ?? [], search), [responses.data, search]);
  const team = library === "team";

  return (
    <section className="space-y-3" aria-label={team ? t("teamTable") : t("mineTable")}>
      <p className="text-sm text-muted-foreground">{team ? (editable ? t("teamIntro") : t("teamReadOnly")) : t("mineIntro")}</p>
      <div className="flex flex-wrap items-center gap-2">
        <div className="relative min-w-56 flex-1 sm:max-w-sm">
          <SearchIcon className="pointer-events-none absolute start-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
          <Input
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            aria-label={t("search")}
            placeholder={t("searchPlaceholder")}
            className="ps-8"
          />
        </div>
        {editable ? (
          <Button className="ms-auto" onClick={() => setEditing("new")}>
            <PlusIcon aria-hidden="true" />
            {t("new")}
          </Button>
        ) : null}
      </div>
      {responses.isPending ? (
        <div className="space-y-2">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </div>
      ) : responses.isError ? (
        <p role="alert" className="text-sm text-destructive">
          {t("loadFailed")}
        </p>
      ) : (responses.data ?? []).length === 0 ? (
        <EmptyState
          icon={MessageSquareTextIcon}
          title={team ? t("teamEmptyTitle") : t("mineEmptyTitle")}
          description={team ? t("teamEmptyBody") : t("mineEmptyBody")}
          headingLevel="h3"
        />
      ) : (
        <Table aria-label={team ? t("teamTable") : t("mineTable")}>
          <TableHeader>
            <TableRow>
              <TableHead className="w-48">{t("shortcut")}</TableHead>
              <TableHead>{t("text")}</TableHead>
              <TableHead className="w-48">{t("attachment")}</TableHead>
              {editable ? <TableHead className="w-24 text-end">{t("actions")}</TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {shown.length === 0 ? (
              <TableRow>
                <TableCell colSpan={editable ? 4 : 3} className="text-center text-sm text-muted-foreground">
                  {t("noMatch")}
                </TableCell>
              </TableRow>
            ) : (
              shown.map((response) => (
                <TableRow key={response.id}>
                  <TableCell className="align-top font-mono text-sm font-medium">
                    <bdi dir="auto">/{response.shortcut}</bdi>
                  </TableCell>
                  <TableCell className="max-w-xl align-top">
                    <WhatsAppText value={response.body} links="text" className="line-clamp-3 text-sm" />
                  </TableCell>
                  <TableCell className="align-top text-sm">
                    {response.media ? (
                      <span className="inline-flex min-w-0 items-center gap-1">
                        <PaperclipIcon className="size-3.5 shrink-0" aria-hidden="true" />
                        <span dir="auto" className="truncate">
                          {response.media.fileName}
                        </span>
                      </span>
                    ) : response.mediaMissing ? (
                      <span className="text-warning">{t("attachmentGone")}</span>
                    ) : (
                      <span className="text-muted-foreground">{t("noAttachment")}</span>
                    )}
                  </TableCell>
                  {editable ? (
                    <TableCell className="align-top text-end">
                      <div className="inline-flex gap-1">
                        <Button variant="ghost" size="icon-sm" aria-label={t("edit", { shortcut: response.shortcut })} onClick={() => setEditing(response)}>
                          <PencilIcon aria-hidden="true" />
                        </Button>
                        <Button variant="ghost" size="icon-sm" aria-label={t("delete", { shortcut: response.shortcut })} onClick={() => setDeleting(response)}>
                          <Trash2Icon aria-hidden="true" />
                        </Button>
                      </div>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      )}
      {editing !== null ? (
        <CannedResponseEditor library={library} response={editing === "new" ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
      <DeleteCannedResponse response={deleting} library={library} onClose={() => setDeleting(null)} />
    </section>
  );
}

function DeleteCannedResponse({ response, library, onClose }: { response: CannedResponseView | null; library: CannedLibrary; onClose: () => void }) {
  const t = useTranslations("cannedResponses.delete");
  const queryClient = useQueryClient();
  const [pending, setPending] = React.useState(false);
  const [error, setError] = React.useState<string | undefined>(undefined);
  const confirm = async () => {
    if (!response) return;
    setPending(true);
    const reading = await runAction(deleteCannedResponseAction({ cannedResponseId: response.id }));
    setPending(false);
    if (!reading.ok) {
      setError(reading.message);
      return;
    }
    toast.success(t("deleted", { shortcut: response.shortcut }));
    await queryClient.invalidateQueries({ queryKey: queryKeys.inbox.cannedResponses() });
    setError(undefined);
    onClose();
  };
  return (
    <ConfirmDialog
      open={response !== null}
      onOpenChange={(open) => {
        if (!open) {
          setError(undefined);
          onClose();
        }
      }}
      title={response ? t("title", { shortcut: response.shortcut }) : ""}
      description={library === "team" ? t("teamBody") : t("mineBody")}
      confirmLabel={t("confirm")}
      destructive
      pending={pending}
      error={error}
      onConfirm={() => void confirm()}
    />
  );
}
