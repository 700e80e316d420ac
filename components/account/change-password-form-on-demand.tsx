"use client";

import * as React from "react";

// React.lazy rather than next/dynamic: this module is in every dashboard page's first load, and
// next/dynamic would bring its own loader along.
const ChangePasswordForm = React.lazy(() => import("./change-password-form").then((module) => ({ default: module.ChangePasswordForm })));

/**
 * The password form, loaded only where it is shown. The dashboard's layout shows it to users
 * holding a one-time password; imported directly, its form and validation libraries would be part
 * of every dashboard page's first load.
 */
export function ChangePasswordFormOnDemand(props: React.ComponentProps<typeof ChangePasswordForm>) {
  return (
    <React.Suspense>
      <ChangePasswordForm {...props} />
    </React.Suspense>
  );
}
