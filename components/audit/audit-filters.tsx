"use client";

import { FilterXIcon } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";

import { auditActionLabel } from "./action-labels";

const ANY = "any";

/** Filters live in the URL, so a filtered view can be shared and survives a reload. */
export function AuditFilters({
  actors,
  actions,
}: {
  actors: Array<{ id: string; name: string; email: string }>;
  actions: string[];
}) {
  const t = useTranslations("audit");
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [isPending, startTransition] = useTransition();

  const setParam = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(searchParams.toString());
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete("page");
    startTransition(() => router.push(next.size > 0 ? `${pathname}?${next}` : pathname));
  };
  const hasFilters = ["user", "action", "from", "to"].some((name) => searchParams.has(name));

  return (
    <div
      role="search"
      aria-label={t("filters.label")}
      aria-busy={isPending}
      className="flex flex-wrap items-end gap-3 rounded-xl border bg-card p-3 shadow-xs"
    >
      <div className="grid gap-1.5">
        <Label htmlFor="audit-user" className="text-xs text-muted-foreground">
          {t("filters.user")}
        </Label>
        <Select value={searchParams.get("user") ?? ANY} onValueChange={(value) => setParam("user", value === ANY ? undefined : value)}>
          <SelectTrigger id="audit-user" size="sm" className="w-52">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ANY}>{t("filters.anyone")}</SelectItem>
            {actors.map((actor) => (
              <SelectItem key={actor.id} value={actor.id}>
                <bdi>{actor.name}</bdi> · <bdi>{actor.email}</bdi>
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-action" className="text-xs text-muted-foreground">
          {t("filters.action")}
        </Label>
        <Select
          value={searchParams.get("action") ?? ANY}
          onValueChange={(value) => setParam("action", value === ANY ? undefined : value)}
        >
          <SelectTrigger id="audit-action" size="sm" className="w-52">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ANY}>{t("filters.anyAction")}</SelectItem>
            {actions.map((action) => (
              <SelectItem key={action} value={action}>
                {auditActionLabel(t, action)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-from" className="text-xs text-muted-foreground">
          {t("filters.from")}
        </Label>
        <Input
          id="audit-from"
          type="date"
          className="h-8 w-40"
          defaultValue={searchParams.get("from") ?? ""}
          onChange={(event) => setParam("from", event.target.value || undefined)}
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-to" className="text-xs text-muted-foreground">
          {t("filters.to")}
        </Label>
        <Input
          id="audit-to"
          type="date"
          className="h-8 w-40"
          defaultValue={searchParams.get("to") ?? ""}
          onChange={(event) => setParam("to", event.target.value || undefined)}
        />
      </div>
      {hasFilters ? (
        <Button asChild variant="ghost" size="sm" className="ms-auto">
          <Link href={pathname}>
            <FilterXIcon aria-hidden="true" />
            {t("filters.clear")}
          </Link>
        </Button>
      ) : null}
    </div>
  );
}
