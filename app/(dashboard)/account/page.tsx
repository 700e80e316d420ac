import type { Metadata } from "next";

import { ChangePasswordForm } from "@/components/account/change-password-form";
import { NameForm } from "@/components/account/name-form";
import { SessionsCard } from "@/components/account/sessions-card";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { RoleBadge } from "@/components/users/role-badge";
import { getDb } from "@/db";
import { currentSession, requirePageAccess } from "@/lib/auth/session";
import { listSessions } from "@/lib/auth/sessions";

export const metadata: Metadata = { title: "Your account" };

export default async function Page() {
  const me = await requirePageAccess();
  const sessions = await listSessions(await getDb(), me.id, (await currentSession())?.sessionId);
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 p-6">
      <PageHeader title="Your account" description="Your name as colleagues see it, your password, and where you are signed in." />
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Profile</CardTitle>
          <CardDescription>Your email and role are set by an admin.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5">
          <dl className="grid gap-4 text-sm sm:grid-cols-2">
            <div className="space-y-1">
              <dt className="text-muted-foreground">Email</dt>
              <dd className="font-medium">{me.email}</dd>
            </div>
            <div className="space-y-1">
              <dt className="text-muted-foreground">Role</dt>
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
          <CardTitle className="text-base">Password</CardTitle>
          <CardDescription>You need your current password to choose a new one.</CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm email={me.email} />
        </CardContent>
      </Card>
      <SessionsCard
        sessions={sessions.map((session) => ({
          id: session.id,
          browser: session.browser,
          address: session.address,
          signedInAt: session.signedInAt.toISOString(),
          current: session.current,
        }))}
      />
    </div>
  );
}
