/**
 * The Species list's "Photos" column: how many photos show each species. One request for the
 * whole list (GET /add-photos/species-counts), shared by its cells, made again when the list is
 * shown again.
 */
import * as React from 'react';
import { useFetchClient, type FetchClient } from '@strapi/strapi/admin';
import type { ListLayout } from '@strapi/content-manager/strapi-admin';
import { Typography } from '@strapi/design-system';
import { SPECIES_UID, loadSpeciesCounts } from '../lib/api';

// The cells of one list share one request; a list shown later (after adding photos) asks again.
const FRESH_FOR_MS = 2_000;
let shared: { at: number; counts: Promise<Record<string, number>> } | null = null;

function countsFor(client: FetchClient): Promise<Record<string, number>> {
  if (!shared || Date.now() - shared.at > FRESH_FOR_MS) shared = { at: Date.now(), counts: loadSpeciesCounts(client) };
  return shared.counts;
}

function PhotoCountCell({ documentId }: { documentId: string }) {
  const client = useFetchClient();
  const [count, setCount] = React.useState<number | null | undefined>(undefined);
  React.useEffect(() => {
    let live = true;
    countsFor(client)
      .then((counts) => live && setCount(counts[documentId] ?? 0))
      .catch(() => live && setCount(null));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [documentId]);
  if (count === undefined) return <Typography textColor="neutral500">…</Typography>;
  if (count === null) return <Typography textColor="neutral500">–</Typography>;
  return <Typography data-photo-count={count}>{count}</Typography>;
}

interface ColumnHookArgs {
  displayedHeaders: Array<Record<string, unknown>>;
  layout: ListLayout;
}

/**
 * For the content manager's list view hook (Admin/CM/pages/ListView/inject-column-in-table).
 * The hook is not told which content type is listed: the URL says it.
 */
export function addPhotoCountColumn({ displayedHeaders, layout }: ColumnHookArgs): ColumnHookArgs {
  if (!window.location.pathname.includes(`/collection-types/${SPECIES_UID}`)) return { displayedHeaders, layout };
  return {
    displayedHeaders: [
      ...displayedHeaders,
      {
        attribute: { type: 'custom' },
        name: 'photoCount',
        label: { id: 'plumage.species.photoCount', defaultMessage: 'Photos' },
        searchable: false,
        sortable: false,
        cellFormatter: (row: { documentId: string }) => <PhotoCountCell documentId={row.documentId} />,
      },
    ],
    layout,
  };
}
