import type { RenderedTemplate } from "@/lib/whatsapp/template-fill";
import type { TemplatePreview } from "@/lib/whatsapp/template-draft";

/** A filled template in the shape the template screens' bubble draws. */
export function previewOf(rendered: RenderedTemplate): TemplatePreview {
  return {
    header: rendered.header === null ? null : rendered.header.type === "text" ? { kind: "text", text: rendered.header.text } : { kind: rendered.header.type },
    body: rendered.body,
    footer: rendered.footer,
    buttons: rendered.buttons.map((button) => ({ type: button.type, text: button.text })),
  };
}
