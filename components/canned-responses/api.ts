"use client";

import { useQuery } from "@tanstack/react-query";

import { getRouteJson } from "@/components/data/route-json";
import type { CannedLibrary } from "@/lib/canned-responses/rules";
import type { CannedResponseList } from "@/lib/canned-responses/views";
import { cannedLibraryKey } from "@/lib/canned-responses/query-keys";

export function useCannedLibrary(library: CannedLibrary) {
  return useQuery({
    queryKey: cannedLibraryKey(library),
    queryFn: async () => (await getRouteJson<CannedResponseList>(`/api/inbox/canned-responses?library=${library}`)).responses,
  });
}
