"use client";

import { ArrowLeftIcon, CopyIcon, InfoIcon, Trash2Icon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { PageHeader } from "@/components/shell/page-header";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { TemplateListItem } from "@/lib/templates/views";
import { draftFromTemplate, templateEditRules } from "@/lib/whatsapp/template-draft";
import { unsendableReason } from "@/lib/whatsapp/template-kinds";

import { useTemplateList } from "./api";
import { QualityIndicator, TemplateStatusBadge, TemplateTraitBadges, useTemplateLabels } from "./badges";
import { DeleteTemplateDialog } from "./delete-template-dialog";
import { TemplateEditor } from "./template-editor";
import { UnsendableTemplateView } from "./unsendable-template";

/** One template: its live status, and the editor (editable as Meta allows, read-only for agents). */
export function TemplateDetail({ initial, canManage, businessName }: { initial: TemplateListItem; canManage: boolean; businessName?: string }) {
  const router = useRouter();
  const t = useTranslations("templates.detail");
  const tAll = useTranslations();
  const labels = useTemplateLabels();
  const list = useTemplateList(initial.wabaId, undefined);
  const template = list.data?.templates.find((entry) => entry.id === initial.id) ?? initial;
  const rules = templateEditRules(template.status);
  const [deleting, setDeleting] = useState<{ wabaId: string; name: string; languages: string[] } | null>(null);
  const languages = (list.data?.templates ?? [initial]).filter((entry) => entry.name === template.name && entry.status !== "DELETED").map((entry) => entry.language).sort();
  const mode = canManage && rules.editable ? "edit" : "view";
  // A carousel, offer, catalog or flow template: shown read-only; the editor would drop what it cannot hold.
  const unsendable = unsendableReason(template);

  return (
    <div className="flex flex-col gap-5 p-4 sm:p-6">
      <Link href="/templates" className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeftIcon className="size-4 rtl:-scale-x-100" aria-hidden="true" /> {t("back")}
      </Link>
      <PageHeader
        title={<span className="font-mono">{template.name}</span>}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{template.language}</span>·<span>{labels.category(template.category)}</span>·
            <span className="inline-flex items-center gap-1.5">{t("status")} <TemplateStatusBadge status={template.status} /></span>·
            <span className="inline-flex items-center gap-1.5">{t("quality")} <QualityIndicator score={template.qualityScore} /></span>
            <TemplateTraitBadges template={template} />
          </span>
        }
        actions={
          canManage ? (
            <>
              {unsendable ? null : (
                <Button asChild variant="outline" size="sm">
                  <Link href={`/templates/new?from=${template.id}`}><CopyIcon aria-hidden="true" />{t("duplicate")}</Link>
                </Button>
              )}
              <Button variant="outline" size="sm" className="text-destructive" disabled={template.status === "DELETED"} onClick={() => setDeleting({ wabaId: template.wabaId, name: template.name, languages })}>
                <Trash2Icon aria-hidden="true" />
                {t("delete")}
              </Button>
            </>
          ) : null
        }
      />
      {unsendable ? (
        <UnsendableTemplateView
          template={template}
          kind={unsendable}
          businessName={businessName}
          aside={
            template.status === "REJECTED" && template.rejectedReason ? (
              <Alert variant="destructive">
                <InfoIcon aria-hidden="true" />
                <AlertDescription>{t("rejected", { reason: labels.rejectionReason(template.rejectedReason) })}</AlertDescription>
              </Alert>
            ) : null
          }
        />
      ) : (
        <TemplateEditor
          key={`${template.id}-${mode}-${template.status === "PENDING" ? "pending" : "settled"}`}
          mode={mode}
          wabaId={template.wabaId}
          templateId={template.id}
          initialDraft={draftFromTemplate(template)}
          taken={[]}
          categoryLocked={rules.categoryLocked}
          businessName={businessName}
          aside={
            <>
              {template.status === "REJECTED" && template.rejectedReason ? (
                <Alert variant="destructive">
                  <InfoIcon aria-hidden="true" />
                  <AlertDescription>{t("rejectedFixIt", { reason: labels.rejectionReason(template.rejectedReason) })}</AlertDescription>
                </Alert>
              ) : null}
              {!rules.editable ? (
                <Alert>
                  <InfoIcon aria-hidden="true" />
                  <AlertDescription>{rules.reason ? tAll(rules.reason.key, rules.reason.values) : null}</AlertDescription>
                </Alert>
              ) : !canManage ? (
                <Alert>
                  <InfoIcon aria-hidden="true" />
                  <AlertDescription>{t("viewOnly")}</AlertDescription>
                </Alert>
              ) : template.status === "APPROVED" ? (
                <Alert>
                  <InfoIcon aria-hidden="true" />
                  <AlertDescription>{t("approvedEdit")}</AlertDescription>
                </Alert>
              ) : null}
            </>
          }
        />
      )}
      <DeleteTemplateDialog target={deleting} onOpenChange={(open) => !open && setDeleting(null)} onDeleted={() => router.push("/templates")} />
    </div>
  );
}
