"use client";

import { PlusIcon, XIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { Field, FieldControl } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

import { addChip } from "./settings-rules";

/**
 * A list of words edited as chips: type one and press Enter (or Add); each chip's × removes it.
 * Refuses an empty word, one too long, a duplicate and one too many, at the field.
 */
export function ChipListInput({
  id,
  label,
  description,
  values,
  onChange,
  max,
  maxLength,
  error,
  disabled = false,
}: {
  id: string;
  label: string;
  description?: React.ReactNode;
  values: string[];
  onChange: (values: string[]) => void;
  max: number;
  maxLength: number;
  /** A refusal from the server for this list. */
  error?: string;
  disabled?: boolean;
}) {
  const t = useTranslations("contacts.settings.chips");
  const [draft, setDraft] = useState("");
  const [problem, setProblem] = useState<string | undefined>();

  const add = () => {
    const added = addChip(values, draft, { max, maxLength });
    if (!added.ok) {
      // An empty Enter is nothing to add, not a mistake.
      setProblem(added.problem === "empty" ? undefined : t(`problems.${added.problem}`, { maximum: added.problem === "tooMany" ? max : maxLength }));
      return;
    }
    setProblem(undefined);
    setDraft("");
    onChange(added.values);
  };

  return (
    <Field id={id} label={label} description={description} error={problem ?? error}>
      <div className="space-y-2">
        {values.length > 0 ? (
          <ul aria-label={label} className="flex flex-wrap gap-1.5">
            {values.map((value) => (
              <li key={value} className="inline-flex items-center gap-1 rounded-full border bg-muted/50 py-0.5 ps-2.5 pe-1 text-xs font-medium">
                <span dir="auto">{value}</span>
                <button
                  type="button"
                  disabled={disabled}
                  aria-label={t("remove", { value })}
                  onClick={() => onChange(values.filter((candidate) => candidate !== value))}
                  className="rounded-full p-0.5 opacity-70 outline-none hover:opacity-100 focus-visible:ring-2 focus-visible:ring-ring"
                >
                  <XIcon className="size-3" aria-hidden="true" />
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="flex gap-2">
          <FieldControl>
            <Input
              dir="auto"
              autoComplete="off"
              disabled={disabled}
              value={draft}
              placeholder={t("placeholder")}
              onChange={(event) => {
                setDraft(event.target.value);
                setProblem(undefined);
              }}
              onKeyDown={(event) => {
                if (event.key === "Enter") {
                  // Enter adds the word here; it does not submit the form around it.
                  event.preventDefault();
                  add();
                }
              }}
              className="h-8 text-sm"
            />
          </FieldControl>
          <Button type="button" variant="outline" size="sm" disabled={disabled} onClick={add} aria-label={t("addLabel", { list: label })}>
            <PlusIcon aria-hidden="true" />
            {t("add")}
          </Button>
        </div>
      </div>
    </Field>
  );
}
