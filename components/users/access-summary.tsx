import { useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import type { AccessConnectionView, AccessView } from "@/lib/users/views";

import { useAccessConnectionName } from "./connection-access-field";

/** The users table's Connections cell: all of them, the names of the chosen ones, or a warning when none. */
export function AccessSummary({ access, connections }: { access: AccessView; connections: ReadonlyMap<string, AccessConnectionView> }) {
  const t = useTranslations("users.access");
  const nameOf = useAccessConnectionName();
  if (access.kind !== "some") {
    return <span title={access.kind === "admin" ? t("adminHint") : t("allHint")}>{t("all")}</span>;
  }
  if (access.connectionIds.length === 0) {
    return (
      <Badge variant="warning" title={t("noneHint")}>
        {t("none")}
      </Badge>
    );
  }
  const names = access.connectionIds.map((id) => {
    const connection = connections.get(id);
    if (!connection) return id;
    return connection.unlinked ? t("unlinkedName", { name: nameOf(connection) }) : nameOf(connection);
  });
  const text = names.join(t("listSeparator"));
  return (
    <span dir="auto" className="line-clamp-2 max-w-64" title={text}>
      {text}
    </span>
  );
}
