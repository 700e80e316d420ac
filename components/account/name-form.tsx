"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Loader2Icon } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { actionMessage } from "@/lib/action-result";
import { updateOwnNameAction } from "@/lib/actions/account";
import { updateOwnNameSchema, type UpdateOwnNameInput } from "@/lib/actions/account.schema";

import { FormField } from "./form-field";

export function NameForm({ name }: { name: string }) {
  const t = useTranslations("account.name");
  const router = useRouter();
  const form = useForm<UpdateOwnNameInput>({ resolver: zodResolver(updateOwnNameSchema), defaultValues: { name } });
  const { execute, isPending } = useAction(updateOwnNameAction, {
    onSuccess: ({ data }) => {
      if (data) form.reset({ name: data.name });
      toast.success(t("saved"));
      router.refresh();
    },
    onError: ({ error }) => form.setError("name", { message: actionMessage(error) }),
  });
  return (
    <form noValidate className="flex flex-col gap-3 sm:flex-row sm:items-start" onSubmit={form.handleSubmit((values) => execute(values))}>
      <div className="flex-1">
        <FormField id="account-name" label={t("label")} error={form.formState.errors.name?.message}>
          {(aria) => <Input id="account-name" dir="auto" autoComplete="name" {...aria} {...form.register("name")} />}
        </FormField>
      </div>
      <Button type="submit" className="sm:mt-[1.375rem]" disabled={isPending || !form.formState.isDirty}>
        {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
        {t("save")}
      </Button>
    </form>
  );
}
