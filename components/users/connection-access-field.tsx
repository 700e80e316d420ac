"use client";

import { TriangleAlertIcon } from "lucide-react";

import { connectionName } from "@/components/connections/format";
import { Badge } from "@/components/ui/badge";
import type { AccessConnectionView } from "@/lib/users/views";
import { cn } from "@/lib/utils";

export interface AccessValue {
  all: boolean;
  connectionIds: string[];
}

/** A connection's name on the users screen, the same the connections page gives it. */
export function accessConnectionName(connection: AccessConnectionView): string {
  return connectionName(connection);
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
  error?: string;
  /** Who is given access, to say what having none means; "they" when not typed yet. */
  personName?: string;
}) {
  const errorId = `${idPrefix}-access-error`;
  const who = personName?.trim() || "they";
  const modes = [
    { all: true, title: "All connections", hint: "Including ones linked later." },
    { all: false, title: "Chosen connections", hint: "Only the ones ticked below." },
  ] as const;
  const toggle = (id: string, checked: boolean) =>
    onChange({ all: false, connectionIds: checked ? [...value.connectionIds, id] : value.connectionIds.filter((other) => other !== id) });

  return (
    <fieldset className="space-y-2" aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
      <legend className="mb-1.5 text-sm font-medium">Connections</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {modes.map((mode) => (
          <label
            key={mode.title}
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
        <p className="text-xs text-muted-foreground">
          No connection is linked yet. Choose “All connections” to include the ones linked later.
        </p>
      ) : (
        <ul aria-label="Chosen connections" className="divide-y rounded-lg border">
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
                  <span className={cn("min-w-0 flex-1 truncate", connection.unlinked && "text-muted-foreground")}>
                    {accessConnectionName(connection)}
                  </span>
                  {connection.unlinked ? (
                    <Badge variant="outline" className="text-[10px]">
                      Unlinked
                    </Badge>
                  ) : connection.status !== "ACTIVE" ? (
                    <Badge variant="outline" className="text-[10px]">
                      {connection.status.toLowerCase()}
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
          <span>
            No connection: {who} can sign in but will see no conversations, templates or media until you give access.
          </span>
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Admins work in every connection: said instead of offering a choice. */
export function AdminAccessNote() {
  return (
    <div className="space-y-1.5">
      <p className="text-sm font-medium">Connections</p>
      <p className="rounded-lg border bg-muted/40 p-3 text-xs text-muted-foreground">
        Admins always work in every connection, including ones linked later. To limit access, choose another role.
      </p>
    </div>
  );
}
