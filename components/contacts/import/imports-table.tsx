"use client";

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { FileSpreadsheetIcon, UploadIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useMemo } from "react";

import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ContactImportView } from "@/lib/contacts/views";

import { useImportErrorText, useImports } from "../import-api";
import { CountCell, ImportProgressBar, ImportStatusBadge, IMPORT_COUNTS } from "./import-parts";
import { importPath, NEW_IMPORT_PATH } from "./paths";

type ImportsTranslator = ReturnType<typeof useTranslations<"contacts.importer.list">>;

/** The file's status; while it runs, the bar under it. */
function StatusCell({ view }: { view: ContactImportView }) {
  const t = useTranslations("contacts.importer.list");
  return (
    <div className="grid min-w-32 gap-1.5">
      <ImportStatusBadge status={view.status} />
      {view.status === "running" || view.status === "queued" ? <ImportProgressBar view={view} label={t("progressOf", { name: view.fileName })} className="h-1.5" /> : null}
    </div>
  );
}

function columnsFor(t: ImportsTranslator): Array<ColumnDef<ContactImportView>> {
  return [
    {
      id: "file",
      header: () => t("columns.file"),
      cell: ({ row }) => (
        <Link href={importPath(row.original.id)} className="font-medium underline-offset-4 hover:underline focus-visible:underline" dir="auto">
          {row.original.fileName}
        </Link>
      ),
    },
    { id: "when", header: () => t("columns.when"), cell: ({ row }) => <RelativeTime iso={row.original.createdAt} className="whitespace-nowrap" /> },
    {
      id: "by",
      header: () => t("columns.by"),
      cell: ({ row }) =>
        row.original.createdBy ? (
          <span dir="auto">{row.original.createdBy.name}</span>
        ) : (
          <span className="text-muted-foreground">{t("unknownUser")}</span>
        ),
    },
    { id: "status", header: () => t("columns.status"), cell: ({ row }) => <StatusCell view={row.original} /> },
    ...IMPORT_COUNTS.map(
      (count): ColumnDef<ContactImportView> => ({
        id: count,
        header: () => <span className="block text-end">{t(`columns.${count}`)}</span>,
        cell: ({ row }) => (
          <span className="block text-end">
            {row.original.status === "uploaded" ? <span className="text-muted-foreground">—</span> : <CountCell value={row.original[count]} />}
          </span>
        ),
      }),
    ),
  ];
}

/** The "Import CSV" button that starts a new import. */
export function NewImportButton() {
  const t = useTranslations("contacts.importer.list");
  return (
    <Button asChild>
      <Link href={NEW_IMPORT_PATH}>
        <UploadIcon aria-hidden="true" />
        {t("importCsv")}
      </Link>
    </Button>
  );
}

/**
 * The latest imports: file, when and by whom, status (with a bar while one runs) and what each did
 * to the contacts. Running ones move by the live events; nothing polls.
 */
export function ImportsTable() {
  const t = useTranslations("contacts.importer.list");
  const errorText = useImportErrorText();
  const imports = useImports();
  const columns = useMemo(() => columnsFor(t), [t]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the table is rebuilt from the query on each render, as TanStack Table documents
  const table = useReactTable({ data: imports.data ?? [], columns, getCoreRowModel: getCoreRowModel(), getRowId: (row) => row.id });

  if (imports.isPending) {
    return (
      <div aria-busy="true" aria-label={t("loading")} className="grid gap-2">
        {Array.from({ length: 4 }, (_, index) => (
          <Skeleton key={index} className="h-10 w-full" />
        ))}
      </div>
    );
  }
  if (imports.isError && !imports.data) {
    return (
      <div className="grid justify-items-start gap-3">
        <FormError message={errorText(imports.error)} />
        <Button variant="outline" onClick={() => void imports.refetch()}>
          {t("retry")}
        </Button>
      </div>
    );
  }
  if ((imports.data ?? []).length === 0) {
    return <EmptyState icon={FileSpreadsheetIcon} title={t("empty.title")} description={t("empty.description")} action={<NewImportButton />} headingLevel="h3" />;
  }
  return (
    <div className="rounded-xl border bg-card">
      <Table aria-label={t("tableLabel")}>
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) => (
                <TableHead key={header.id}>{flexRender(header.column.columnDef.header, header.getContext())}</TableHead>
              ))}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {table.getRowModel().rows.map((row) => (
            <TableRow key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <TableCell key={cell.id} className="align-top">
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
