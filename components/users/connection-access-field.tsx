"use client";

import { TriangleAlertIcon } from "lucide-react";
import { useTranslations } from "next-intl";

import { useReadableMessage } from "@/components/i18n/use-translate";
import { connectionName } from "@/components/connections/format";
import { Badge } from "@/components/ui/badge";
import type { AccessConnectionView } from "@/lib/users/views";
import { cn } from "@/lib/utils";

export interface AccessValue {
  all: boolean;
  connectionIds: string[];
}

/** A connection's name on the users screen, the same the connections page gives it. */
export function useAccessConnectionName(): (connection: AccessConnectionView) => string {
  const words = useTranslations("users.connectionName");
  return (connection) => connectionName(connection, words);
}

/** Maton's status of a connection not active (yet), in words; an unknown one as Maton names it. */
function useStatusWord(): (status: string) => string {
  const t = useTranslations("users.access.connectionStatus");
  return (status) => (status === "PENDING" ? t("pending") : status === "FAILED" ? t("failed") : status.toLowerCase());
}

/**
 * The admin's choice of where someone may work: every connection (including ones linked later) or
 * the ticked ones. `connections` are those on offer (linked ones, and any already granted).
 */
export function ConnectionAccessField({
  idPrefix,
  connections,
  value,
  onChange,
  error,
  personName,
}: {
  idPrefix: string;
  connections: readonly AccessConnectionView[];
  value: AccessValue;
  onChange: (value: AccessValue) => void;
  /** Why the choice is refused: the server's words, or the form's own (zod) message. */
  error?: string;
  /** Who is given access, to say what having none means; "they" when not typed yet. */
  personName?: string;
}) {
  const t = useTranslations("users.access");
  const nameOf = useAccessConnectionName();
  const statusWord = useStatusWord();
  const readable = useReadableMessage();
  const errorId = `${idPrefix}-access-error`;
  const who = personName?.trim();
  const modes = [
    { all: true, title: t("modeAll"), hint: t("modeAllHint") },
    { all: false, title: t("modeChosen"), hint: t("modeChosenHint") },
  ] as const;
  const toggle = (id: string, checked: boolean) =>
    onChange({ all: false, connectionIds: checked ? [...value.connectionIds, id] : value.connectionIds.filter((other) => other !== id) });

  return (
    <fieldset className="space-y-2" aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
      <legend className="mb-1.5 text-sm font-medium">{t("legend")}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {modes.map((mode) => (
          <label
            key={String(mode.all)}
            className={cn(
              "flex cursor-pointer items-start gap-2.5 rounded-lg border p-3 text-sm transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
              value.all === mode.all ? "border-primary bg-primary/5" : "hover:bg-muted/50",
            )}
          >
            <input
              type="radio"
              name={`${idPrefix}-access-mode`}
              className="mt-0.5 accent-primary"
              checked={value.all === mode.all}
              onChange={() => onChange({ all: mode.all, connectionIds: value.connectionIds })}
            />
            <span className="space-y-0.5">
              <span className="block font-medium">{mode.title}</span>
              <span className="block text-xs text-muted-foreground">{mode.hint}</span>
            </span>
          </label>
        ))}
      </div>
      {value.all ? null : connections.length === 0 ? (
        <p className="text-xs text-muted-foreground">{t("noneLinked")}</p>
      ) : (
        <ul aria-label={t("chosenList")} className="divide-y rounded-lg border">
          {connections.map((connection) => {
            const id = `${idPrefix}-connection-${connection.id}`;
            return (
              <li key={connection.id}>
                <label htmlFor={id} className="flex cursor-pointer items-center gap-2.5 px-3 py-2 text-sm hover:bg-muted/50">
                  <input
                    id={id}
                    type="checkbox"
                    className="accent-primary"
                    checked={value.connectionIds.includes(connection.id)}
                    onChange={(event) => toggle(connection.id, event.target.checked)}
                  />
                  <span dir="auto" className={cn("min-w-0 flex-1 truncate", connection.unlinked && "text-muted-foreground")}>
                    {nameOf(connection)}
                  </span>
                  {connection.unlinked ? (
                    <Badge variant="outline" className="text-[10px]">
                      {t("unlinked")}
                    </Badge>
                  ) : connection.status !== "ACTIVE" ? (
                    <Badge variant="outline" className="text-[10px]">
                      {statusWord(connection.status)}
                    </Badge>
                  ) : null}
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {!value.all && value.connectionIds.length === 0 ? (
        <p className="flex items-start gap-1.5 text-xs text-warning">
          <TriangleAlertIcon className="mt-px size-3.5 shrink-0" aria-hidden="true" />
          <span>{who ? t("noAccessWarningNamed", { name: who }) : t("noAccessWarning")}</span>
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-destructive">
          {readable(error)}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Admins work in every connection: said instead of offering a choice. */
export function AdminAccessNote() {
  const t = useTranslations("users.access");
  return (
    <div className="space-y-1.5">
      <p className="text-sm font-medium">{t("legend")}</p>
      <p className="rounded-lg border bg-muted/40 p-3 text-xs text-muted-foreground">{t("adminNote")}</p>
    </div>
  );
}
