import { InfoIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import type * as React from "react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { previewStoredTemplate, unsendableExplanation, type UnsendableKind } from "@/lib/whatsapp/template-kinds";

import { TemplatePreviewBubble } from "./template-preview";

type Loose = Record<string, unknown>;
const records = (value: unknown): Loose[] =>
  Array.isArray(value) ? value.filter((entry): entry is Loose => entry !== null && typeof entry === "object" && !Array.isArray(entry)) : [];
const text = (value: unknown) => (typeof value === "string" ? value : "");

const BUTTON_KINDS = ["QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE", "OTP", "CATALOG", "MPM", "SPM", "FLOW"] as const;
type ButtonKind = (typeof BUTTON_KINDS)[number];
const isButtonKind = (type: string): type is ButtonKind => (BUTTON_KINDS as readonly string[]).includes(type);

type Line = { label: "header" | "body" | "footer" | "offer" | "carousel" | "buttons"; value: string; authored: boolean };

/** The template's texts as written (variables visible), one line per part, for reading beside the preview. */
function useContentLines(components: unknown[]): Line[] {
  const t = useTranslations("templates.unsendable");
  const tKinds = useTranslations("templates.buttonKinds");
  const tPreview = useTranslations("templates.preview");
  const lines: Line[] = [];
  for (const component of records(components)) {
    const type = text(component.type).toUpperCase();
    if (type === "HEADER") {
      const own = text(component.text);
      lines.push({ label: "header", value: own || t("mediaHeader", { format: text(component.format).toLowerCase() || "media" }), authored: own !== "" });
    } else if (type === "BODY") lines.push({ label: "body", value: text(component.text), authored: true });
    else if (type === "FOOTER") lines.push({ label: "footer", value: text(component.text), authored: true });
    else if (type === "LIMITED_TIME_OFFER") {
      const offer = (component.limited_time_offer ?? {}) as Loose;
      const headline = text(offer.text) || tPreview("offer");
      lines.push({ label: "offer", value: offer.has_expiration === true ? t("offerWithExpiry", { offer: headline }) : headline, authored: text(offer.text) !== "" });
    } else if (type === "CAROUSEL") {
      lines.push({ label: "carousel", value: t("cards", { count: records(component.cards).length }), authored: false });
    } else if (type === "BUTTONS") {
      const buttons = records(component.buttons).map((button) => {
        const kind = text(button.type).toUpperCase();
        const kindName = isButtonKind(kind) ? tKinds(kind) : kind.toLowerCase().replace(/_/g, " ");
        return t("button", { text: text(button.text) || kind.toLowerCase(), kind: kindName });
      });
      lines.push({ label: "buttons", value: buttons.join(", "), authored: true });
    }
  }
  return lines;
}

/**
 * A template of a kind the editor cannot hold (carousel, limited-time offer, catalog, product, flow):
 * read-only, its texts as written and the preview as far as it goes, never the editor (a save would
 * drop what it cannot represent).
 */
export function UnsendableTemplateView({
  template,
  kind,
  businessName,
  aside,
}: {
  template: { components: unknown[] };
  kind: UnsendableKind;
  businessName?: string;
  aside?: React.ReactNode;
}) {
  const t = useTranslations("templates.unsendable");
  const tAll = useTranslations();
  const lines = useContentLines(template.components);
  const explanation = unsendableExplanation(kind);
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_340px] xl:grid-cols-[minmax(0,1fr)_380px]">
      <div className="min-w-0 space-y-5">
        {aside}
        <Alert>
          <InfoIcon aria-hidden="true" />
          {/* The badge in the page header says "can't be sent"; this says what the page offers instead. */}
          <AlertTitle>{t("previewOnly")}</AlertTitle>
          <AlertDescription>{tAll(explanation.key, explanation.values)}</AlertDescription>
        </Alert>
        <Card className="gap-4 py-5">
          <CardHeader className="px-5">
            <CardTitle className="text-sm">{t("content")}</CardTitle>
          </CardHeader>
          <CardContent className="px-5">
            <dl className="grid gap-3 text-sm sm:grid-cols-[120px_minmax(0,1fr)]">
              {lines.map((line, index) => (
                <div key={index} className="contents">
                  <dt className="font-medium text-muted-foreground">{t(line.label)}</dt>
                  <dd className="break-words whitespace-pre-wrap" dir={line.authored ? "auto" : undefined}>
                    {line.value}
                  </dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
      </div>
      <aside aria-label={t("preview")} className="lg:sticky lg:top-4 lg:self-start">
        <p className="mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">{t("preview")}</p>
        <TemplatePreviewBubble preview={previewStoredTemplate(template)} businessName={businessName} />
        <p className="mt-2 text-xs text-muted-foreground">{t("previewNote")}</p>
      </aside>
    </div>
  );
}
