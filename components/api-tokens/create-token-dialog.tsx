"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { KeyRoundIcon, Loader2Icon, TriangleAlertIcon } from "lucide-react";
import { useFormatter, useNow, useTimeZone, useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, FieldControl, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { toast } from "@/components/ui/toast";
import { readActionResult } from "@/lib/action-result";
import { createApiTokenAction } from "@/lib/actions/api-tokens";
import { createApiTokenSchema, type CreateApiTokenInput } from "@/lib/actions/api-tokens.schema";
import { daysAfter, EXPIRY_CHOICES, isoDayIn, type ExpiryChoice } from "@/lib/api-tokens/rules";

import { NewTokenField } from "./new-token-field";

const EMPTY_FORM: CreateApiTokenInput = { name: "", expiry: "90", expiresOn: "" };
const FORM_FIELDS = ["name", "expiry", "expiresOn"] as const;
/** The latest date the custom picker offers: a year from today (the server allows a day more). */
const CUSTOM_MAX_DAYS = 365;

const code = (chunks: ReactNode) => <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs">{chunks}</code>;

/** "Create token": a name and an expiry, then the token itself, shown this once with a copy button. */
export function CreateTokenDialog() {
  const t = useTranslations("apiTokens.create");
  const tToasts = useTranslations("apiTokens.toasts");
  const common = useTranslations("common");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const timeZone = useTimeZone() ?? "UTC";
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<CreateApiTokenInput>({ resolver: zodResolver(createApiTokenSchema), defaultValues: EMPTY_FORM });
  const { execute, result, isPending, reset } = useAction(createApiTokenAction, {
    onSuccess: ({ data }) => {
      if (data) toast.success(tToasts("created", { name: data.record.name }));
      router.refresh();
    },
    onError: ({ error }) => {
      const refused = readActionResult(error);
      if (refused.ok) return;
      for (const field of FORM_FIELDS) {
        if (refused.fieldErrors[field]) form.setError(field, { message: refused.fieldErrors[field] });
      }
    },
  });
  const created = result.data;
  const refused = readActionResult(result);
  // Refusals of a field the form shows are shown at it; the rest above the form.
  const generalError = !refused.ok && !FORM_FIELDS.some((field) => refused.fieldErrors[field]) ? refused.message : undefined;
  const { errors } = form.formState;
  const expiry = useWatch({ control: form.control, name: "expiry" });

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    form.reset(EMPTY_FORM);
    if (!next) reset();
  };

  const today = isoDayIn(now, timeZone);
  const lastDay = isoDayIn(daysAfter(now, CUSTOM_MAX_DAYS), timeZone);
  const expiryHint = (choice: ExpiryChoice) => {
    if (choice === "never") return t("neverHint");
    if (choice === "custom") return undefined;
    return t("expiresHint", { date: format.dateTime(daysAfter(now, Number(choice)), { dateStyle: "long" }) });
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <KeyRoundIcon aria-hidden="true" />
          {t("button")}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle dir="auto">{t("createdTitle", { name: created.record.name })}</DialogTitle>
              <DialogDescription>{t.rich("createdDescription", { code })}</DialogDescription>
            </DialogHeader>
            <Alert variant="warning">
              <TriangleAlertIcon aria-hidden="true" />
              <AlertTitle>{t("warningTitle")}</AlertTitle>
              <AlertDescription>{t("warning")}</AlertDescription>
            </Alert>
            <NewTokenField token={created.token} />
            <DialogFooter>
              <Button onClick={() => onOpenChange(false)}>{t("done")}</Button>
            </DialogFooter>
          </>
        ) : (
          <form noValidate className="grid gap-4" onSubmit={form.handleSubmit((values) => execute(values))}>
            <DialogHeader>
              <DialogTitle>{t("title")}</DialogTitle>
              <DialogDescription>{t("description")}</DialogDescription>
            </DialogHeader>
            <FormError message={generalError} />
            <Field id="api-token-name" label={t("name")} description={t("nameHint")} error={errors.name?.message}>
              <FieldControl>
                <Input autoComplete="off" dir="auto" {...form.register("name")} />
              </FieldControl>
            </Field>
            <Controller
              control={form.control}
              name="expiry"
              render={({ field }) => (
                <Field id="api-token-expiry" label={t("expiry")} description={expiryHint(field.value)} error={errors.expiry?.message}>
                  <Select
                    value={field.value}
                    onValueChange={(value) => {
                      field.onChange(value);
                      form.clearErrors(["expiry", "expiresOn"]);
                    }}
                  >
                    <FieldControl>
                      <SelectTrigger className="w-full">
                        <SelectValue />
                      </SelectTrigger>
                    </FieldControl>
                    <SelectContent>
                      {EXPIRY_CHOICES.map((choice) => (
                        <SelectItem key={choice} value={choice}>
                          {t(`expiryChoices.${choice}`)}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                </Field>
              )}
            />
            {expiry === "custom" ? (
              <Field id="api-token-expires-on" label={t("expiresOn")} description={t("expiresOnHint")} error={errors.expiresOn?.message}>
                <FieldControl>
                  <Input type="date" min={today} max={lastDay} className="w-fit" {...form.register("expiresOn")} />
                </FieldControl>
              </Field>
            ) : null}
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                {common("cancel")}
              </Button>
              <Button type="submit" disabled={isPending}>
                {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
                {t("submit")}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
