"use client";

import dynamic from "next/dynamic";

/**
 * The password form, loaded only where it is shown. The dashboard's layout shows it to users
 * holding a one-time password; imported directly, its form and validation libraries would be part
 * of every dashboard page's first load.
 */
export const ChangePasswordFormOnDemand = dynamic(() => import("./change-password-form").then((module) => module.ChangePasswordForm));
