"use client";

import { Loader2Icon, SendIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useState, type FormEvent } from "react";

import type { CountryOption } from "@/components/contacts/import/mapping-step";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, FieldControl, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toast";
import { readActionResult } from "@/lib/action-result";
import { sendTestAction } from "@/lib/actions/campaigns";

import { readTestSendTarget, rememberTestSendTarget } from "./schedule";

const storage = () => (typeof window === "undefined" ? undefined : window.localStorage);

/** "Send a test": the template, filled as for the first recipient, to the person's own number (remembered in this browser). */
export function TestSendDialog({ campaignId, countries, suggestedCountry }: { campaignId: string; countries: CountryOption[]; suggestedCountry: string | null }) {
  const t = useTranslations("campaigns.builder.test");
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState("");
  const [country, setCountry] = useState("");
  const { execute, result, isPending, reset } = useAction(sendTestAction, {
    onSuccess: () => {
      toast.success(t("sent", { phone: phone.trim() }));
      setOpen(false);
    },
  });
  const refused = readActionResult(result);
  const phoneError = refused.ok ? undefined : refused.fieldErrors.phone;
  const countryError = refused.ok ? undefined : refused.fieldErrors.defaultCountry;
  const generalError = !refused.ok && !phoneError && !countryError ? refused.message : undefined;

  const onOpenChange = (next: boolean) => {
    if (next) {
      const remembered = readTestSendTarget(storage());
      setPhone(remembered.phone);
      setCountry(remembered.defaultCountry || suggestedCountry || "");
    }
    reset();
    setOpen(next);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    rememberTestSendTarget(storage(), { phone, defaultCountry: country });
    execute({ campaignId, phone: phone.trim(), ...(country ? { defaultCountry: country } : {}) });
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <SendIcon className="rtl:-scale-x-100" aria-hidden="true" />
          {t("button")}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-md">
        <form noValidate onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>{t("title")}</DialogTitle>
            <DialogDescription>{t("description")}</DialogDescription>
          </DialogHeader>
          <FormError message={generalError} />
          <Field id="campaign-test-phone" label={t("phone")} description={t("phoneHint")} error={phoneError}>
            <FieldControl>
              <Input type="tel" dir="ltr" autoComplete="tel" value={phone} onChange={(event) => setPhone(event.target.value)} required />
            </FieldControl>
          </Field>
          <Field id="campaign-test-country" label={t("country")} description={t("countryHint")} error={countryError}>
            <FieldControl>
              <NativeSelect value={country} onChange={(event) => setCountry(event.target.value)} className="w-full">
                <option value="">{t("noCountry")}</option>
                {countries.map((entry) => (
                  <option key={entry.code} value={entry.code}>
                    {t("countryOption", { name: entry.name, code: entry.callingCode })}
                  </option>
                ))}
              </NativeSelect>
            </FieldControl>
          </Field>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" disabled={isPending || !phone.trim()}>
              {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <SendIcon className="rtl:-scale-x-100" aria-hidden="true" />}
              {isPending ? t("sending") : t("send")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
