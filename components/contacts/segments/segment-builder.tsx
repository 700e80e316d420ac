"use client";

import { useQueryClient } from "@tanstack/react-query";
import { ArrowRightIcon, Loader2Icon, PlusIcon, Trash2Icon, UsersRoundIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import * as React from "react";

import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, FieldControl, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { toast } from "@/components/ui/toast";
import { readActionResult } from "@/lib/action-result";
import { createSegmentAction, updateSegmentAction } from "@/lib/actions/segments";
import { SEGMENT_NAME_MAX } from "@/lib/contacts/segment-rules";
import { ATTRIBUTE_OPERATORS, CONSENT_STATES, FILTER_LIMITS, VALUELESS_OPERATORS, type AttributeOperator, type ContactFilter } from "@/lib/contacts/filter";
import type { AttributeDefinitionView, SegmentView, TagView } from "@/lib/contacts/views";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";

import { useAttributeDefinitions, useBusinessNumbers, useContactCount, useContactsErrorText, useTags } from "../api";
import { CheckboxPopover } from "../list/checkbox-popover";
import { contactListHref } from "../list/url";
import { TagChip } from "../tags/tag-chip";
import { draftFromFilter, EMPTY_CONDITION, filterFromDraft, listViewOfFilter, type ConditionDraft, type DraftProblem, type SegmentDraft, type WindowChoice } from "./draft";
import { BusinessNumberLabel } from "@/components/phone-numbers/number-label";

/** How long the live count waits for a pause in the building. */
const COUNT_DEBOUNCE_MS = 300;
const ANY = "any";

type BuilderTranslator = ReturnType<typeof useTranslations<"contacts.segments.builder">>;

/** The filter as it stood a moment ago: the count asks once the person pauses. */
function useSettledFilter(filter: ContactFilter): ContactFilter {
  const json = JSON.stringify(filter);
  const [settled, setSettled] = React.useState(json);
  React.useEffect(() => {
    const timer = setTimeout(() => setSettled(json), COUNT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [json]);
  return React.useMemo(() => JSON.parse(settled) as ContactFilter, [settled]);
}

function Section({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  const id = React.useId();
  return (
    <section aria-labelledby={id} className="grid gap-3 border-t pt-5 first:border-t-0 first:pt-0">
      <div className="space-y-0.5">
        <h3 id={id} className="text-sm font-semibold">
          {title}
        </h3>
        {description ? <p className="text-xs text-muted-foreground">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}

/** A tag picker with the chosen tags shown under it. */
function TagsPicker({ label, tags, selected, onChange, disabled }: { label: string; tags: readonly TagView[]; selected: string[]; onChange: (ids: string[]) => void; disabled: boolean }) {
  const t = useTranslations("contacts.segments.builder");
  const chosen = selected.map((id) => tags.find((tag) => tag.id === id)).filter((tag): tag is TagView => tag !== undefined);
  return (
    <div className="grid content-start gap-1.5">
      <CheckboxPopover
        label={label}
        options={tags.map((tag) => ({ value: tag.id, text: tag.name, label: <TagChip tag={tag} /> }))}
        selected={selected}
        onChange={onChange}
        emptyText={t("noTags")}
        disabled={disabled}
        className="justify-between"
      />
      {chosen.length > 0 ? (
        <ul aria-label={label} className="flex flex-wrap gap-1">
          {chosen.map((tag) => (
            <li key={tag.id}>
              <TagChip tag={tag} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** One attribute condition: attribute → operator for its type → a value input of its type. */
function ConditionRow({
  index,
  condition,
  definitions,
  problems,
  onChange,
  onRemove,
  disabled,
  t,
}: {
  index: number;
  condition: ConditionDraft;
  definitions: readonly AttributeDefinitionView[];
  problems: Partial<Record<"key" | "op" | "value", string>>;
  onChange: (condition: ConditionDraft) => void;
  onRemove: () => void;
  disabled: boolean;
  t: BuilderTranslator;
}) {
  const tOps = useTranslations("contacts.segments.operators");
  const id = React.useId();
  const definition = definitions.find((candidate) => candidate.key === condition.key);
  const operators: readonly AttributeOperator[] = definition ? ATTRIBUTE_OPERATORS[definition.type] : [];
  const needsValue = condition.op !== "" && !VALUELESS_OPERATORS.includes(condition.op);
  const errors = (["key", "op", "value"] as const).map((field) => problems[field]).filter(Boolean);
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  const n = index + 1;

  let valueInput: React.ReactNode = null;
  if (definition && needsValue) {
    const invalid = problems.value ? true : undefined;
    if (definition.type === "choice" && condition.op === "in") {
      valueInput = (
        <CheckboxPopover
          label={t("conditionValue", { n })}
          buttonText={t("chooseOptions")}
          options={definition.options.map((option) => ({ value: option, text: option, label: <span dir="auto">{option}</span> }))}
          selected={condition.values}
          onChange={(values) => onChange({ ...condition, values })}
          emptyText={t("noOptions")}
          disabled={disabled}
        />
      );
    } else if (definition.type === "choice") {
      valueInput = (
        <Select value={condition.value} onValueChange={(value) => onChange({ ...condition, value })} disabled={disabled}>
          <SelectTrigger size="sm" aria-label={t("conditionValue", { n })} aria-invalid={invalid} aria-describedby={errorId} className="h-8 w-44">
            <SelectValue placeholder={t("chooseOption")} />
          </SelectTrigger>
          <SelectContent>
            {definition.options.map((option) => (
              <SelectItem key={option} value={option}>
                <span dir="auto">{option}</span>
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      );
    } else {
      valueInput = (
        <Input
          type={definition.type === "date" ? "date" : "text"}
          inputMode={definition.type === "number" ? "decimal" : undefined}
          dir={definition.type === "text" ? "auto" : undefined}
          value={condition.value}
          maxLength={FILTER_LIMITS.value}
          onChange={(event) => onChange({ ...condition, value: event.target.value })}
          aria-label={t("conditionValue", { n })}
          aria-invalid={invalid}
          aria-describedby={errorId}
          className="h-8 w-44 text-sm"
        />
      );
    }
  }

  return (
    <li className="grid gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <Select
          value={condition.key}
          onValueChange={(key) => {
            const type = definitions.find((candidate) => candidate.key === key)?.type;
            onChange({ key, op: type ? ATTRIBUTE_OPERATORS[type][0] : "", value: "", values: [] });
          }}
          disabled={disabled}
        >
          <SelectTrigger size="sm" aria-label={t("conditionAttribute", { n })} aria-invalid={problems.key ? true : undefined} aria-describedby={errorId} className="h-8 w-48">
            <SelectValue placeholder={t("chooseAttribute")} />
          </SelectTrigger>
          <SelectContent>
            {condition.key && !definition ? <SelectItem value={condition.key}>{condition.key}</SelectItem> : null}
            {definitions.map((candidate) => (
              <SelectItem key={candidate.key} value={candidate.key}>
                <span dir="auto">{candidate.name}</span>
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        {definition ? (
          <Select value={condition.op} onValueChange={(op) => onChange({ ...condition, op: op as AttributeOperator })} disabled={disabled}>
            <SelectTrigger size="sm" aria-label={t("conditionOperator", { n })} aria-invalid={problems.op ? true : undefined} aria-describedby={errorId} className="h-8 w-40">
              <SelectValue placeholder={t("chooseOperator")} />
            </SelectTrigger>
            <SelectContent>
              {operators.map((op) => (
                <SelectItem key={op} value={op}>
                  {tOps(op)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        ) : null}
        {valueInput}
        {disabled ? null : (
          <Button type="button" variant="ghost" size="icon-sm" aria-label={t("removeCondition", { n })} onClick={onRemove}>
            <Trash2Icon aria-hidden="true" />
          </Button>
        )}
      </div>
      {errorId ? (
        <p id={errorId} className="text-sm text-destructive">
          {errors.join(" ")}
        </p>
      ) : null}
    </li>
  );
}

/** The live count of the filter being built, and a way to see those contacts in the list. */
function LiveCount({ filter, seeHref }: { filter: ContactFilter; seeHref: string | null }) {
  const t = useTranslations("contacts.segments.builder");
  const errorText = useContactsErrorText();
  const settled = useSettledFilter(filter);
  const count = useContactCount(settled);
  const updating = count.isFetching || JSON.stringify(settled) !== JSON.stringify(filter);
  return (
    <div className="grid gap-3 rounded-lg border bg-card p-4 shadow-xs">
      <div className="flex items-center gap-2 text-sm text-muted-foreground">
        <UsersRoundIcon className="size-4" aria-hidden="true" />
        {t("countTitle")}
        {updating ? <Loader2Icon className="size-3.5 animate-spin" aria-hidden="true" /> : null}
      </div>
      <p aria-live="polite" aria-atomic="true" data-testid="segment-count" className={cn("text-2xl font-semibold tabular-nums", updating && "opacity-60")}>
        {count.isError
          ? null
          : count.data === undefined
            ? t("counting")
            : t("count", { count: count.data })}
      </p>
      {count.isError ? <p className="text-sm text-destructive">{t("countFailed", { error: errorText(count.error) })}</p> : null}
      {seeHref ? (
        <Button asChild variant="outline" size="sm" className="w-fit">
          <Link href={seeHref}>
            {t("seeThem")}
            <ArrowRightIcon aria-hidden="true" className="rtl:-scale-x-100" />
          </Link>
        </Button>
      ) : (
        <p className="text-xs text-muted-foreground">{t("seeAfterSaving")}</p>
      )}
    </div>
  );
}

/**
 * Builds a segment: a name and the conditions its contacts meet (tags, attributes, consent, recent
 * activity, window, business number), with a live count as it is built. Managers save it; others read it.
 */
export function SegmentBuilder({ segment, canManage }: { segment?: SegmentView; canManage: boolean }) {
  const t = useTranslations("contacts.segments.builder");
  const tProblems = useTranslations("contacts.segments.problems");
  const tConsent = useTranslations("contacts.table.consent.states");
  const router = useRouter();
  const queryClient = useQueryClient();
  const tags = useTags();
  const attributes = useAttributeDefinitions();
  const numbers = useBusinessNumbers();
  const id = React.useId();
  const [draft, setDraft] = React.useState<SegmentDraft>(() => draftFromFilter(segment?.name ?? "", segment?.filter ?? {}));
  const [saved, setSaved] = React.useState<string>(() => JSON.stringify(segment ? draftFromFilter(segment.name, segment.filter) : null));
  const [submitted, setSubmitted] = React.useState(false);
  const [serverErrors, setServerErrors] = React.useState<Record<string, string>>({});
  const [formError, setFormError] = React.useState<string | undefined>();
  const definitions = attributes.data ?? [];
  const { filter, problems } = filterFromDraft(draft, definitions);

  const change = (changes: Partial<SegmentDraft>) => {
    setDraft((current) => ({ ...current, ...changes }));
    setServerErrors({});
    setFormError(undefined);
  };
  const problemText = (problem: DraftProblem) => tProblems(problem, { maximum: FILTER_LIMITS.days });
  /** What to say at a field: the server's refusal, else (once saving was tried) the draft's own problem. */
  const errorAt = (field: string): string | undefined => serverErrors[field] ?? (submitted && problems[field] ? problemText(problems[field]) : undefined);

  const onRefused = (error: Parameters<typeof readActionResult>[0]) => {
    const refused = readActionResult(error);
    if (refused.ok) return;
    setServerErrors(refused.fieldErrors);
    const shownAtField = Object.keys(refused.fieldErrors).some((field) => field === "name" || field.startsWith("filter.attributes.") || field === "filter.lastInboundWithinDays");
    if (!shownAtField) setFormError(refused.message);
  };
  const afterSave = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.segments() });
    void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.lists() });
  };
  const create = useAction(createSegmentAction, {
    onSuccess: ({ data }) => {
      toast.success(t("created", { name: data?.name ?? draft.name.trim() }));
      afterSave();
      router.push("/contacts/segments");
    },
    onError: ({ error }) => onRefused(error),
  });
  const update = useAction(updateSegmentAction, {
    onSuccess: ({ data }) => {
      toast.success(t("updated", { name: data?.name ?? draft.name.trim() }));
      setSaved(JSON.stringify(draft));
      afterSave();
      router.refresh();
    },
    onError: ({ error }) => onRefused(error),
  });
  const pending = create.isPending || update.isPending;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!canManage || Object.keys(problems).length > 0) return;
    const name = draft.name.trim();
    if (segment) update.execute({ segmentId: segment.id, name, filter });
    else create.execute({ name, filter });
  };

  const unchanged = segment !== undefined && saved === JSON.stringify(draft);
  const listView = listViewOfFilter(filter);
  const seeHref = unchanged && segment ? contactListHref({ filter: {}, segmentId: segment.id, sort: "last_message" }) : listView ? contactListHref(listView) : null;
  const tagList = tags.data ?? [];
  const disabled = !canManage;
  const conditionProblems = (index: number) =>
    Object.fromEntries((["key", "op", "value"] as const).map((field) => [field, errorAt(`filter.attributes.${index}.${field}`)]).filter(([, text]) => text));

  return (
    <form noValidate onSubmit={submit} className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="grid content-start gap-5">
        <FormError message={formError} />
        {!canManage ? <p className="text-sm text-muted-foreground">{t("readOnly")}</p> : null}
        <Field id={`${id}-name`} label={t("name")} error={errorAt("name")}>
          <FieldControl>
            <Input dir="auto" autoComplete="off" maxLength={SEGMENT_NAME_MAX} value={draft.name} onChange={(event) => change({ name: event.target.value })} readOnly={disabled} className="max-w-md" />
          </FieldControl>
        </Field>
        <fieldset disabled={disabled} className="grid gap-5">
          <Section title={t("sections.search")} description={t("sections.searchHint")}>
            <Input
              dir="auto"
              value={draft.search}
              maxLength={FILTER_LIMITS.search}
              onChange={(event) => change({ search: event.target.value })}
              aria-label={t("search")}
              placeholder={t("searchPlaceholder")}
              className="max-w-md"
            />
          </Section>
          <Section title={t("sections.tags")}>
            <div className="grid gap-3 sm:grid-cols-3">
              <TagsPicker label={t("tagsAll")} tags={tagList} selected={draft.tagsAll} onChange={(tagsAll) => change({ tagsAll })} disabled={disabled} />
              <TagsPicker label={t("tagsAny")} tags={tagList} selected={draft.tagsAny} onChange={(tagsAny) => change({ tagsAny })} disabled={disabled} />
              <TagsPicker label={t("tagsNone")} tags={tagList} selected={draft.tagsNone} onChange={(tagsNone) => change({ tagsNone })} disabled={disabled} />
            </div>
          </Section>
          <Section title={t("sections.attributes")} description={definitions.length === 0 ? t("noAttributes") : undefined}>
            {draft.conditions.length > 0 ? (
              <ol className="grid gap-2" aria-label={t("sections.attributes")}>
                {draft.conditions.map((condition, index) => (
                  <ConditionRow
                    key={index}
                    index={index}
                    condition={condition}
                    definitions={definitions}
                    problems={conditionProblems(index)}
                    onChange={(next) => change({ conditions: draft.conditions.map((current, at) => (at === index ? next : current)) })}
                    onRemove={() => change({ conditions: draft.conditions.filter((_, at) => at !== index) })}
                    disabled={disabled}
                    t={t}
                  />
                ))}
              </ol>
            ) : null}
            {canManage && definitions.length > 0 && draft.conditions.length < FILTER_LIMITS.attributes ? (
              <Button type="button" variant="outline" size="sm" className="w-fit" onClick={() => change({ conditions: [...draft.conditions, EMPTY_CONDITION] })}>
                <PlusIcon aria-hidden="true" />
                {t("addCondition")}
              </Button>
            ) : null}
          </Section>
          <Section title={t("sections.consent")} description={t("sections.consentHint")}>
            <div role="group" aria-label={t("sections.consent")} className="flex flex-wrap gap-4">
              {CONSENT_STATES.map((state) => (
                <div key={state} className="flex items-center gap-2">
                  <Checkbox
                    id={`${id}-consent-${state}`}
                    checked={draft.consent.includes(state)}
                    onCheckedChange={(checked) => change({ consent: checked === true ? [...draft.consent, state] : draft.consent.filter((current) => current !== state) })}
                  />
                  <Label htmlFor={`${id}-consent-${state}`} className="font-normal">
                    {tConsent(state)}
                  </Label>
                </div>
              ))}
            </div>
          </Section>
          <Section title={t("sections.activity")}>
            <div className="flex flex-wrap items-start gap-6">
              <Field id={`${id}-days`} label={t("lastInboundWithinDays")} description={t("lastInboundHint")} error={errorAt("filter.lastInboundWithinDays")}>
                <FieldControl>
                  <Input
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={FILTER_LIMITS.days}
                    value={draft.lastInboundWithinDays}
                    onChange={(event) => change({ lastInboundWithinDays: event.target.value })}
                    className="w-28"
                  />
                </FieldControl>
              </Field>
              <Field id={`${id}-window`} label={t("window")}>
                <Select value={draft.window} onValueChange={(value) => change({ window: value as WindowChoice })} disabled={disabled}>
                  <FieldControl>
                    <SelectTrigger className="w-44">
                      <SelectValue />
                    </SelectTrigger>
                  </FieldControl>
                  <SelectContent>
                    <SelectItem value="any">{t("windowAny")}</SelectItem>
                    <SelectItem value="open">{t("windowOpen")}</SelectItem>
                    <SelectItem value="closed">{t("windowClosed")}</SelectItem>
                  </SelectContent>
                </Select>
              </Field>
              <Field id={`${id}-number`} label={t("number")} description={t("numberHint")}>
                <Select value={draft.phoneNumberId || ANY} onValueChange={(value) => change({ phoneNumberId: value === ANY ? "" : value })} disabled={disabled}>
                  <FieldControl>
                    <SelectTrigger className="w-56">
                      <SelectValue />
                    </SelectTrigger>
                  </FieldControl>
                  <SelectContent>
                    <SelectItem value={ANY}>{t("anyNumber")}</SelectItem>
                    {draft.phoneNumberId && !numbers.data?.some((number) => number.id === draft.phoneNumberId) ? (
                      <SelectItem value={draft.phoneNumberId}>
                        <bdi dir="ltr">{draft.phoneNumberId}</bdi>
                      </SelectItem>
                    ) : null}
                    {(numbers.data ?? []).map((number) => (
                      <SelectItem key={number.id} value={number.id}>
                        <BusinessNumberLabel number={number} />
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              </Field>
            </div>
          </Section>
        </fieldset>
        {canManage ? (
          <div className="flex items-center gap-2 border-t pt-5">
            <Button type="submit" disabled={pending}>
              {pending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
              {segment ? t("saveChanges") : t("save")}
            </Button>
            <Button asChild variant="ghost">
              <Link href="/contacts/segments">{t("cancel")}</Link>
            </Button>
          </div>
        ) : null}
      </div>
      <aside aria-label={t("countTitle")} className="lg:sticky lg:top-4 lg:self-start">
        <LiveCount filter={filter} seeHref={seeHref} />
      </aside>
    </form>
  );
}
