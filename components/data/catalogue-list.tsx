"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { Trash2Icon } from "lucide-react";
import Link from "next/link";
import * as React from "react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { runAction, type ActionResultLike } from "@/lib/action-result";

/** A list screen's heading: its title, what it is for, and its main action beside them. */
export function CatalogueHeader({ title, description, action }: { title: React.ReactNode; description: React.ReactNode; action?: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div className="space-y-1">
        <h2 className="text-lg font-semibold tracking-tight">{title}</h2>
        <p className="text-sm text-muted-foreground">{description}</p>
      </div>
      {action}
    </div>
  );
}

/**
 * A list's loading states around its content: the failure above, placeholder rows while it loads, `empty`
 * when it has no entries, else the entries.
 */
export function CatalogueStates<Entry>({
  list,
  loadFailed,
  empty,
  children,
}: {
  list: { error: Error | null; isPending: boolean; data: readonly Entry[] | undefined };
  /** Says why the list could not be loaded. */
  loadFailed: (error: Error) => string;
  empty: React.ReactNode;
  children: (entries: readonly Entry[]) => React.ReactNode;
}) {
  return (
    <>
      {list.error ? <FormError message={loadFailed(list.error)} /> : null}
      {list.isPending ? (
        <div className="grid gap-2" aria-busy="true">
          {Array.from({ length: 4 }, (_, index) => (
            <Skeleton key={index} className="h-10 w-full" />
          ))}
        </div>
      ) : list.data && list.data.length === 0 ? (
        empty
      ) : list.data ? (
        children(list.data)
      ) : null}
    </>
  );
}

/** An entry's count as a link to what carries it (the contacts with a tag, the conversations with a label). */
export interface CatalogueCount {
  href: string;
  /** Says the count and the entry's name, for screen readers. */
  label: string;
  text: string;
}

/**
 * The table of a named, coloured catalogue: each entry's chip, how many carry it (a link to them) and,
 * for those who manage it, its actions.
 */
export function CatalogueTable<Entry extends { id: string }>({
  label,
  entries,
  columns,
  countClassName,
  rowData,
  chip,
  count,
  actions,
}: {
  label: string;
  entries: readonly Entry[];
  /** The columns' headings; the actions column only when `actions` is given. */
  columns: { entry: string; count: string; actions: string };
  countClassName: string;
  /** The row's data attributes (the entry's id, for scripts and tests that find the row). */
  rowData: (entry: Entry) => Record<`data-${string}`, string>;
  chip: (entry: Entry) => React.ReactNode;
  count: (entry: Entry) => CatalogueCount;
  actions?: (entry: Entry) => React.ReactNode;
}) {
  return (
    <div className="rounded-md border">
      <Table aria-label={label}>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>{columns.entry}</TableHead>
            <TableHead className={countClassName}>{columns.count}</TableHead>
            {actions ? (
              <TableHead className="w-28 text-end">
                <span className="sr-only">{columns.actions}</span>
              </TableHead>
            ) : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {entries.map((entry) => {
            const carriers = count(entry);
            return (
              <TableRow key={entry.id} {...rowData(entry)}>
                <TableCell>{chip(entry)}</TableCell>
                <TableCell className="text-end">
                  <Link href={carriers.href} className="text-primary tabular-nums underline-offset-4 hover:underline" aria-label={carriers.label}>
                    {carriers.text}
                  </Link>
                </TableCell>
                {actions ? <TableCell className="text-end">{actions(entry)}</TableCell> : null}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}

/**
 * A button that opens a dialog, mounted only while open so each opening starts from the entry as it is
 * now. The button's own props (variant, size, accessible name) and content are the caller's.
 */
export function DialogButton({
  dialog,
  ...props
}: Omit<React.ComponentProps<typeof Button>, "type" | "onClick"> & { dialog: (state: { open: boolean; onOpenChange: (open: boolean) => void }) => React.ReactNode }) {
  const [open, setOpen] = React.useState(false);
  return (
    <>
      <Button type="button" onClick={() => setOpen(true)} {...props} />
      {open ? dialog({ open, onOpenChange: setOpen }) : null}
    </>
  );
}

/**
 * An entry's delete button: asks first, says what is lost and kept, then deletes, says so and refreshes
 * `invalidates`. A refusal shows in the dialog, which stays open.
 */
export function DeleteEntryButton({
  label,
  title,
  description,
  confirmLabel,
  pendingLabel,
  deleted,
  remove,
  invalidates,
}: {
  /** The button's accessible name, naming the entry. */
  label: string;
  title: React.ReactNode;
  description: React.ReactNode;
  confirmLabel: React.ReactNode;
  pendingLabel: React.ReactNode;
  /** The toast once deleted. */
  deleted: string;
  remove: () => Promise<ActionResultLike<unknown>>;
  invalidates: QueryKey;
}) {
  const queryClient = useQueryClient();
  const [open, setOpen] = React.useState(false);
  const [pending, setPending] = React.useState(false);
  const [error, setError] = React.useState<string | undefined>();

  const confirm = async () => {
    setPending(true);
    setError(undefined);
    const reading = await runAction(remove());
    setPending(false);
    if (!reading.ok) {
      setError(reading.message);
      return;
    }
    toast.success(deleted);
    setOpen(false);
    void queryClient.invalidateQueries({ queryKey: invalidates });
  };

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setError(undefined);
      }}
      trigger={
        <Button type="button" variant="ghost" size="icon-sm" aria-label={label}>
          <Trash2Icon aria-hidden="true" />
        </Button>
      }
      title={title}
      description={description}
      confirmLabel={confirmLabel}
      pendingLabel={pendingLabel}
      destructive
      pending={pending}
      error={error}
      onConfirm={() => void confirm()}
    />
  );
}
