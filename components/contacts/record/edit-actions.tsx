"use client";

import { Loader2Icon } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";

/** The Save and Cancel of an editor opened in place (name, attribute, note): Save shows the wait, Cancel closes it. */
export function EditActions({ pending, onCancel }: { pending: boolean; onCancel: () => void }) {
  const common = useTranslations("common");
  return (
    <div className="flex gap-2">
      <Button type="submit" size="sm" aria-disabled={pending || undefined}>
        {pending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
        {common("save")}
      </Button>
      <Button type="button" variant="outline" size="sm" disabled={pending} onClick={onCancel}>
        {common("cancel")}
      </Button>
    </div>
  );
}
