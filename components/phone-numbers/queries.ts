"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { unwrap } from "@/lib/action-result";
import { getSelectedPhoneNumberAction, listPhoneNumbersAction, selectPhoneNumberAction } from "@/lib/actions/phone-numbers";
import type { PhoneNumbersView } from "@/lib/profile/views";
import { queryKeys } from "@/lib/query-keys";

/**
 * The account's numbers as mirrored here (the page re-reads the gateway when the mirror is stale; the
 * refresh button at once). A live event refetches the mirror only: the webhook's change is already in it.
 */
export function usePhoneNumbers(initialData: PhoneNumbersView) {
  return useQuery({
    queryKey: queryKeys.phoneNumbers.list(),
    queryFn: async () => unwrap(await listPhoneNumbersAction({})),
    initialData,
    staleTime: 30_000,
  });
}

export function useRefreshPhoneNumbers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await listPhoneNumbersAction({ refresh: "now" })),
    onSuccess: (view) => {
      queryClient.setQueryData(queryKeys.phoneNumbers.list(), view);
      void queryClient.invalidateQueries({ queryKey: queryKeys.inbox.phoneNumbers() });
    },
  });
}

/** The user's chosen number alone (for the inbox's default filter). */
export function useSelectedPhoneNumberId() {
  return useQuery({
    queryKey: queryKeys.phoneNumbers.selected(),
    queryFn: async () => unwrap(await getSelectedPhoneNumberAction()).selectedId,
    staleTime: 60_000,
  });
}

/** Remembers the user's number on the server; every page that starts on it follows. */
export function useSelectPhoneNumber() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (phoneNumberId: string) => unwrap(await selectPhoneNumberAction({ phoneNumberId })),
    onSuccess: ({ selectedId }) => {
      queryClient.setQueryData<PhoneNumbersView>(queryKeys.phoneNumbers.list(), (view) => (view ? { ...view, selectedId } : view));
      queryClient.setQueryData(queryKeys.phoneNumbers.selected(), selectedId);
    },
  });
}
