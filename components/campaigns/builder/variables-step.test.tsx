import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import type { CampaignMapping } from "@/lib/campaigns/types";
import type { InboxMedia } from "@/lib/inbox/views";
import { queryKeys } from "@/lib/query-keys";
import type { TemplateDefinition } from "@/lib/whatsapp/template-fill";

import { draftProblems, type BuilderDraft } from "./draft";
import { VariablesStep } from "./variables-step";

/** An image header, a body variable, an offer code and a link ending per recipient (as the simulator's seeds). */
const TEMPLATE: TemplateDefinition = {
  name: "spring_offer",
  language: "en_US",
  category: "MARKETING",
  components: [
    { type: "HEADER", format: "IMAGE" },
    { type: "BODY", text: "Good news, {{1}}!" },
    {
      type: "BUTTONS",
      buttons: [
        { type: "COPY_CODE", example: "SPRING25" },
        { type: "URL", text: "Order now", url: "https://shop.example.com/offer/{{1}}" },
      ],
    },
  ],
};

const LIBRARY = [
  { id: "media-photo", kind: "image", fileName: "spring.jpg" },
  { id: "media-clip", kind: "video", fileName: "clip.mp4" },
] as unknown as InboxMedia[];

const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

function render(mapping: CampaignMapping, showProblems = false) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  queryClient.setQueryData(queryKeys.contacts.attributes(), []);
  queryClient.setQueryData(queryKeys.inbox.media("pn-1"), LIBRARY);
  const draft: BuilderDraft = { name: "Spring", phoneNumberId: "pn-1", templateId: "t-1", audience: { kind: "segment", segmentId: "s-1" }, mapping };
  return renderToStaticMarkup(
    withIntl(
      <QueryClientProvider client={queryClient}>
        <VariablesStep
          template={TEMPLATE}
          phoneNumberId="pn-1"
          businessName="Lumen Coffee"
          mapping={mapping}
          problems={draftProblems(draft, TEMPLATE)}
          showProblems={showProblems}
          onMapping={() => undefined}
        />
      </QueryClientProvider>,
    ),
  );
}

describe("the variables step", () => {
  it("asks for the body variable, the offer code and the link's end, each in its own labelled group", () => {
    const html = render({ variables: {} }, true);
    const legends = [...html.matchAll(/<legend[^>]*>(.*?)<\/legend>/g)].map((match) => textOf(match[1]!));
    expect(legends).toEqual(["Body {{1}}", "Offer code (at most 15 characters)", "“Order now” link: the end of https://shop.example.com/offer/…", "Header image"]);
    // Each unmapped value says so once the person tried to go on.
    expect(textOf(html).match(/Choose where this variable's value comes from\./g)).toHaveLength(3);
  });

  it("picks the header image from the number's library (images only) or takes a link", () => {
    const fromLibrary = render({ variables: {}, headerMediaId: "media-photo" });
    expect(fromLibrary).toContain(`checked="" value="library"`);
    expect(fromLibrary).toContain('<option value="media-photo" selected="">spring.jpg</option>');
    expect(fromLibrary).not.toContain("clip.mp4");

    const fromLink = render({ variables: {}, headerMediaId: "http://cdn.example.com/spring.jpg" }, true);
    expect(fromLink).toContain(`checked="" value="link"`);
    expect(fromLink).toContain('value="http://cdn.example.com/spring.jpg"');
    expect(textOf(fromLink)).toContain("The link must start with https://.");
  });
});
