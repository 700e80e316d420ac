import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { buttonVariants } from "@/components/ui/button";

import { StatusPage } from "./status-page";

describe("StatusPage", () => {
  it("says what happened under one heading, and leads on with a link that looks like the default button", () => {
    const html = renderToStaticMarkup(<StatusPage kind="notFound" title="Page not found" description="The address may be mistyped." action="Go to the inbox" />);
    expect(html).toContain("<h1");
    expect(html).toContain(">Page not found</h1>");
    expect(html).toContain("The address may be mistyped.");
    expect(html).toMatch(/<svg [^>]*aria-hidden="true"/);
    const link = /<a href="\/inbox" data-slot="button" class="([^"]+)">Go to the inbox<\/a>/.exec(html);
    expect(link).not.toBeNull();
    const classes = link![1]!.replaceAll("&amp;", "&").replaceAll("&#x27;", "'").replaceAll("&gt;", ">");
    expect(new Set(classes.split(" "))).toEqual(new Set(buttonVariants().split(" ")));
  });

  it("sends the forbidden to the inbox and the signed-out to sign in", () => {
    expect(renderToStaticMarkup(<StatusPage kind="forbidden" title="t" description="d" action="Go to the inbox" />)).toContain('<a href="/inbox"');
    expect(renderToStaticMarkup(<StatusPage kind="unauthorized" title="t" description="d" action="Sign in" />)).toContain('<a href="/login"');
  });
});
