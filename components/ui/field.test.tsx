import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { Field, FieldControl, fieldDescribedBy } from "./field";
import { Input } from "./input";

function attributesOf(html: string, tag: string) {
  const element = new RegExp(`<${tag}\\b[^>]*>`).exec(html)?.[0] ?? "";
  return Object.fromEntries([...element.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name, value]) => [name, value]));
}

describe("Field", () => {
  it("names the control by its label and describes it by its description", () => {
    const html = renderToStaticMarkup(
      <Field id="account-name" label="Name" description="Shown to your team.">
        <FieldControl>
          <Input />
        </FieldControl>
      </Field>,
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
      <Field id="role" label="Role" description="Can read everything." error="Pick another role.">
        <FieldControl aria-describedby="role-warning">
          <Input />
        </FieldControl>
      </Field>,
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
        <FieldControl>
          <Input />
        </FieldControl>,
      ),
    ).toThrow("FieldControl must be inside a Field.");
  });
});
