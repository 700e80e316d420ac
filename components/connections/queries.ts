"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { toast } from "@/components/ui/toast";

import {
  cancelConnectionAction,
  checkConnectionsHealthAction,
  createConnectionAction,
  getConnectionsOverviewAction,
  pollConnectionAction,
  setDefaultConnectionAction,
  unlinkConnectionAction,
} from "@/lib/actions/connections";
import type { ConnectionView, ConnectionsOverview, HealthView } from "@/lib/actions/connections.schema";
import { unwrap } from "@/lib/action-result";
import { queryKeys } from "@/lib/query-keys";

export function useConnectionsOverview(initialData: ConnectionsOverview) {
  return useQuery({
    queryKey: queryKeys.connections.overview(),
    queryFn: async () => unwrap(await getConnectionsOverviewAction()),
    initialData,
    staleTime: 15_000,
  });
}

export function useConnectionsHealth(initialData: HealthView) {
  return useQuery({
    queryKey: queryKeys.connections.health(),
    queryFn: async () => unwrap(await checkConnectionsHealthAction()),
    initialData,
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
}

const POLL_INTERVAL_MS = 2_000;

/**
 * Asks the control plane about a pending connection every 2 s until it turns ACTIVE or FAILED (or
 * the component unmounts, or polling is switched off by cancelling), then refreshes the list.
 */
export function usePendingConnectionPoll(connection: ConnectionView, enabled: boolean) {
  const queryClient = useQueryClient();
  const t = useTranslations("connections.toasts");
  return useQuery({
    queryKey: queryKeys.connections.poll(connection.id),
    queryFn: async () => {
      const { connection: latest } = unwrap(await pollConnectionAction({ connectionId: connection.id }));
      if (latest.status !== "PENDING" || latest.unlinkedAt) {
        if (latest.status === "ACTIVE") toast.success(latest.label ? t("linkedNamed", { name: latest.label }) : t("linked"));
        if (latest.status === "FAILED") toast.error(t("authorisationFailed"));
        await queryClient.invalidateQueries({ queryKey: queryKeys.connections.overview() });
        await queryClient.invalidateQueries({ queryKey: queryKeys.connections.health() });
      }
      return latest;
    },
    enabled: enabled && connection.status === "PENDING" && !connection.unlinkedAt,
    refetchInterval: (query) => {
      const latest = query.state.data;
      return latest && (latest.status !== "PENDING" || latest.unlinkedAt) ? false : POLL_INTERVAL_MS;
    },
    refetchIntervalInBackground: true,
    retry: false,
    staleTime: 0,
  });
}

/**
 * A connection mutation that refreshes the list and health afterwards and toasts its outcome; a failure
 * is toasted too, unless the caller shows it itself (a ConfirmDialog shows it inside).
 */
function useConnectionMutation<Input, Output>(
  run: (input: Input) => Promise<Output>,
  success?: (output: Output) => string | undefined,
  options: { failureShownByCaller?: boolean } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async (output) => {
      const message = success?.(output);
      if (message) toast.success(message);
      await queryClient.invalidateQueries({ queryKey: queryKeys.connections.all });
    },
    onError: (error) => {
      if (!options.failureShownByCaller) toast.error(error.message);
    },
  });
}

export function useCreateConnection() {
  return useConnectionMutation(async () => unwrap(await createConnectionAction()));
}

export function useCancelConnection() {
  const t = useTranslations("connections.toasts");
  return useConnectionMutation(
    async (connectionId: string) => unwrap(await cancelConnectionAction({ connectionId })),
    () => t("cancelled"),
  );
}

export function useSetDefaultConnection() {
  const t = useTranslations("connections.toasts");
  return useConnectionMutation(
    async (connectionId: string) => unwrap(await setDefaultConnectionAction({ connectionId })),
    ({ connection }) => (connection.label ? t("defaultSetNamed", { name: connection.label }) : t("defaultSet")),
  );
}

/** The unlink dialog shows a failure inside, so it is not toasted as well. */
export function useUnlinkConnection() {
  const t = useTranslations("connections.toasts");
  return useConnectionMutation(
    async (connectionId: string) => unwrap(await unlinkConnectionAction({ connectionId })),
    ({ connection }) => (connection.label ? t("unlinkedNamed", { name: connection.label }) : t("unlinked")),
    { failureShownByCaller: true },
  );
}
