/**
 * Columns of the content manager's lists, through its list view hook
 * (Admin/CM/pages/ListView/inject-column-in-table):
 * - the Photo list's Species column names the species (the content manager only counts them);
 * - the Species list gains a Photos column, how many photos show each species.
 * Each cell asks a batched loader, so a page of 20 rows makes one request.
 */
import * as React from 'react';
import { getFetchClient } from '@strapi/strapi/admin';
import type { ListLayout } from '@strapi/content-manager/strapi-admin';
import { Typography } from '@strapi/design-system';
import { PHOTO_UID, SPECIES_UID, loadPhotoSpecies, loadSpeciesCounts } from '../lib/api';
import { batchedLoader } from '../lib/batched-loader';

const speciesOfPhoto = batchedLoader((documentIds) => loadPhotoSpecies(getFetchClient(), documentIds));
// The counts route answers for every species at once.
const photosOfSpecies = batchedLoader(() => loadSpeciesCounts(getFetchClient()));

type Loaded<V> = 'loading' | 'failed' | { value: V | undefined };

function useLoaded<V>(load: (key: string) => Promise<V | undefined>, key: string): Loaded<V> {
  const [state, setState] = React.useState<Loaded<V>>('loading');
  React.useEffect(() => {
    let live = true;
    load(key).then(
      (value) => live && setState({ value }),
      () => live && setState('failed'),
    );
    return () => {
      live = false;
    };
  }, [load, key]);
  return state;
}

const Muted = ({ children }: { children: string }) => <Typography textColor="neutral500">{children}</Typography>;

function SpeciesNamesCell({ documentId }: { documentId: string }) {
  const names = useLoaded(speciesOfPhoto, documentId);
  if (names === 'loading') return <Muted>…</Muted>;
  if (names === 'failed' || !names.value || names.value.length === 0) return <Muted>–</Muted>;
  return (
    <Typography data-species-names textColor="neutral800" ellipsis>
      {names.value.join(', ')}
    </Typography>
  );
}

function PhotoCountCell({ documentId }: { documentId: string }) {
  const count = useLoaded(photosOfSpecies, documentId);
  if (count === 'loading') return <Muted>…</Muted>;
  if (count === 'failed') return <Muted>–</Muted>;
  return <Typography data-photo-count={count.value ?? 0}>{count.value ?? 0}</Typography>;
}

interface ColumnHookArgs {
  displayedHeaders: Array<Record<string, unknown>>;
  layout: ListLayout;
}

// The hook is not told which content type is listed: the URL says it.
const listing = (uid: string) => new RegExp(`/collection-types/${uid.replace(/\./g, '\\.')}/?$`).test(window.location.pathname);

export function addListColumns({ displayedHeaders, layout }: ColumnHookArgs): ColumnHookArgs {
  if (listing(PHOTO_UID)) {
    return {
      displayedHeaders: displayedHeaders.map((header) =>
        header.name === 'species'
          ? { ...header, sortable: false, cellFormatter: (row: { documentId: string }) => <SpeciesNamesCell documentId={row.documentId} /> }
          : header,
      ),
      layout,
    };
  }
  if (listing(SPECIES_UID)) {
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
  return { displayedHeaders, layout };
}
