"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Loader2Icon, ShieldAlertIcon } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, FieldControl, FormError } from "@/components/ui/field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { actionMessage } from "@/lib/action-result";
import { changeUserRoleAction, resetUserPasswordAction, setUserAccessAction, setUserDisabledAction } from "@/lib/actions/users";
import { resetUserPasswordSchema, type ResetUserPasswordInput } from "@/lib/actions/users.schema";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import { offeredConnections, type AccessConnectionView, type AccessView, type ManagedUser } from "@/lib/users/views";

import { AdminAccessNote, ConnectionAccessField, type AccessValue } from "./connection-access-field";
import { OneTimePassword } from "./one-time-password";
import { PasswordChoice } from "./password-choice";
import { ROLE_DESCRIPTIONS } from "./role-badge";

interface DialogProps {
  user: ManagedUser;
  isSelf: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function ChangeRoleDialog({ user, isSelf, open, onOpenChange }: DialogProps) {
  const router = useRouter();
  const [role, setRole] = useState<Role>(user.role);
  const { execute, result, isPending, reset } = useAction(changeUserRoleAction, {
    onSuccess: ({ data }) => {
      if (data?.changed) toast.success(`${user.name} is now ${ROLE_LABELS[data.user.role].toLowerCase()}.`);
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
            <DialogTitle>Change role</DialogTitle>
            <DialogDescription>
              {isSelf ? "Your own role" : `${user.name} (${user.email})`}. The change applies from their next click.
            </DialogDescription>
          </DialogHeader>
          <Field id="change-role" label="Role" error={error} description={ROLE_DESCRIPTIONS[role]}>
            <Select value={role} onValueChange={(value) => setRole(value as Role)}>
              <FieldControl>
                <SelectTrigger className="w-full">
                  <SelectValue />
                </SelectTrigger>
              </FieldControl>
              <SelectContent>
                {ROLES.map((option) => (
                  <SelectItem key={option} value={option}>
                    {ROLE_LABELS[option]}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </Field>
          {role === "admin" && user.role !== "admin" ? (
            <Alert variant="warning">
              <ShieldAlertIcon aria-hidden="true" />
              <AlertTitle>Give full control?</AlertTitle>
              <AlertDescription>
                Admins can add and disable users, change roles, link connections and read the audit log. They work in every
                connection.
              </AlertDescription>
            </Alert>
          ) : null}
          {user.role === "admin" && role !== "admin" ? (
            <p className="text-xs text-muted-foreground">
              {isSelf ? "You keep" : "They keep"} access to every connection; use Edit access to limit it.
            </p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => close(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={isPending || role === user.role}>
              {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
              {role === "admin" && user.role !== "admin" ? "Make admin" : "Change role"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function DisableUserDialog({ user, isSelf, open, onOpenChange }: DialogProps) {
  const router = useRouter();
  const { execute, result, isPending, reset } = useAction(setUserDisabledAction, {
    onSuccess: () => {
      toast.success(`${user.name} is disabled.`);
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
      title={isSelf ? "Disable your own account?" : `Disable ${user.name}?`}
      description={
        <>
          {isSelf ? "You will be signed out at once" : `${user.email} is signed out at once`} and cannot sign in until an
          admin enables the account again. Their history stays.
        </>
      }
      confirmLabel="Disable user"
      destructive
      pending={isPending}
      error={actionMessage(result)}
      onConfirm={() => execute({ userId: user.id, disabled: true })}
    />
  );
}

export function ResetPasswordDialog({ user, open, onOpenChange }: DialogProps) {
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
              <DialogTitle>New one-time password</DialogTitle>
              <DialogDescription>
                Give it to {user.email}. It is shown only now; they choose their own password at the next sign-in.
              </DialogDescription>
            </DialogHeader>
            <OneTimePassword password={result.data.oneTimePassword} />
            <DialogFooter>
              <Button onClick={() => close(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form noValidate className="grid gap-4" onSubmit={form.handleSubmit((values) => execute(values))}>
            <DialogHeader>
              <DialogTitle>Reset password</DialogTitle>
              <DialogDescription>
                {user.name}&apos;s current password stops working. Sessions already open stay signed in.
              </DialogDescription>
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
                Cancel
              </Button>
              <Button type="submit" disabled={isPending}>
                {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
                Reset password
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
  const router = useRouter();
  const [value, setValue] = useState<AccessValue>(() => accessValueOf(access));
  const { execute, result, isPending, reset } = useAction(setUserAccessAction, {
    onSuccess: ({ data }) => {
      if (data?.changed) toast.success(`${user.name}'s access is saved.`);
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
            <DialogTitle>Edit access</DialogTitle>
            <DialogDescription>
              {isSelf ? "Your own access" : `${user.name} (${user.email})`}: the WhatsApp accounts whose conversations,
              templates and media they work with. The change applies from their next click.
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
              {access.kind === "admin" ? "Close" : "Cancel"}
            </Button>
            {access.kind === "admin" ? null : (
              <Button type="submit" disabled={isPending}>
                {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
                Save access
              </Button>
            )}
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
