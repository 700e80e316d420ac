import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { z } from "@/lib/zod";

import { withIntl } from "@/components/i18n/test-intl";
import { configureValidationMessages } from "@/lib/i18n/validation";

import { Field, FieldControl, FormError, fieldDescribedBy } from "./field";
import { Input } from "./input";

configureValidationMessages();

function attributesOf(html: string, tag: string) {
  const element = new RegExp(`<${tag}\\b[^>]*>`).exec(html)?.[0] ?? "";
  return Object.fromEntries([...element.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name, value]) => [name, value]));
}

describe("Field", () => {
  it("names the control by its label and describes it by its description", () => {
    const html = renderToStaticMarkup(
      withIntl(
        <Field id="account-name" label="Name" description="Shown to your team.">
          <FieldControl>
            <Input />
          </FieldControl>
        </Field>,
      ),
    );
    expect(attributesOf(html, "label").for).toBe("account-name");
    const input = attributesOf(html, "input");
    expect(input.id).toBe("account-name");
    expect(input["aria-describedby"]).toBe("account-name-description");
    expect(input["aria-invalid"]).toBeUndefined();
    expect(html).toContain('id="account-name-description"');
  });

  it("marks the control invalid and points it at the error as well as the description", () => {
    const html = renderToStaticMarkup(
      withIntl(
        <Field id="role" label="Role" description="Can read everything." error="Pick another role.">
          <FieldControl aria-describedby="role-warning">
            <Input />
          </FieldControl>
        </Field>,
      ),
    );
    const input = attributesOf(html, "input");
    expect(input["aria-invalid"]).toBe("true");
    expect(input["aria-describedby"]).toBe("role-description role-error role-warning");
    expect(html).toContain('<p id="role-error" data-slot="field-error" class="text-sm text-destructive">Pick another role.</p>');
  });

  it("describes a control by nothing when there is nothing to read", () => {
    expect(fieldDescribedBy("email", {})).toBeUndefined();
    expect(fieldDescribedBy("email", { error: "" })).toBeUndefined();
  });

  it("refuses a control outside a field, where it would be named by nothing", () => {
    expect(() =>
      renderToStaticMarkup(
        withIntl(
          <FieldControl>
            <Input />
          </FieldControl>,
        ),
      ),
    ).toThrow("FieldControl must be inside a Field.");
  });

  it("shows the browser's own zod messages in the reader's language, with their limit", () => {
    const issue = z.string().max(5).safeParse("too long").error?.issues[0]?.message ?? "";
    const field = (locale: "en" | "es" | "ar") =>
      renderToStaticMarkup(
        withIntl(
          <Field id="name" label="Name" error={issue}>
            <FieldControl>
              <Input />
            </FieldControl>
          </Field>,
          { locale },
        ),
      );
    expect(field("en")).toContain(">At most 5 characters.</p>");
    expect(field("es")).toContain(">Como máximo 5 caracteres.</p>");
    expect(field("ar")).toContain(">الحد الأقصى 5 أحرف.</p>");
  });

  it("words a whole form's zod failure the same way, and shows any other text as it is", () => {
    const required = z.object({ email: z.email() }).safeParse({ email: "nope" }).error?.issues[0]?.message ?? "";
    expect(renderToStaticMarkup(withIntl(<FormError message={required} />, { locale: "es" }))).toContain("Escribe una dirección de correo electrónico válida.");
    expect(renderToStaticMarkup(withIntl(<FormError message="WhatsApp refused this: Param websites[0]" />, { locale: "es" }))).toContain(
      "WhatsApp refused this: Param websites[0]",
    );
  });
});
