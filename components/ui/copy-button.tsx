"use client";

import { CheckIcon, CopyIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState, type ComponentProps } from "react";

import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";

const COPIED_FOR_MS = 2000;

/**
 * Copies `value` to the clipboard and says so for a moment. Where the browser refuses (plain http,
 * a denied permission), it says how to copy by hand and calls `onRefused` (e.g. to select the text).
 * `label` names the button for assistive technology when it shows no words (`iconOnly`) or when
 * "Copy" alone would not say what is copied.
 */
export function CopyButton({
  value,
  label,
  iconOnly = false,
  onRefused,
  ...props
}: { value: string; label?: string; iconOnly?: boolean; onRefused?: () => void } & Omit<ComponentProps<typeof Button>, "onClick" | "children" | "value">) {
  const t = useTranslations("common");
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), COPIED_FOR_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      onRefused?.();
      toast.error(t("copyRefused"));
    }
  };
  const Icon = copied ? CheckIcon : CopyIcon;
  return (
    <Button
      type="button"
      variant="outline"
      size={iconOnly ? "icon" : "sm"}
      aria-label={copied ? t("copied") : label}
      onClick={copy}
      {...props}
    >
      <Icon aria-hidden="true" />
      {iconOnly ? null : copied ? t("copied") : t("copy")}
    </Button>
  );
}
