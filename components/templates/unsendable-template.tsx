import { InfoIcon } from "lucide-react";
import type * as React from "react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { previewStoredTemplate, unsendableExplanation, type UnsendableKind } from "@/lib/whatsapp/template-kinds";

import { TemplatePreviewBubble } from "./template-preview";

type Loose = Record<string, unknown>;
const records = (value: unknown): Loose[] =>
  Array.isArray(value) ? value.filter((entry): entry is Loose => entry !== null && typeof entry === "object" && !Array.isArray(entry)) : [];
const text = (value: unknown) => (typeof value === "string" ? value : "");

/** The template's texts as written (variables visible), one line per part, for reading beside the preview. */
function contentLines(components: unknown[]): Array<{ label: string; value: string }> {
  const lines: Array<{ label: string; value: string }> = [];
  for (const component of records(components)) {
    const type = text(component.type).toUpperCase();
    if (type === "HEADER") lines.push({ label: "Header", value: text(component.text) || `${text(component.format).toLowerCase() || "media"} header` });
    else if (type === "BODY") lines.push({ label: "Body", value: text(component.text) });
    else if (type === "FOOTER") lines.push({ label: "Footer", value: text(component.text) });
    else if (type === "LIMITED_TIME_OFFER") {
      const offer = (component.limited_time_offer ?? {}) as Loose;
      lines.push({ label: "Offer", value: `${text(offer.text) || "Limited-time offer"}${offer.has_expiration === true ? " (with an expiry)" : ""}` });
    } else if (type === "CAROUSEL") {
      const cards = records(component.cards);
      lines.push({ label: "Carousel", value: `${cards.length} card${cards.length === 1 ? "" : "s"}` });
    } else if (type === "BUTTONS") {
      const buttons = records(component.buttons).map((button) => `${text(button.text) || text(button.type).toLowerCase()} (${text(button.type).toLowerCase().replace(/_/g, " ")})`);
      lines.push({ label: "Buttons", value: buttons.join(", ") });
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
  const lines = contentLines(template.components);
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_340px] xl:grid-cols-[minmax(0,1fr)_380px]">
      <div className="min-w-0 space-y-5">
        {aside}
        <Alert>
          <InfoIcon aria-hidden="true" />
          {/* The badge in the page header says "can't be sent"; this says what the page offers instead. */}
          <AlertTitle>Preview only</AlertTitle>
          <AlertDescription>{unsendableExplanation(kind)}</AlertDescription>
        </Alert>
        <Card className="gap-4 py-5">
          <CardHeader className="px-5">
            <CardTitle className="text-sm">Content</CardTitle>
          </CardHeader>
          <CardContent className="px-5">
            <dl className="grid gap-3 text-sm sm:grid-cols-[120px_minmax(0,1fr)]">
              {lines.map((line, index) => (
                <div key={index} className="contents">
                  <dt className="font-medium text-muted-foreground">{line.label}</dt>
                  <dd className="break-words whitespace-pre-wrap">{line.value}</dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
      </div>
      <aside aria-label="Preview" className="lg:sticky lg:top-4 lg:self-start">
        <p className="mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">Preview</p>
        <TemplatePreviewBubble preview={previewStoredTemplate(template)} businessName={businessName} />
        <p className="mt-2 text-xs text-muted-foreground">Meta&apos;s example values are filled in.</p>
      </aside>
    </div>
  );
}
