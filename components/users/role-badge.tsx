import { useTranslations } from "next-intl";

import type { Role } from "@/lib/auth/permissions";
import { Badge } from "@/components/ui/badge";

export function RoleBadge({ role }: { role: Role }) {
  const t = useTranslations("users.roles");
  return <Badge variant={role === "admin" ? "info" : role === "marketer" ? "secondary" : "outline"}>{t(role)}</Badge>;
}

export function StatusBadge({ disabled }: { disabled: boolean }) {
  const t = useTranslations("users.status");
  return disabled ? <Badge variant="destructive">{t("disabled")}</Badge> : <Badge variant="success">{t("active")}</Badge>;
}
