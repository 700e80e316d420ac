"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { AlertCircleIcon, Loader2Icon, UserPlusIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";

import { FormField } from "@/components/account/form-field";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { readActionResult } from "@/lib/action-result";
import { createUserAction } from "@/lib/actions/users";
import { createUserSchema, type CreateUserInput } from "@/lib/actions/users.schema";
import { ROLES } from "@/lib/auth/permissions";
import { offeredConnections, type AccessConnectionView } from "@/lib/users/views";

import { AdminAccessNote, ConnectionAccessField } from "./connection-access-field";
import { OneTimePassword } from "./one-time-password";
import { PasswordChoice } from "./password-choice";

/**
 * A new user starts with the only linked connection when there is exactly one (the obvious choice),
 * else with none: with several, which business someone works for is the admin's decision, not a default.
 */
function emptyForm(offered: readonly AccessConnectionView[]): CreateUserInput {
  const only = offered.length === 1 ? offered[0] : undefined;
  return {
    name: "",
    email: "",
    role: "agent",
    passwordMode: "generate",
    password: "",
    access: { all: false, connectionIds: only ? [only.id] : [] },
  };
}

export function CreateUserDialog({ connections }: { connections: AccessConnectionView[] }) {
  const t = useTranslations("users");
  const common = useTranslations("common");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const offered = useMemo(() => offeredConnections(connections), [connections]);
  const empty = useMemo(() => emptyForm(offered), [offered]);
  const form = useForm<CreateUserInput>({ resolver: zodResolver(createUserSchema), defaultValues: empty });
  const { execute, result, isPending, reset } = useAction(createUserAction, {
    onSuccess: () => router.refresh(),
    onError: ({ error }) => {
      const refused = readActionResult(error);
      if (refused.ok) return;
      for (const field of ["email", "name", "password", "access"] as const) {
        if (refused.fieldErrors[field]) form.setError(field, { message: refused.fieldErrors[field] });
      }
    },
  });
  const created = result.data;
  const refused = readActionResult(result);
  const { errors } = form.formState;
  const mode = useWatch({ control: form.control, name: "passwordMode" });
  const role = useWatch({ control: form.control, name: "role" });
  // Refusals of a field the form shows are shown at it; the rest above the form.
  const fieldsShown = ["email", "name", "password", ...(role === "admin" ? [] : ["access"])];
  const generalError =
    !refused.ok && !Object.keys(refused.fieldErrors).some((field) => fieldsShown.includes(field)) ? refused.message : undefined;
  const name = useWatch({ control: form.control, name: "name" });
  const accessError = errors.access?.message ?? errors.access?.connectionIds?.message ?? errors.access?.all?.message;

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    // Opened afresh each time, with the connections linked now.
    form.reset(empty);
    if (!next) reset();
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <UserPlusIcon aria-hidden="true" />
          {t("create.button")}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>{t("create.createdTitle", { name: created.user.name })}</DialogTitle>
              <DialogDescription>
                {t.rich("create.createdDescription", { email: created.user.email, bdi: (chunks) => <bdi>{chunks}</bdi> })}
              </DialogDescription>
            </DialogHeader>
            <OneTimePassword password={created.oneTimePassword} />
            <DialogFooter>
              <Button onClick={() => onOpenChange(false)}>{t("create.done")}</Button>
            </DialogFooter>
          </>
        ) : (
          <form
            noValidate
            className="grid gap-4"
            onSubmit={form.handleSubmit((values) =>
              // Admins always have every connection: what the hidden choice held is not sent.
              execute(values.role === "admin" ? { ...values, access: { all: true, connectionIds: [] } } : values),
            )}
          >
            <DialogHeader>
              <DialogTitle>{t("create.title")}</DialogTitle>
              <DialogDescription>{t("create.description")}</DialogDescription>
            </DialogHeader>
            {generalError ? (
              <Alert variant="destructive">
                <AlertCircleIcon aria-hidden="true" />
                <AlertDescription>{generalError}</AlertDescription>
              </Alert>
            ) : null}
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField id="new-user-name" label={t("create.name")} error={errors.name?.message}>
                {(aria) => <Input id="new-user-name" autoComplete="off" {...aria} {...form.register("name")} />}
              </FormField>
              <FormField id="new-user-email" label={t("create.email")} error={errors.email?.message}>
                {(aria) => (
                  <Input id="new-user-email" type="email" dir="ltr" autoComplete="off" {...aria} {...form.register("email")} />
                )}
              </FormField>
            </div>
            <Controller
              control={form.control}
              name="role"
              render={({ field }) => (
                <FormField
                  id="new-user-role"
                  label={t("create.role")}
                  error={errors.role?.message}
                  hint={t(`roleDescriptions.${field.value}`)}
                >
                  {(aria) => (
                    <Select value={field.value} onValueChange={field.onChange}>
                      <SelectTrigger id="new-user-role" className="w-full" {...aria}>
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        {ROLES.map((role) => (
                          <SelectItem key={role} value={role}>
                            {t(`roles.${role}`)}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  )}
                </FormField>
              )}
            />
            {role === "admin" ? (
              <AdminAccessNote />
            ) : (
              <Controller
                control={form.control}
                name="access"
                render={({ field }) => (
                  <ConnectionAccessField
                    idPrefix="new-user"
                    connections={offered}
                    value={field.value ?? { all: false, connectionIds: [] }}
                    onChange={field.onChange}
                    error={accessError}
                    personName={name}
                  />
                )}
              />
            )}
            <PasswordChoice
              idPrefix="new-user"
              mode={mode}
              modeField={form.register("passwordMode")}
              passwordField={form.register("password")}
              passwordError={errors.password?.message}
            />
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                {common("cancel")}
              </Button>
              <Button type="submit" disabled={isPending}>
                {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
                {t("create.submit")}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
