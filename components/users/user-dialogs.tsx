"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Loader2Icon, ShieldAlertIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useForm, useWatch } from "react-hook-form";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, FieldControl, FormError } from "@/components/ui/field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { toast } from "@/components/ui/toast";
import { actionMessage } from "@/lib/action-result";
import { changeUserRoleAction, resetUserPasswordAction, setUserAccessAction, setUserDisabledAction } from "@/lib/actions/users";
import { resetUserPasswordSchema, type ResetUserPasswordInput } from "@/lib/actions/users.schema";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { offeredConnections, type AccessConnectionView, type AccessView, type ManagedUser } from "@/lib/users/views";

import { AdminAccessNote, ConnectionAccessField, type AccessValue } from "./connection-access-field";
import { OneTimePassword } from "./one-time-password";
import { PasswordChoice } from "./password-choice";

/** Keeps an email in its left-to-right order inside a sentence of a right-to-left language. */
const bdi = (chunks: ReactNode) => <bdi>{chunks}</bdi>;

interface DialogProps {
  user: ManagedUser;
  isSelf: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function ChangeRoleDialog({ user, isSelf, open, onOpenChange }: DialogProps) {
  const t = useTranslations("users");
  const common = useTranslations("common");
  const router = useRouter();
  const [role, setRole] = useState<Role>(user.role);
  const { execute, result, isPending, reset } = useAction(changeUserRoleAction, {
    onSuccess: ({ data }) => {
      if (data?.changed) toast.success(t("toasts.roleChanged", { name: user.name, role: data.user.role }));
      onOpenChange(false);
      router.refresh();
    },
  });
  const close = (next: boolean) => {
    onOpenChange(next);
    if (!next) {
      setRole(user.role);
      reset();
    }
  };
  const error = actionMessage(result);
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent className="sm:max-w-md">
        <form
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            execute({ userId: user.id, role });
          }}
        >
          <DialogHeader>
            <DialogTitle>{t("changeRole.title")}</DialogTitle>
            <DialogDescription>
              {isSelf ? t("changeRole.descriptionSelf") : t.rich("changeRole.description", { name: user.name, email: user.email, bdi })}
            </DialogDescription>
          </DialogHeader>
          <Field id="change-role" label={t("changeRole.field")} error={error} description={t(`roleDescriptions.${role}`)}>
            <Select value={role} onValueChange={(value) => setRole(value as Role)}>
              <FieldControl>
                <SelectTrigger className="w-full">
                  <SelectValue />
                </SelectTrigger>
              </FieldControl>
              <SelectContent>
                {ROLES.map((option) => (
                  <SelectItem key={option} value={option}>
                    {t(`roles.${option}`)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </Field>
          {role === "admin" && user.role !== "admin" ? (
            <Alert variant="warning">
              <ShieldAlertIcon aria-hidden="true" />
              <AlertTitle>{t("changeRole.adminWarningTitle")}</AlertTitle>
              <AlertDescription>{t("changeRole.adminWarning")}</AlertDescription>
            </Alert>
          ) : null}
          {user.role === "admin" && role !== "admin" ? (
            <p className="text-xs text-muted-foreground">{t("changeRole.keepsAccess", { self: isSelf ? "yes" : "no" })}</p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => close(false)}>
              {common("cancel")}
            </Button>
            <Button type="submit" disabled={isPending || role === user.role}>
              {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
              {role === "admin" && user.role !== "admin" ? t("changeRole.makeAdmin") : t("changeRole.submit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function DisableUserDialog({ user, isSelf, open, onOpenChange }: DialogProps) {
  const t = useTranslations("users");
  const router = useRouter();
  const { execute, result, isPending, reset } = useAction(setUserDisabledAction, {
    onSuccess: () => {
      toast.success(t("toasts.disabled", { name: user.name }));
      onOpenChange(false);
      router.refresh();
    },
  });
  const close = (next: boolean) => {
    onOpenChange(next);
    if (!next) reset();
  };
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={close}
      title={isSelf ? t("disable.titleSelf") : t("disable.title", { name: user.name })}
      description={isSelf ? t("disable.descriptionSelf") : t.rich("disable.description", { email: user.email, bdi })}
      confirmLabel={t("disable.confirm")}
      destructive
      pending={isPending}
      error={actionMessage(result)}
      onConfirm={() => execute({ userId: user.id, disabled: true })}
    />
  );
}

export function ResetPasswordDialog({ user, open, onOpenChange }: DialogProps) {
  const t = useTranslations("users");
  const common = useTranslations("common");
  const router = useRouter();
  const empty: ResetUserPasswordInput = { userId: user.id, passwordMode: "generate", password: "" };
  const form = useForm<ResetUserPasswordInput>({ resolver: zodResolver(resetUserPasswordSchema), defaultValues: empty });
  const { execute, result, isPending, reset } = useAction(resetUserPasswordAction, { onSuccess: () => router.refresh() });
  const close = (next: boolean) => {
    onOpenChange(next);
    if (!next) {
      form.reset(empty);
      reset();
    }
  };
  const mode = useWatch({ control: form.control, name: "passwordMode" });
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent className="sm:max-w-lg">
        {result.data ? (
          <>
            <DialogHeader>
              <DialogTitle>{t("resetPassword.doneTitle")}</DialogTitle>
              <DialogDescription>{t.rich("resetPassword.doneDescription", { email: user.email, bdi })}</DialogDescription>
            </DialogHeader>
            <OneTimePassword password={result.data.oneTimePassword} />
            <DialogFooter>
              <Button onClick={() => close(false)}>{t("resetPassword.done")}</Button>
            </DialogFooter>
          </>
        ) : (
          <form noValidate className="grid gap-4" onSubmit={form.handleSubmit((values) => execute(values))}>
            <DialogHeader>
              <DialogTitle>{t("resetPassword.title")}</DialogTitle>
              <DialogDescription>{t("resetPassword.description", { name: user.name })}</DialogDescription>
            </DialogHeader>
            <FormError message={actionMessage(result)} />
            <PasswordChoice
              idPrefix="reset"
              mode={mode}
              modeField={form.register("passwordMode")}
              passwordField={form.register("password")}
              passwordError={form.formState.errors.password?.message}
            />
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => close(false)}>
                {common("cancel")}
              </Button>
              <Button type="submit" disabled={isPending}>
                {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
                {t("resetPassword.submit")}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

const accessValueOf = (access: AccessView): AccessValue =>
  access.kind === "some" ? { all: false, connectionIds: access.connectionIds } : { all: true, connectionIds: [] };

/** Which connections a user may work in: all of them, or the chosen ones. Admins have all: the dialog says so instead. */
export function EditAccessDialog({
  user,
  access,
  connections,
  isSelf,
  open,
  onOpenChange,
}: DialogProps & { access: AccessView; connections: readonly AccessConnectionView[] }) {
  const t = useTranslations("users");
  const common = useTranslations("common");
  const router = useRouter();
  const [value, setValue] = useState<AccessValue>(() => accessValueOf(access));
  const { execute, result, isPending, reset } = useAction(setUserAccessAction, {
    onSuccess: ({ data }) => {
      if (data?.changed) toast.success(t("toasts.accessSaved", { name: user.name }));
      onOpenChange(false);
      router.refresh();
    },
  });
  const close = (next: boolean) => {
    onOpenChange(next);
    if (!next) {
      setValue(accessValueOf(access));
      reset();
    }
  };
  const granted = access.kind === "some" ? access.connectionIds : [];
  const error = actionMessage(result);
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent className="sm:max-w-lg">
        <form
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            execute({ userId: user.id, access: value });
          }}
        >
          <DialogHeader>
            <DialogTitle>{t("editAccess.title")}</DialogTitle>
            <DialogDescription>
              {isSelf ? t("editAccess.descriptionSelf") : t.rich("editAccess.description", { name: user.name, email: user.email, bdi })}
            </DialogDescription>
          </DialogHeader>
          {access.kind === "admin" ? (
            <AdminAccessNote />
          ) : (
            <ConnectionAccessField
              idPrefix={`access-${user.id}`}
              connections={offeredConnections(connections, granted)}
              value={value}
              onChange={setValue}
              error={error}
              personName={user.name}
            />
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => close(false)}>
              {access.kind === "admin" ? common("close") : common("cancel")}
            </Button>
            {access.kind === "admin" ? null : (
              <Button type="submit" disabled={isPending}>
                {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
                {t("editAccess.save")}
              </Button>
            )}
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
