import type * as React from "react";

import { cn } from "@/lib/utils";
import { parseWhatsAppText, type FormattedNode } from "@/lib/whatsapp/formatting";

/**
 * WhatsApp's formatting (*bold* _italic_ ~strike~ ```mono``` and links) as React elements: every
 * piece of text stays a text node, so nothing a customer writes can become markup.
 * `links: "text"` shows links without making them clickable (a preview); `"plain"` as the text
 * around them (a one-line summary).
 */
export function renderWhatsAppText(nodes: FormattedNode[], links: "anchor" | "text" | "plain", prefix = ""): React.ReactNode[] {
  return nodes.map((node, index) => {
    const key = `${prefix}${index}`;
    switch (node.kind) {
      case "text":
        return <span key={key}>{node.text}</span>;
      case "link":
        if (links === "plain") return <span key={key}>{node.text}</span>;
        return links === "anchor" ? (
          <a key={key} href={node.href} target="_blank" rel="noopener noreferrer" className="break-all text-info underline underline-offset-2">
            {node.text}
          </a>
        ) : (
          <span key={key} className="text-[#027eb5] underline dark:text-[#53bdeb]">
            {node.text}
          </span>
        );
      case "mono":
        return (
          <code key={key} className="rounded bg-black/5 px-1 font-mono text-[0.88em] dark:bg-white/10">
            {node.text}
          </code>
        );
      case "bold":
        return <strong key={key}>{renderWhatsAppText(node.children, links, `${key}.`)}</strong>;
      case "italic":
        return <em key={key}>{renderWhatsAppText(node.children, links, `${key}.`)}</em>;
      case "strike":
        return <s key={key}>{renderWhatsAppText(node.children, links, `${key}.`)}</s>;
    }
  });
}

/**
 * A paragraph of someone's text (a customer's, an agent's, a template's): it takes the direction of
 * its own words (`dir="auto"`), so an English reply reads left to right in an Arabic dashboard.
 */
export function WhatsAppText({
  value,
  links = "anchor",
  className,
}: {
  value: string;
  links?: "anchor" | "text";
  className?: string;
}) {
  return (
    <p dir="auto" className={cn("break-words whitespace-pre-wrap", className)}>
      {renderWhatsAppText(parseWhatsAppText(value), links)}
    </p>
  );
}
