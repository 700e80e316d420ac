import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import type { Locale } from "@/i18n/locales";

import { ERROR_TABLE, type ErrorExplanation } from "./errors";
import { useErrorWords } from "./use-error-words";

function Explained({ explained }: { explained: ErrorExplanation }) {
  const words = useErrorWords()(explained);
  return (
    <>
      <b>{words.title}</b>
      <i>{words.titleAndExplanation}</i>
      <p>{words.explanationAndAction}</p>
    </>
  );
}

const render = (explained: ErrorExplanation, locale: Locale) => renderToStaticMarkup(withIntl(<Explained explained={explained} />, { locale }));
const part = (html: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(html)?.[1];

describe("useErrorWords", () => {
  it("gives a component the table's words, in English word for word as before", () => {
    const html = render(ERROR_TABLE["131047"], "en");
    expect(part(html, "b")).toBe("24-hour window closed");
    expect(part(html, "i")).toBe("24-hour window closed: More than 24 hours have passed since the customer last wrote, so WhatsApp only allows approved templates.");
    expect(part(html, "p")).toBe(
      "More than 24 hours have passed since the customer last wrote, so WhatsApp only allows approved templates. Send an approved template; free-form replies work again once the customer answers.",
    );
  });

  it("in the reader's language, its sentences joined their way", () => {
    const chinese = render(ERROR_TABLE["131047"], "zh-CN");
    expect(part(chinese, "b")).toBe("24 小时客服窗口已关闭");
    expect(part(chinese, "i")).toMatch(/^24 小时客服窗口已关闭：距客户/);
    expect(part(chinese, "p")).toMatch(/模板。请发送/);
    expect(part(render(ERROR_TABLE["maton:401"], "ar"), "b")).toBe("رُفض مفتاح Maton");
  });
});
