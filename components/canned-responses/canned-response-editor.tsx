"use client";

import { useQueryClient } from "@tanstack/react-query";
import { BracesIcon, Loader2Icon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import * as React from "react";

import { useMediaLibrary, usePhoneNumbers } from "@/components/inbox/api";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, FieldControl, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { WhatsAppText } from "@/components/whatsapp-text";
import { runAction } from "@/lib/action-result";
import { createCannedResponseAction, updateCannedResponseAction } from "@/lib/actions/canned-responses";
import { CANNED_BODY_MAX, CANNED_SHORTCUT_MAX, type CannedLibrary } from "@/lib/canned-responses/rules";
import type { CannedResponseView } from "@/lib/canned-responses/views";
import { formatFileSize } from "@/lib/i18n/format";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";

const VARIABLES = [
  { name: "contact.name", label: "variableContactName" },
  { name: "contact.phone", label: "variableContactPhone" },
  { name: "agent.name", label: "variableAgentName" },
] as const;
const ATTRIBUTE_EXAMPLE = "{{contact.<key>}}";

/** Creates a response in a library, or edits one: shortcut, text with a live preview and variables, a file from the media library. */
export function CannedResponseEditor({ library, response, onClose }: { library: CannedLibrary; response: CannedResponseView | null; onClose: () => void }) {
  const t = useTranslations("cannedResponses.editor");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const [shortcut, setShortcut] = React.useState(response?.shortcut ?? "");
  const [body, setBody] = React.useState(response?.body ?? "");
  const [mediaId, setMediaId] = React.useState<string | null>(response?.media?.id ?? null);
  const [mediaName, setMediaName] = React.useState<string | null>(response?.media?.fileName ?? null);
  const phoneNumbers = usePhoneNumbers();
  const [numberId, setNumberId] = React.useState<string>(response?.media?.phoneNumberId ?? "");
  const shownNumber = numberId || phoneNumbers.data?.[0]?.id || "";
  const libraryFiles = useMediaLibrary(shownNumber, shownNumber !== "");
  const [pending, setPending] = React.useState(false);
  const [errors, setErrors] = React.useState<{ shortcut?: string; body?: string; mediaId?: string; general?: string }>({});
  const bodyRef = React.useRef<HTMLTextAreaElement>(null);
  const formId = React.useId();

  const insertVariable = (name: string) => {
    const variable = `{{${name}}}`;
    const box = bodyRef.current;
    const start = box?.selectionStart ?? body.length;
    const end = box?.selectionEnd ?? body.length;
    setBody(body.slice(0, start) + variable + body.slice(end));
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(start + variable.length, start + variable.length);
    });
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    // An unchanged file is sent as is: the server keeps it even when the editor can no longer see it.
    const mediaChanged = mediaId !== (response?.media?.id ?? null);
    const reading = await runAction(
      response
        ? updateCannedResponseAction({ cannedResponseId: response.id, shortcut, body, ...(mediaChanged ? { mediaId } : {}) })
        : createCannedResponseAction({ library, shortcut, body, mediaId }),
    );
    setPending(false);
    if (!reading.ok) {
      const fields = reading.fieldErrors;
      const shown = { shortcut: fields.shortcut, body: fields.body, mediaId: fields.mediaId };
      setErrors({ ...shown, general: shown.shortcut || shown.body || shown.mediaId ? undefined : reading.message });
      return;
    }
    toast.success(response ? t("saved", { shortcut: reading.data.shortcut }) : t("created", { shortcut: reading.data.shortcut }));
    await queryClient.invalidateQueries({ queryKey: queryKeys.inbox.cannedResponses() });
    onClose();
  };

  const length = [...body].length;
  return (
    <Dialog open onOpenChange={(open) => (!open && !pending ? onClose() : undefined)}>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle>{response ? t("editTitle", { shortcut: response.shortcut }) : library === "team" ? t("createTeamTitle") : t("createMineTitle")}</DialogTitle>
          <DialogDescription>{library === "team" ? t("teamDescription") : t("mineDescription")}</DialogDescription>
        </DialogHeader>
        <form id={formId} onSubmit={(event) => void submit(event)} className="grid gap-4 md:grid-cols-2" noValidate>
          <div className="space-y-4">
            <Field
              id={`${formId}-shortcut`}
              label={t("shortcut")}
              description={t("shortcutHint", { maximum: CANNED_SHORTCUT_MAX, shortcut: shortcut.replace(/^\//, "") || "…" })}
              error={errors.shortcut}
            >
              <FieldControl>
                <Input
                  value={shortcut}
                  onChange={(event) => setShortcut(event.target.value)}
                  maxLength={CANNED_SHORTCUT_MAX + 1}
                  autoComplete="off"
                  dir="auto"
                  className="font-mono"
                />
              </FieldControl>
            </Field>
            <Field
              id={`${formId}-body`}
              label={t("text")}
              description={t("textHint")}
              error={errors.body}
              aside={
                <span className={cn("text-xs tabular-nums", length > CANNED_BODY_MAX ? "text-destructive" : "text-muted-foreground")}>
                  <bdi dir="ltr">
                    {length} / {CANNED_BODY_MAX}
                  </bdi>
                </span>
              }
            >
              <FieldControl>
                <Textarea ref={bodyRef} value={body} onChange={(event) => setBody(event.target.value)} rows={6} dir="auto" className="min-h-32" />
              </FieldControl>
            </Field>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium">{t("variables")}</legend>
              <p className="text-xs text-muted-foreground">{t("variablesHint", { example: ATTRIBUTE_EXAMPLE })}</p>
              <div className="flex flex-wrap gap-1.5">
                {VARIABLES.map((variable) => {
                  const written = `{{${variable.name}}}`;
                  return (
                  <Button
                    key={variable.name}
                    type="button"
                    variant="outline"
                    size="sm"
                    aria-label={t("insertVariable", { variable: written })}
                    title={t(variable.label)}
                    onClick={() => insertVariable(variable.name)}
                  >
                    <BracesIcon aria-hidden="true" />
                    <bdi dir="ltr" className="font-mono text-xs">
                      {written}
                    </bdi>
                  </Button>
                  );
                })}
              </div>
            </fieldset>
          </div>
          <div className="space-y-4">
            <section aria-label={t("preview")} className="space-y-1.5">
              <p className="text-sm font-medium">{t("preview")}</p>
              <div className="min-h-24 rounded-lg bg-muted p-3">
                {body.trim() ? (
                  <div className="ms-auto w-fit max-w-full rounded-lg bg-[#d9fdd3] px-3 py-2 text-sm text-[#111b21] shadow-sm dark:bg-[#005c4b] dark:text-[#e9edef]">
                    <WhatsAppText value={body} links="text" />
                  </div>
                ) : (
                  <p className="text-sm text-muted-foreground">{t("previewEmpty")}</p>
                )}
              </div>
            </section>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium">{t("media")}</legend>
              <p className="text-xs text-muted-foreground">{t("mediaHint")}</p>
              {mediaId && mediaName ? (
                <div className="flex items-center justify-between gap-2 rounded-md border px-2 py-1.5 text-sm">
                  <span dir="auto" className="truncate">
                    {t("mediaKept", { fileName: mediaName })}
                  </span>
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    onClick={() => {
                      setMediaId(null);
                      setMediaName(null);
                    }}
                  >
                    {t("remove")}
                  </Button>
                </div>
              ) : response?.mediaMissing && mediaId === null ? (
                <p className="text-xs text-warning">{t("mediaGone")}</p>
              ) : null}
              {(phoneNumbers.data?.length ?? 0) > 1 ? (
                <div className="space-y-1">
                  <label htmlFor={`${formId}-number`} className="text-xs font-medium">
                    {t("mediaNumber")}
                  </label>
                  <NativeSelect id={`${formId}-number`} value={shownNumber} onChange={(event) => setNumberId(event.target.value)}>
                    {(phoneNumbers.data ?? []).map((number) => (
                      <option key={number.id} value={number.id}>
                        {number.verifiedName ? `${number.verifiedName} · ${number.displayPhoneNumber ?? number.id}` : (number.displayPhoneNumber ?? number.id)}
                      </option>
                    ))}
                  </NativeSelect>
                </div>
              ) : null}
              {libraryFiles.data && libraryFiles.data.length > 0 ? (
                <ul className="max-h-40 space-y-1 overflow-y-auto rounded-md border p-1" aria-label={t("mediaLibrary")}>
                  <li>
                    <button
                      type="button"
                      aria-pressed={mediaId === null}
                      onClick={() => {
                        setMediaId(null);
                        setMediaName(null);
                      }}
                      className={cn("w-full rounded px-2 py-1 text-start text-sm hover:bg-accent", mediaId === null && "bg-accent")}
                    >
                      {t("mediaNone")}
                    </button>
                  </li>
                  {libraryFiles.data.map((file) => (
                    <li key={file.id}>
                      <button
                        type="button"
                        aria-pressed={mediaId === file.id}
                        onClick={() => {
                          setMediaId(file.id);
                          setMediaName(file.fileName);
                        }}
                        className={cn("flex w-full items-baseline gap-2 rounded px-2 py-1 text-start text-sm hover:bg-accent", mediaId === file.id && "bg-accent")}
                      >
                        <span dir="auto" className="truncate font-medium">
                          {file.fileName}
                        </span>
                        <span className="shrink-0 text-xs text-muted-foreground">{formatFileSize(format, file.size)}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              ) : libraryFiles.isSuccess ? (
                <p className="text-xs text-muted-foreground">{t("mediaEmpty")}</p>
              ) : null}
              {errors.mediaId ? <FormError message={errors.mediaId} /> : null}
            </fieldset>
          </div>
        </form>
        {errors.general ? <FormError message={errors.general} /> : null}
        <DialogFooter>
          <Button type="button" variant="outline" onClick={onClose} disabled={pending}>
            {t("cancel")}
          </Button>
          <Button type="submit" form={formId} disabled={pending}>
            {pending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
            {pending ? t("saving") : response ? t("save") : t("create")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
