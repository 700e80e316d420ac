"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Loader2Icon, PlusIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useId, useState, type ReactNode } from "react";
import { Controller, useForm, type UseFormReturn } from "react-hook-form";

import { useReadableMessage } from "@/components/i18n/use-translate";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, FieldControl, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { readActionResult, type ActionResultLike } from "@/lib/action-result";
import { createWebhookEndpointAction, updateWebhookEndpointAction } from "@/lib/actions/outbound-webhooks";
import {
  createEndpointSchema,
  ENDPOINT_DESCRIPTION_MAX,
  OUTBOUND_EVENT_TYPES,
  type EndpointFormValues,
} from "@/lib/actions/outbound-webhooks.schema";
import type { EndpointView } from "@/lib/outbound-webhooks/service";

import { useEventExplanation } from "./event-types";
import { SigningSecret } from "./signing-secret";

const FORM_FIELDS = ["url", "description", "events"] as const;

const EMPTY_FORM: EndpointFormValues = { url: "", description: "", events: [] };

/** The form's values for an endpoint being edited: what it has now. */
const valuesOf = (endpoint: EndpointView): EndpointFormValues => ({
  url: endpoint.url,
  description: endpoint.description,
  events: [...endpoint.events],
});

/**
 * The server's refusal of the form: a field's (the URL the service refused and why, an event) at that
 * field, anything else for the whole form.
 */
function showRefusal(form: UseFormReturn<EndpointFormValues>, answer: ActionResultLike<unknown> | Error): string | undefined {
  const refused = readActionResult(answer);
  if (refused.ok) return undefined;
  let placed = false;
  for (const field of FORM_FIELDS) {
    const text = refused.fieldErrors[field] ?? Object.entries(refused.fieldErrors).find(([path]) => path.startsWith(`${field}.`))?.[1];
    if (text) {
      form.setError(field, { message: text });
      placed = true;
    }
  }
  return placed ? undefined : refused.message;
}

/** URL, description and the events as labelled checkboxes, each with what it means. */
function EndpointFields({ form, idPrefix }: { form: UseFormReturn<EndpointFormValues>; idPrefix: string }) {
  const t = useTranslations("outboundWebhooks.endpoint.form");
  const explain = useEventExplanation();
  const readable = useReadableMessage();
  const { errors } = form.formState;
  const eventsError = errors.events?.message ?? errors.events?.root?.message;
  const eventsErrorId = `${idPrefix}-events-error`;
  return (
    <>
      <Field id={`${idPrefix}-url`} label={t("url")} description={t("urlHint")} error={errors.url?.message}>
        <FieldControl>
          <Input type="url" inputMode="url" dir="ltr" autoComplete="off" spellCheck={false} className="font-mono text-sm" {...form.register("url")} />
        </FieldControl>
      </Field>
      <Field id={`${idPrefix}-description`} label={t("description")} description={t("descriptionHint")} error={errors.description?.message}>
        <FieldControl>
          <Textarea rows={2} dir="auto" maxLength={ENDPOINT_DESCRIPTION_MAX} {...form.register("description")} />
        </FieldControl>
      </Field>
      <Controller
        control={form.control}
        name="events"
        render={({ field }) => {
          const chosen = new Set(field.value ?? []);
          const toggle = (event: string, checked: boolean) =>
            field.onChange(OUTBOUND_EVENT_TYPES.filter((type) => (type === event ? checked : chosen.has(type))));
          return (
            <fieldset
              className="space-y-2"
              aria-describedby={eventsError ? eventsErrorId : `${idPrefix}-events-hint`}
              aria-invalid={eventsError ? true : undefined}
            >
              <legend className="mb-1.5 text-sm font-medium">{t("events")}</legend>
              <ul className="divide-y rounded-lg border">
                {OUTBOUND_EVENT_TYPES.map((event) => {
                  const id = `${idPrefix}-event-${event.replace(/\W/g, "-")}`;
                  return (
                    <li key={event}>
                      <label htmlFor={id} className="flex cursor-pointer items-start gap-2.5 px-3 py-2 text-sm hover:bg-muted/50">
                        <input
                          id={id}
                          type="checkbox"
                          className="mt-1 accent-primary"
                          checked={chosen.has(event)}
                          aria-labelledby={`${id}-name`}
                          aria-describedby={`${id}-explained`}
                          onChange={(change) => toggle(event, change.target.checked)}
                          onBlur={field.onBlur}
                        />
                        <span className="min-w-0 space-y-0.5">
                          <span id={`${id}-name`} className="block font-mono text-[13px]" dir="ltr">
                            {event}
                          </span>
                          <span id={`${id}-explained`} className="block text-xs text-muted-foreground">
                            {explain(event)}
                          </span>
                        </span>
                      </label>
                    </li>
                  );
                })}
              </ul>
              {eventsError ? (
                <p id={eventsErrorId} className="text-sm text-destructive">
                  {readable(eventsError)}
                </p>
              ) : (
                <p id={`${idPrefix}-events-hint`} className="text-xs text-muted-foreground">
                  {t("eventsHint")}
                </p>
              )}
            </fieldset>
          );
        }}
      />
    </>
  );
}

