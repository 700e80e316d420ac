"use client";

import { Columns3Icon, DownloadIcon, XIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import * as React from "react";

import { SearchBox } from "@/components/data/search-box";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuCheckboxItem, DropdownMenuContent, DropdownMenuLabel, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { CONSENT_STATES, CONTACT_SORTS, FILTER_LIMITS, type ContactFilter, type ContactSort } from "@/lib/contacts/filter";
import type { AttributeDefinitionView } from "@/lib/contacts/views";

import { contactExportUrl, useBusinessNumbers, useSegments, useTags } from "../api";
import { TagChip } from "../tags/tag-chip";
import { CheckboxPopover } from "./checkbox-popover";
import { hasNarrowing, type ContactListView } from "./url";
import { BusinessNumberLabel } from "@/components/phone-numbers/number-label";

const ALL = "all";


/**
 * Above the table: search, the filters (tags, consent, window, business number, segment), the order,
 * the optional columns and, for those who manage contacts, the export of everything the view shows.
 */
export function ContactsToolbar({
  view,
  onViewChange,
  canManage,
  attributes,
  shownColumns,
  onShownColumnsChange,
}: {
  view: ContactListView;
  onViewChange: (view: ContactListView) => void;
  canManage: boolean;
  attributes: readonly AttributeDefinitionView[];
  shownColumns: readonly string[];
  onShownColumnsChange: (keys: string[]) => void;
}) {
  const t = useTranslations("contacts.filters");
  const tConsent = useTranslations("contacts.table.consent.states");
  const tags = useTags();
  const segments = useSegments();
  const numbers = useBusinessNumbers();
  const { filter } = view;
  const setFilter = (changes: Partial<ContactFilter>) => {
    const next: ContactFilter = { ...filter, ...changes };
    for (const key of Object.keys(changes) as Array<keyof ContactFilter>) if (changes[key] === undefined) delete next[key];
    onViewChange({ ...view, filter: next });
  };
  const onSearch = React.useCallback(
    (search: string) => {
      const next: ContactFilter = { ...view.filter, search };
      if (!search) delete next.search;
      onViewChange({ ...view, filter: next });
    },
    [view, onViewChange],
  );
  const tagOptions = (tags.data ?? []).map((tag) => ({ value: tag.id, text: tag.name, label: <TagChip tag={tag} /> }));
  const windowValue = filter.windowOpen === undefined ? ALL : filter.windowOpen ? "open" : "closed";
  const numberChoices = numbers.data ?? [];

  return (
    <div className="flex flex-wrap items-center gap-2">
      <SearchBox value={filter.search ?? ""} onSearch={onSearch} label={t("search")} placeholder={t("searchPlaceholder")} maxLength={FILTER_LIMITS.search} />
      <CheckboxPopover
        label={t("tags")}
        options={tagOptions}
        selected={filter.tags?.any ?? []}
        onChange={(any) => setFilter({ tags: any.length > 0 ? { any } : undefined })}
        emptyText={t("noTags")}
      />
      <CheckboxPopover
        label={t("consent")}
        options={CONSENT_STATES.map((state) => ({ value: state, label: tConsent(state) }))}
        selected={filter.consent ?? []}
        onChange={(states) =>
          setFilter({ consent: states.length > 0 ? CONSENT_STATES.filter((state) => states.includes(state)) : undefined })
        }
        emptyText={null}
      />
      <Select value={windowValue} onValueChange={(value) => setFilter({ windowOpen: value === ALL ? undefined : value === "open" })}>
        <SelectTrigger aria-label={t("window")} size="sm" className="h-8 w-auto text-sm">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>{t("windowAny")}</SelectItem>
          <SelectItem value="open">{t("windowOpen")}</SelectItem>
          <SelectItem value="closed">{t("windowClosed")}</SelectItem>
        </SelectContent>
      </Select>
      {numberChoices.length > 1 || filter.phoneNumberId ? (
        <Select value={filter.phoneNumberId ?? ALL} onValueChange={(value) => setFilter({ phoneNumberId: value === ALL ? undefined : value })}>
          <SelectTrigger aria-label={t("number")} size="sm" className="h-8 w-auto max-w-56 text-sm">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t("allNumbers")}</SelectItem>
            {filter.phoneNumberId && !numberChoices.some((number) => number.id === filter.phoneNumberId) ? (
              <SelectItem value={filter.phoneNumberId}>
                <bdi dir="ltr">{filter.phoneNumberId}</bdi>
              </SelectItem>
            ) : null}
            {numberChoices.map((number) => (
              <SelectItem key={number.id} value={number.id}>
                <BusinessNumberLabel number={number} />
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      ) : null}
      {(segments.data?.length ?? 0) > 0 || view.segmentId ? (
        <Select value={view.segmentId ?? ALL} onValueChange={(value) => onViewChange({ ...view, segmentId: value === ALL ? undefined : value })}>
          <SelectTrigger aria-label={t("segment")} size="sm" className="h-8 w-auto max-w-56 text-sm">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t("noSegment")}</SelectItem>
            {view.segmentId && !segments.data?.some((segment) => segment.id === view.segmentId) ? (
              <SelectItem value={view.segmentId}>{t("segmentLoading")}</SelectItem>
            ) : null}
            {(segments.data ?? []).map((segment) => (
              <SelectItem key={segment.id} value={segment.id}>
                <span dir="auto">{segment.name}</span>
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      ) : null}
      {hasNarrowing(view) ? (
        <Button type="button" variant="ghost" size="sm" onClick={() => onViewChange({ filter: {}, sort: view.sort })}>
          <XIcon aria-hidden="true" />
          {t("clear")}
        </Button>
      ) : null}
      <div className="ms-auto flex flex-wrap items-center gap-2">
        <Select value={view.sort} onValueChange={(value) => onViewChange({ ...view, sort: value as ContactSort })}>
          <SelectTrigger aria-label={t("sort")} size="sm" className="h-8 w-auto text-sm">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {CONTACT_SORTS.map((sort) => (
              <SelectItem key={sort} value={sort}>
                {t(`sorts.${sort}`)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        {attributes.length > 0 ? (
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button type="button" variant="outline" size="sm">
                <Columns3Icon aria-hidden="true" />
                {t("columns")}
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end" className="w-56">
              <DropdownMenuLabel>{t("columnsHint")}</DropdownMenuLabel>
              {attributes.map((attribute) => (
                <DropdownMenuCheckboxItem
                  key={attribute.key}
                  checked={shownColumns.includes(attribute.key)}
                  onSelect={(event) => event.preventDefault()}
                  onCheckedChange={(checked) =>
                    onShownColumnsChange(checked ? [...shownColumns, attribute.key] : shownColumns.filter((key) => key !== attribute.key))
                  }
                >
                  <span dir="auto">{attribute.name}</span>
                </DropdownMenuCheckboxItem>
              ))}
            </DropdownMenuContent>
          </DropdownMenu>
        ) : null}
        {canManage ? (
          <Button asChild variant="outline" size="sm">
            <a href={contactExportUrl(view.segmentId ? { filter, segmentId: view.segmentId } : { filter })} download>
              <DownloadIcon aria-hidden="true" />
              {t("exportView")}
            </a>
          </Button>
        ) : null}
      </div>
    </div>
  );
}
