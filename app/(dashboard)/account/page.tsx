import type { Metadata } from "next";
import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";

import { ChangePasswordForm } from "@/components/account/change-password-form";
import { NameForm } from "@/components/account/name-form";
import { NotificationsCard } from "@/components/account/notifications-card";
import { PreferencesForm } from "@/components/account/preferences-form";
import { SessionsCard } from "@/components/account/sessions-card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { RoleBadge } from "@/components/users/role-badge";
import { getDb } from "@/db";
import { isLocale, isTimeZone, TIME_ZONE_COOKIE } from "@/i18n/locales";
import { currentSession, requirePageAccess } from "@/lib/auth/session";
import { listSessions } from "@/lib/auth/sessions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.page");
  return { title: t("title") };
}

/** The zones offered: this server's list (the one the setting is checked against), UTC first. */
function timeZoneChoices(): string[] {
  const zones = Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC");
  return ["UTC", ...zones];
}

export default async function Page() {
  const me = await requirePageAccess();
  const sessions = await listSessions(await getDb(), me.id, (await currentSession())?.sessionId);
  const t = await getTranslations("account");
  // The zone this browser reported (components/i18n/time-zone-cookie.tsx), for the first paint of "Automatic".
  const reported = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 p-6">
      <PageHeader title={t("page.title")} description={t("page.description")} />
      {/* The forms' labels, toasts and validation messages. */}
      <ClientMessages namespaces={["account"]}>
        <Card>
          <CardHeader>
            <CardTitle className="text-base">{t("profile.title")}</CardTitle>
            <CardDescription>{t("profile.description")}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-5">
            <dl className="grid gap-4 text-sm sm:grid-cols-2">
              <div className="space-y-1">
                <dt className="text-muted-foreground">{t("profile.email")}</dt>
                <dd className="font-medium">
                  <bdi>{me.email}</bdi>
                </dd>
              </div>
              <div className="space-y-1">
                <dt className="text-muted-foreground">{t("profile.role")}</dt>
                <dd>
                  <RoleBadge role={me.role} />
                </dd>
              </div>
            </dl>
            <NameForm key={me.name} name={me.name} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="text-base">{t("preferences.title")}</CardTitle>
            <CardDescription>{t("preferences.description")}</CardDescription>
          </CardHeader>
          <CardContent>
            <PreferencesForm
              locale={isLocale(me.locale) ? me.locale : null}
              timeZone={isTimeZone(me.timeZone) ? me.timeZone : null}
              timeZones={timeZoneChoices()}
              reportedTimeZone={isTimeZone(reported) ? reported : null}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="text-base">{t("password.title")}</CardTitle>
            <CardDescription>{t("password.description")}</CardDescription>
          </CardHeader>
          <CardContent>
            <ChangePasswordForm email={me.email} />
          </CardContent>
        </Card>
        <SessionsCard
          sessions={sessions.map((session) => ({
            id: session.id,
            device: session.device,
            address: session.address,
            signedInAt: session.signedInAt.toISOString(),
            current: session.current,
          }))}
        />
      </ClientMessages>
      {/* Desktop notifications: the switch, and the browser's permission. */}
      <ClientMessages namespaces={["notifications"]}>
        <NotificationsCard />
      </ClientMessages>
    </div>
  );
}