/**
 * "Add endpoint": the form, then the new endpoint's signing secret, shown this once, with Copy and
 * how to verify signatures.
 */
export function AddEndpointDialog() {
  const t = useTranslations("outboundWebhooks.endpoint");
  const common = useTranslations("common");
  const router = useRouter();
  const idPrefix = useId();
  const [open, setOpen] = useState(false);
  const [generalError, setGeneralError] = useState<string>();
  const form = useForm<EndpointFormValues>({ resolver: zodResolver(createEndpointSchema), defaultValues: EMPTY_FORM });
  const { execute, result, isPending, reset } = useAction(createWebhookEndpointAction, {
    onSuccess: () => router.refresh(),
    onError: ({ error }) => setGeneralError(showRefusal(form, error)),
  });
  const created = result.data;

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    form.reset(EMPTY_FORM);
    setGeneralError(undefined);
    // Closing forgets the secret: it is never shown again.
    if (!next) reset();
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden="true" />
          {t("form.createTitle")}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>{t("secret.createdTitle")}</DialogTitle>
              <DialogDescription>
                {t.rich("secret.createdDescription", {
                  url: () => (
                    <bdi dir="ltr" className="font-mono break-all">
                      {created.endpoint.url}
                    </bdi>
                  ),
                })}
              </DialogDescription>
            </DialogHeader>
            <SigningSecret secret={created.secret} />
            <DialogFooter>
              <Button type="button" onClick={() => onOpenChange(false)}>
                {t("secret.done")}
              </Button>
            </DialogFooter>
          </>
        ) : (
          <form
            noValidate
            className="grid gap-4"
            onSubmit={form.handleSubmit((values) => {
              setGeneralError(undefined);
              execute(values);
            })}
          >
            <DialogHeader>
              <DialogTitle>{t("form.createTitle")}</DialogTitle>
              <DialogDescription>{t("form.createDescription")}</DialogDescription>
            </DialogHeader>
            <FormError message={generalError} />
            <EndpointFields form={form} idPrefix={idPrefix} />
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                {common("cancel")}
              </Button>
              <Button type="submit" disabled={isPending}>
                {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
                {t("form.submitCreate")}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

/** Changes an endpoint's URL, description and events (its secret and state have their own actions). */
export function EditEndpointDialog({ endpoint, trigger }: { endpoint: EndpointView; trigger: ReactNode }) {
  const t = useTranslations("outboundWebhooks.endpoint.form");
  const common = useTranslations("common");
  const router = useRouter();
  const idPrefix = useId();
  const [open, setOpen] = useState(false);
  const [generalError, setGeneralError] = useState<string>();
  const form = useForm<EndpointFormValues>({ resolver: zodResolver(createEndpointSchema), defaultValues: valuesOf(endpoint) });
  const { execute, isPending, reset } = useAction(updateWebhookEndpointAction, {
    onSuccess: () => {
      setOpen(false);
      toast.success(t("saved"));
      router.refresh();
    },
    onError: ({ error }) => setGeneralError(showRefusal(form, error)),
  });

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    // Opened afresh each time, with what the endpoint has now.
    form.reset(valuesOf(endpoint));
    setGeneralError(undefined);
    if (!next) reset();
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        <form
          noValidate
          className="grid gap-4"
          onSubmit={form.handleSubmit((values) => {
            setGeneralError(undefined);
            execute({ id: endpoint.id, url: values.url, description: values.description, events: values.events });
          })}
        >
          <DialogHeader>
            <DialogTitle>{t("editTitle")}</DialogTitle>
            <DialogDescription>{t("editDescription")}</DialogDescription>
          </DialogHeader>
          <FormError message={generalError} />
          <EndpointFields form={form} idPrefix={idPrefix} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              {common("cancel")}
            </Button>
            <Button type="submit" disabled={isPending}>
              {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
              {t("submitEdit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
