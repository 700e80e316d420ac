"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertCircleIcon, CheckCircle2Icon, LockIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import * as React from "react";

import { PhoneNumbersTable } from "@/components/phone-numbers/phone-numbers-table";
import { usePhoneNumbers, useRefreshPhoneNumbers, useSelectPhoneNumber } from "@/components/phone-numbers/queries";
import { PageHeader } from "@/components/shell/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toast";
import { ActionResultError, unwrap } from "@/lib/action-result";
import { getBusinessProfileAction, updateBusinessProfileAction, updateProfilePictureAction } from "@/lib/actions/profile";
import { type ProfileChanges, type ProfileFormValues, formValuesOf, profileChanges } from "@/lib/actions/profile.schema";
import type { BusinessProfileView, PhoneNumbersView, ProfileLoad } from "@/lib/profile/views";
import { queryKeys } from "@/lib/query-keys";

import { PictureDialog } from "./picture-dialog";
import { ProfileFormFields, useProfileForm } from "./profile-form";
import { ProfilePreview } from "./profile-preview";
import { useUnsavedChangesGuard } from "./unsaved-changes";

const FIELDS = ["about", "address", "description", "email", "websites", "vertical"] as const;
type FieldName = (typeof FIELDS)[number];
const isFieldName = (name: string): name is FieldName => (FIELDS as readonly string[]).includes(name);

function useBusinessProfile(phoneNumberId: string | null, initial: ProfileLoad | null) {
  return useQuery({
    queryKey: queryKeys.profile.business(phoneNumberId ?? ""),
    queryFn: async () => unwrap(await getBusinessProfileAction({ phoneNumberId: phoneNumberId! })),
    enabled: phoneNumberId !== null,
    initialData: initial && initial.phoneNumberId === phoneNumberId ? initial : undefined,
    staleTime: 60_000,
  });
}

