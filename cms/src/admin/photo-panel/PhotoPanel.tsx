/**
 * The Photo edit view's side panel: the display derivative, the shooting data written as the
 * site writes it (@plumage/shared), and the two things the form cannot do: replace the image,
 * read the file again. Both change the draft on the server; the form then reloads it.
 */
import * as React from 'react';
import {
  unstable_useContentManagerContext as useContentManagerContext,
  unstable_useDocument as useDocument,
  useFetchClient,
  useNotification,
  useQueryParams,
} from '@strapi/strapi/admin';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { ArrowClockwise, Upload } from '@strapi/icons';
import { formatTakenAt, shootingData } from '@plumage/shared';
import { PHOTO_UID, asFailedCall, loadPreview, readFileAgain, replaceImage } from '../lib/api';

type PhotoDocument = Record<string, unknown> & { documentId?: string };

/** The rows of the panel's shooting data, in the site's words. */
export function photoFacts(photo: PhotoDocument): Array<{ label: string; value: string }> {
  const facts = shootingData(photo as Parameters<typeof shootingData>[0]).map(({ label, value }) => ({ label, value }));
  const taken = formatTakenAt(typeof photo.takenAtLocal === 'string' ? photo.takenAtLocal : null);
  if (taken) facts.unshift({ label: 'Taken', value: taken });
  if (typeof photo.width === 'number' && typeof photo.height === 'number') {
    facts.push({ label: 'Size', value: `${photo.width} × ${photo.height} px` });
  }
  return facts;
}

/** The sentence of a refused action: the server's, or ours when it gave none. */
function whyItFailed(error: unknown): string {
  const call = asFailedCall(error);
  const message = call.error?.message;
  if (typeof message === 'string' && message.trim() !== '') return message;
  if (call.httpStatus === undefined) return `The CMS could not be reached (${call.networkMessage ?? 'no answer'}); try again.`;
  return `The CMS answered ${call.httpStatus} without saying why.`;
}

/** The edit view's own document query, so that refetching it reloads the form. */
function useEditViewDocument(model: string, collectionType: string, documentId: string) {
  const [{ query }] = useQueryParams<Record<string, unknown>>();
  const params = React.useMemo(() => {
    // As the content manager builds them (buildValidParams): plugin options flattened in.
    const { plugins, ...rest } = (query ?? {}) as { plugins?: Record<string, unknown> };
    return Object.values(plugins ?? {}).reduce<Record<string, unknown>>(
      (acc, value) => (value && typeof value === 'object' ? Object.assign(acc, value) : acc),
      { ...rest },
    );
  }, [query]);
  return useDocument({ model, collectionType, documentId, params });
}

function Preview({ documentId, version }: { documentId: string; version: string }) {
  const client = useFetchClient();
  const [url, setUrl] = React.useState<string | null | undefined>(undefined);
  React.useEffect(() => {
    let live = true;
    let objectUrl: string | null = null;
    loadPreview(client, documentId)
      .then((blob) => {
        if (!live) return;
        objectUrl = blob ? URL.createObjectURL(blob) : null;
        setUrl(objectUrl);
      })
      .catch(() => live && setUrl(null));
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [documentId, version]);
  if (url === undefined) return <Typography textColor="neutral600">Loading the preview…</Typography>;
  if (url === null) return <Typography textColor="neutral600">No display image yet: save the photo with an image.</Typography>;
  return (
    <img
      src={url}
      alt="The display image the site shows"
      data-photo-preview
      style={{ width: '100%', height: 'auto', borderRadius: '4px', display: 'block' }}
    />
  );
}

function PhotoPanelContent({ model, collectionType, documentId, document, activeTab }: PanelComponentProps & { documentId: string }) {
  const client = useFetchClient();
  const { toggleNotification } = useNotification();
  const { refetch } = useEditViewDocument(model, collectionType, documentId);
  const { form } = useContentManagerContext();
  const [busy, setBusy] = React.useState<'replace' | 'read' | null>(null);
  const fileInput = React.useRef<HTMLInputElement>(null);
  const photo = (document ?? {}) as PhotoDocument;
  const modified = Boolean((form as { modified?: boolean } | undefined)?.modified);
  const onPublishedTab = activeTab === 'published';
  const blocked = busy !== null || modified || onPublishedTab;

  const run = async (kind: 'replace' | 'read', action: () => Promise<void>, done: string) => {
    setBusy(kind);
    try {
      await action();
      toggleNotification({ type: 'success', message: done });
      refetch();
    } catch (error) {
      toggleNotification({ type: 'danger', message: whyItFailed(error), timeout: 15_000 });
    } finally {
      setBusy(null);
    }
  };

  const facts = photoFacts(photo);
  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%" data-photo-panel>
      <Preview documentId={documentId} version={String(photo.sha256 ?? '')} />
      {facts.length > 0 ? (
        <Box tag="dl" data-shooting-data>
          {facts.map(({ label, value }) => (
            <Flex key={label} justifyContent="space-between" gap={2} paddingBottom={1}>
              <Typography tag="dt" variant="pi" textColor="neutral600">
                {label}
              </Typography>
              <Typography tag="dd" variant="pi" fontWeight="semiBold" textAlign="end">
                {value}
              </Typography>
            </Flex>
          ))}
        </Box>
      ) : (
        <Typography variant="pi" textColor="neutral600">
          The file carries no shooting data.
        </Typography>
      )}
      <Button
        fullWidth
        variant="secondary"
        startIcon={<Upload />}
        disabled={blocked}
        loading={busy === 'replace'}
        onClick={() => fileInput.current?.click()}
      >
        Replace image
      </Button>
      <input
        ref={fileInput}
        type="file"
        accept="image/*"
        aria-label="Replacement image"
        style={{ display: 'none' }}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (!file) return;
          void run('replace', () => replaceImage(client, documentId, file), `The image was replaced by "${file.name}" and read again.`);
        }}
      />
      <Button
        fullWidth
        variant="tertiary"
        startIcon={<ArrowClockwise />}
        disabled={blocked}
        loading={busy === 'read'}
        onClick={() => void run('read', () => readFileAgain(client, documentId), 'The file was read again; fields you corrected by hand were kept.')}
      >
        Read the file again
      </Button>
      {(modified || onPublishedTab) && (
        <Typography variant="pi" textColor="neutral600">
          {onPublishedTab ? 'These change the draft: switch to the draft tab.' : 'Save your changes first: these reload the form.'}
        </Typography>
      )}
    </Flex>
  );
}

/** The panel, shown on Photo documents that exist. */
export const PhotoPanel: PanelComponent = (props) => {
  if (props.model !== PHOTO_UID || !props.documentId) return null;
  return { title: 'Photo', content: <PhotoPanelContent {...props} documentId={props.documentId} /> };
};
