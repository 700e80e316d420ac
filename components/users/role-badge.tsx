import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { Badge } from "@/components/ui/badge";

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "Everything, including users, connections, the business profile and the audit log.",
  marketer: "The inbox, plus creating templates, campaigns and uploading media.",
  agent: "The inbox: reading and answering conversations, sending approved templates.",
};

export function RoleBadge({ role }: { role: Role }) {
  return (
    <Badge variant={role === "admin" ? "info" : role === "marketer" ? "secondary" : "outline"}>{ROLE_LABELS[role]}</Badge>
  );
}

export function StatusBadge({ disabled }: { disabled: boolean }) {
  return disabled ? <Badge variant="destructive">Disabled</Badge> : <Badge variant="success">Active</Badge>;
}
