import { Direction } from "radix-ui";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import { ThemeMenu } from "@/components/theme-menu";
import { ThemeButton, ThemeToggle } from "@/components/theme-toggle";

import { Button } from "./button";
import { DropdownMenu, DropdownMenuTrigger } from "./dropdown-menu";
import { CLOSED_MENU_TRIGGER, CLOSED_POPOVER_TRIGGER, CLOSED_SHEET_TRIGGER } from "./on-demand";
import { OptionSelect, type OptionSelectProps } from "./option-select";
import { OptionSelectListbox } from "./option-select-listbox";
import { Popover, PopoverTrigger } from "./popover";
import { Sheet, SheetTrigger } from "./sheet";

const CLOSED = { openOnMount: false, openedWithKeyboard: false, focusOnMount: false };

/** The first element's attributes (the trigger's), but the ids Radix generates per render. */
function triggerAttributes(html: string): Record<string, string> {
  const tag = /^<button([^>]*)>/.exec(html)?.[1] ?? "";
  const attributes = Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((match) => [match[1]!, match[2]!]));
  delete attributes.id;
  return attributes;
}

const statusProps: OptionSelectProps = {
  label: "Status",
  className: "h-8 w-full text-xs",
  value: "resolved",
  onValueChange: () => {},
  options: [
    { value: "open", label: "Open" },
    { value: "resolved", label: "Resolved" },
  ],
};

describe("OptionSelect before its listbox has loaded", () => {
  it("renders Radix's closed trigger: the same attributes, name and classes", () => {
    for (const dir of ["ltr", "rtl"] as const) {
      const inDirection = (node: ReactElement) => renderToStaticMarkup(<Direction.Provider dir={dir}>{node}</Direction.Provider>);
      const placeholder = inDirection(<OptionSelect {...statusProps} />);
      const loaded = inDirection(<OptionSelectListbox {...statusProps} {...CLOSED} />);
      expect(triggerAttributes(placeholder)).toEqual(triggerAttributes(loaded));
      expect(triggerAttributes(placeholder)).toMatchObject({ role: "combobox", "aria-label": "Status", "aria-expanded": "false", dir, "data-state": "closed" });
    }
  });

  it("shows the chosen option's label (Radix fills it in once the page runs), or the placeholder with no choice", () => {
    expect(renderToStaticMarkup(<OptionSelect {...statusProps} />)).toContain('<span data-slot="select-value" style="pointer-events:none">Resolved</span>');
    const none = renderToStaticMarkup(<OptionSelect {...statusProps} value="" placeholder="Choose a status" />);
    expect(none).toContain('data-placeholder=""');
    expect(none).toContain(">Choose a status</span>");
  });

  it("is disabled as the select would be", () => {
    const placeholder = renderToStaticMarkup(<OptionSelect {...statusProps} disabled />);
    const loaded = renderToStaticMarkup(<OptionSelectListbox {...statusProps} disabled {...CLOSED} />);
    expect(triggerAttributes(placeholder)).toEqual(triggerAttributes(loaded));
    expect(triggerAttributes(placeholder)).toMatchObject({ disabled: "", "data-disabled": "" });
  });
});

describe("a menu, popover or sheet before it has loaded", () => {
  it("renders its trigger as Radix marks a closed trigger", () => {
    const closedTrigger = (node: ReactElement) => triggerAttributes(renderToStaticMarkup(node));
    expect(closedTrigger(<Button {...CLOSED_MENU_TRIGGER} />)).toEqual(
      closedTrigger(
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button />
          </DropdownMenuTrigger>
        </DropdownMenu>,
      ),
    );
    // A closed popover's or sheet's trigger names the panel it would open; the placeholder has none yet.
    const withoutControls = ({ "aria-controls": _controls, ...attributes }: Record<string, string>) => attributes;
    expect(closedTrigger(<Button {...CLOSED_POPOVER_TRIGGER} />)).toEqual(
      withoutControls(
        closedTrigger(
          <Popover>
            <PopoverTrigger asChild>
              <Button />
            </PopoverTrigger>
          </Popover>,
        ),
      ),
    );
    expect(closedTrigger(<Button {...CLOSED_SHEET_TRIGGER} />)).toEqual(
      withoutControls(
        closedTrigger(
          <Sheet>
            <SheetTrigger asChild>
              <Button />
            </SheetTrigger>
          </Sheet>,
        ),
      ),
    );
  });

  it("keeps the control's own face and name (the theme menu)", () => {
    const placeholder = renderToStaticMarkup(withIntl(<ThemeToggle />));
    const loaded = renderToStaticMarkup(withIntl(<ThemeMenu trigger={<ThemeButton />} {...CLOSED} />));
    expect(triggerAttributes(placeholder)).toEqual(triggerAttributes(loaded));
    expect(placeholder.slice(placeholder.indexOf(">"))).toEqual(loaded.slice(loaded.indexOf(">")));
    expect(triggerAttributes(placeholder)).toMatchObject({ "aria-label": "Toggle theme", "aria-haspopup": "menu", "aria-expanded": "false" });
  });
});
