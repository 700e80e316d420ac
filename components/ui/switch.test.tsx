import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { Switch } from "./switch";

describe("Switch", () => {
  it("is a button with role switch, its state in aria-checked, named by what it points at", () => {
    const on = renderToStaticMarkup(<Switch checked aria-labelledby="away-label" aria-describedby="away-hint" onCheckedChange={() => {}} />);
    expect(on).toMatch(/<button type="button" role="switch" aria-checked="true"/);
    expect(on).toContain('aria-labelledby="away-label"');
    expect(on).toContain('aria-describedby="away-hint"');
    expect(on).toContain('data-state="checked"');

    const off = renderToStaticMarkup(<Switch checked={false} disabled aria-label="Desktop notifications" />);
    expect(off).toMatch(/role="switch" aria-checked="false"/);
    expect(off).toContain('disabled=""');
  });

  it("keeps its thumb from screen readers and shows what it is given over it", () => {
    const html = renderToStaticMarkup(
      <Switch checked={false} aria-label="Desktop notifications">
        <svg data-testid="saving" />
      </Switch>,
    );
    expect(html).toMatch(/<span data-state="unchecked" data-slot="switch-thumb" aria-hidden="true"/);
    expect(html).toContain('data-testid="saving"');
  });
});