/** The business profile page: the form and its live preview for the user's number, then the numbers. */
export function ProfileScreen({ initialNumbers, initialProfile, canEdit }: { initialNumbers: PhoneNumbersView; initialProfile: ProfileLoad | null; canEdit: boolean }) {
  const t = useTranslations("profile");
  const numbers = usePhoneNumbers(initialNumbers);
  const view = numbers.data;
  const selectedId = view.selectedId;
  const selected = view.numbers.find((number) => number.id === selectedId) ?? null;
  const profile = useBusinessProfile(selectedId, initialProfile);
  const select = useSelectPhoneNumber();
  const refresh = useRefreshPhoneNumbers();
  const [dirty, setDirty] = React.useState(false);
  const guard = useUnsavedChangesGuard(dirty);

  const switchTo = (phoneNumberId: string) => {
    if (phoneNumberId === selectedId) return;
    guard.confirm(() => {
      setDirty(false);
      select.mutate(phoneNumberId, { onError: (error) => toast.error(error.message) });
    });
  };

  const numberPicker =
    view.numbers.length > 0 ? (
      <div className="flex items-center gap-2">
        <label htmlFor="profile-phone-number" className="text-sm text-muted-foreground">
          {t("phoneNumber")}
        </label>
        <Select value={selectedId ?? undefined} onValueChange={switchTo} disabled={select.isPending}>
          <SelectTrigger id="profile-phone-number" className="w-72">
            <SelectValue placeholder={t("chooseNumber")} />
          </SelectTrigger>
          <SelectContent>
            {view.numbers.map((number) => (
              <SelectItem key={number.id} value={number.id}>
                {number.displayPhoneNumber ?? number.id}
                {number.verifiedName ? (
                  <>
                    {" · "}
                    <bdi>{number.verifiedName}</bdi>
                  </>
                ) : null}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
    ) : null;

  return (
    <div className="mx-auto w-full max-w-6xl space-y-6 p-4 sm:p-6">
      <PageHeader title={t("title")} description={t("description")} actions={numberPicker} />
      {!canEdit ? (
        <Alert>
          <LockIcon aria-hidden="true" />
          <AlertTitle>{t("viewOnlyTitle")}</AlertTitle>
          <AlertDescription>{t("viewOnlyBody")}</AlertDescription>
        </Alert>
      ) : null}
      {selectedId === null ? (
        <p className="rounded-xl border bg-card p-6 text-sm text-muted-foreground">{t("noNumber")}</p>
      ) : profile.data === undefined ? (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]" aria-busy="true">
          <Skeleton className="h-[32rem] rounded-xl" />
          <Skeleton className="h-[32rem] rounded-xl" />
        </div>
      ) : profile.data.ok ? (
        <ProfileEditor
          key={`${profile.data.phoneNumberId}`}
          phoneNumberId={profile.data.phoneNumberId}
          profile={profile.data.profile}
          verifiedName={selected?.verifiedName ?? ""}
          displayPhoneNumber={selected?.displayPhoneNumber ?? ""}
          canEdit={canEdit}
          onDirtyChange={setDirty}
        />
      ) : (
        <Alert variant="destructive">
          <AlertCircleIcon aria-hidden="true" />
          <AlertTitle>{t("loadFailed", { title: profile.data.problem.title })}</AlertTitle>
          <AlertDescription>
            {profile.data.problem.explanation} {profile.data.problem.action}
          </AlertDescription>
        </Alert>
      )}
      {profile.error ? <p className="text-sm text-destructive">{profile.error.message}</p> : null}
      <PhoneNumbersTable
        view={view}
        onSelect={switchTo}
        selecting={select.isPending}
        onRefresh={() => refresh.mutate(undefined, { onError: (error) => toast.error(error.message) })}
        refreshing={refresh.isPending}
      />
      {guard.dialog}
    </div>
  );
}

function ProfileEditor({
  phoneNumberId,
  profile,
  verifiedName,
  displayPhoneNumber,
  canEdit,
  onDirtyChange,
}: {
  phoneNumberId: string;
  profile: BusinessProfileView;
  verifiedName: string;
  displayPhoneNumber: string;
  canEdit: boolean;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const queryClient = useQueryClient();
  const t = useTranslations("profile");
  const fieldName = (name: string) => (isFieldName(name) ? t(`fieldNames.${name}`) : name);
  const [saved, setSaved] = React.useState<ProfileFormValues>(() => formValuesOf(profile));
  const form = useProfileForm(saved);
  const values = form.watch();
  const changes = profileChanges(saved, values);
  const changedCount = Object.keys(changes).length;
  const [outcome, setOutcome] = React.useState<{ kind: "saved"; fields: string[] } | { kind: "refused"; message: string } | null>(null);
  const [pictureError, setPictureError] = React.useState<string | null>(null);

  React.useEffect(() => onDirtyChange(changedCount > 0), [changedCount, onDirtyChange]);

  const applyLoad = (load: ProfileLoad) => {
    queryClient.setQueryData(queryKeys.profile.business(phoneNumberId), load);
  };

  const save = useMutation({
    mutationFn: async (patch: ProfileChanges) => unwrap(await updateBusinessProfileAction({ phoneNumberId, changes: patch })),
    onSuccess: ({ changed, load }) => {
      const next = load.ok ? formValuesOf(load.profile) : { ...saved, ...form.getValues() };
      setSaved(next);
      form.reset(next);
      setOutcome({ kind: "saved", fields: changed });
      toast.success(t("saved"));
      if (load.ok) applyLoad(load);
    },
    onError: (error) => {
      const fieldErrors = error instanceof ActionResultError ? error.fieldErrors : {};
      const field = Object.keys(fieldErrors).find((name) => /^(about|address|description|email|vertical|websites(\.\d)?)$/.test(name));
      if (field) {
        const target = (field === "websites" ? "websites.0" : field) as "about";
        form.setError(target, { type: "server", message: fieldErrors[field] }, { shouldFocus: true });
        setOutcome({ kind: "refused", message: t("refusedField", { field: fieldName(field.split(".")[0] ?? field) }) });
      } else {
        setOutcome({ kind: "refused", message: error.message });
      }
    },
  });

  const picture = useMutation({
    mutationFn: async (blob: Blob) => {
      const data = new FormData();
      data.set("phoneNumberId", phoneNumberId);
      data.set("picture", new File([blob], "profile.jpg", { type: "image/jpeg" }));
      return unwrap(await updateProfilePictureAction(data));
    },
    onSuccess: ({ load }) => {
      applyLoad(load);
      toast.success(t("pictureUpdated"));
    },
  });

  const pictureUrl = profile.profilePictureUrl;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <section aria-labelledby="profile-form-heading" className="space-y-5 rounded-xl border bg-card p-5">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h2 id="profile-form-heading" className="text-base font-semibold">
              {t("heading", { number: displayPhoneNumber || phoneNumberId })}
            </h2>
            <p className="text-sm text-muted-foreground">{t("savingNote")}</p>
          </div>
          {canEdit ? (
            <PictureDialog
              uploading={picture.isPending}
              error={pictureError}
              onUpload={async (blob) => {
                setPictureError(null);
                try {
                  await picture.mutateAsync(blob);
                  return true;
                } catch (error) {
                  setPictureError(error instanceof Error ? error.message : String(error));
                  return false;
                }
              }}
            />
          ) : null}
        </div>
        {outcome?.kind === "saved" ? (
          <div role="status" className="flex items-start gap-2 rounded-lg border border-success/25 bg-success/10 px-3 py-2 text-sm text-success">
            <CheckCircle2Icon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
            <span>{t("accepted", { fields: outcome.fields.map(fieldName).join(t("listSeparator")) })}</span>
          </div>
        ) : null}
        {outcome?.kind === "refused" ? (
          <div role="status" className="flex items-start gap-2 rounded-lg border border-destructive/25 bg-destructive/10 px-3 py-2 text-sm text-destructive">
            <AlertCircleIcon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
            <span>{t("notSaved", { message: outcome.message })}</span>
          </div>
        ) : null}
        <ProfileFormFields
          form={form}
          canEdit={canEdit}
          saving={save.isPending}
          changedCount={changedCount}
          onSubmit={(next) => {
            setOutcome(null);
            const patch = profileChanges(saved, next);
            if (Object.keys(patch).length > 0) save.mutate(patch);
          }}
        />
      </section>
      <aside className="lg:sticky lg:top-4 lg:self-start">
        <ProfilePreview
          data={{
            verifiedName: verifiedName || displayPhoneNumber,
            displayPhoneNumber,
            about: values.about ?? "",
            address: values.address ?? "",
            description: values.description ?? "",
            email: values.email ?? "",
            websites: values.websites ?? [],
            vertical: values.vertical ?? "",
            pictureUrl,
          }}
        />
      </aside>
    </div>
  );
}
