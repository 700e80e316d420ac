import { ShieldX } from "lucide-react";
import Link from "next/link";

import { Button } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <div className="max-w-md space-y-4 text-center">
        <ShieldX className="mx-auto size-10 text-muted-foreground" aria-hidden />
        <h1 className="text-2xl font-semibold tracking-tight">You don&apos;t have access to this page</h1>
        <p className="text-sm text-muted-foreground">
          Your role does not include this part of the dashboard. If you need it, ask an administrator to change your
          role.
        </p>
        <Button asChild>
          <Link href="/inbox">Go to the inbox</Link>
        </Button>
      </div>
    </main>
  );
}
