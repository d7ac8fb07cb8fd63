/**
 * Add photos (/admin/plugins/add-photos): many files at once, each sent on its own through the
 * same pipeline as every other path, FILES_AT_ONCE at a time (one: see batch.ts). A row per file with its outcome;
 * what finished is stored at once, so closing the page midway loses only the files not sent,
 * and picking the batch again reports the stored ones as duplicates.
 */
import * as React from 'react';
import { NavLink } from 'react-router-dom';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import {
  Box,
  Button,
  Combobox,
  ComboboxOption,
  Field,
  Flex,
  IconButton,
  Link,
  Loader,
  Radio,
  Typography,
} from '@strapi/design-system';
import { Trash, Upload } from '@strapi/icons';
import {
  FILES_AT_ONCE,
  createdOutcome,
  failedOutcome,
  formatBytes,
  runEach,
  summarySentence,
  tally,
  type Outcome,
  type RowState,
} from './batch';
import { asFailedCall, loadSpecies, photoEditPath, sendPhoto, type SpeciesOption } from '../lib/api';

interface Row {
  key: string;
  file: File;
  /** A species documentId, or null for none. */
  species: string | null;
  /** Set once the owner chose this file's species: the batch species no longer changes it. */
  speciesChosen: boolean;
  state: RowState;
}

type PublishAs = 'draft' | 'published';

let rowCounter = 0;

function SpeciesCombobox({
  label,
  species,
  value,
  disabled,
  onChange,
}: {
  label: string;
  species: SpeciesOption[];
  value: string | null;
  disabled?: boolean;
  onChange: (value: string | null) => void;
}) {
  return (
    <Combobox
      aria-label={label}
      placeholder="No species"
      value={value ?? ''}
      disabled={disabled}
      autocomplete={{ type: 'list', filter: 'contains' }}
      onChange={(next?: string) => onChange(next ? next : null)}
      onClear={() => onChange(null)}
      noOptionsMessage={() => 'No species by that name: add it under Content Manager → Species first.'}
    >
      {species.map((one) => (
        <ComboboxOption key={one.documentId} value={one.documentId}>
          {one.commonName}
        </ComboboxOption>
      ))}
    </Combobox>
  );
}

function OutcomeText({ outcome }: { outcome: Outcome }) {
  if (outcome.status === 'created') {
    return (
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Typography textColor="success600">{outcome.message}</Typography>
        <Link tag={NavLink} to={photoEditPath(outcome.documentId)}>
          Open the new photo
        </Link>
      </Flex>
    );
  }
  if (outcome.status === 'duplicate') {
    return (
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Typography textColor="warning600">{outcome.message}</Typography>
        <Link tag={NavLink} to={photoEditPath(outcome.duplicateOf)}>
          Open the photo it duplicates
        </Link>
      </Flex>
    );
  }
  return <Typography textColor="danger600">{outcome.message}</Typography>;
}

function RowProgress({ state }: { state: RowState }) {
  if (state.status === 'ready') return <Typography textColor="neutral600">Waiting</Typography>;
  if (state.status === 'sending') {
    return (
      <Flex gap={2}>
        <Loader small>Sending</Loader>
        <Typography textColor="neutral600">Uploading and processing…</Typography>
      </Flex>
    );
  }
  return <OutcomeText outcome={state} />;
}

const ROW_LABEL: Record<RowState['status'], string> = {
  ready: 'Waiting',
  sending: 'Sending',
  created: 'Created',
  duplicate: 'Already there',
  refused: 'Refused',
};

export function AddPhotosPage() {
  const client = useFetchClient();
  const { toggleNotification } = useNotification();
  const [species, setSpecies] = React.useState<SpeciesOption[] | null>(null);
  const [batchSpecies, setBatchSpecies] = React.useState<string | null>(null);
  const [publishAs, setPublishAs] = React.useState<PublishAs>('draft');
  const [rows, setRows] = React.useState<Row[]>([]);
  const [running, setRunning] = React.useState(false);
  const [dragging, setDragging] = React.useState(false);
  const input = React.useRef<HTMLInputElement>(null);

  React.useEffect(() => {
    let live = true;
    loadSpecies(client)
      .then((list) => live && setSpecies(list))
      .catch(() => {
        if (!live) return;
        setSpecies([]);
        toggleNotification({ type: 'warning', message: 'The species list could not be read; photos can still be added without a species.' });
      });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Closing the page while files are on their way: those already stored stay, the others are not sent.
  React.useEffect(() => {
    if (!running) return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [running]);

  // The batch runs longer than a render: each file reads its row as it is when its turn comes (the owner may
  // change a waiting file's species meanwhile).
  const latestRows = React.useRef(rows);
  latestRows.current = rows;

  const setRow = (key: string, change: Partial<Row>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const addFiles = (files: FileList | File[] | null) => {
    const picked = Array.from(files ?? []);
    if (picked.length === 0) return;
    setRows((current) => [
      ...current,
      ...picked.map((file) => ({
        key: `${(rowCounter += 1)}:${file.name}`,
        file,
        species: batchSpecies,
        speciesChosen: false,
        state: { status: 'ready' } as RowState,
      })),
    ]);
  };

  const changeBatchSpecies = (value: string | null) => {
    setBatchSpecies(value);
    setRows((current) => current.map((row) => (row.state.status === 'ready' && !row.speciesChosen ? { ...row, species: value } : row)));
  };

  const start = async () => {
    const waiting = rows.filter((row) => row.state.status === 'ready');
    if (waiting.length === 0) return;
    setRunning(true);
    await runEach(waiting, FILES_AT_ONCE, async (picked) => {
      const row = latestRows.current.find((one) => one.key === picked.key) ?? picked;
      setRow(row.key, { state: { status: 'sending' } });
      let outcome: Outcome;
      try {
        const photo = await sendPhoto(client, { file: row.file, species: row.species ? [row.species] : [], status: publishAs });
        outcome = createdOutcome(row.file.name, photo);
      } catch (error) {
        outcome = failedOutcome(row.file.name, asFailedCall(error));
      }
      setRow(row.key, { state: outcome });
    });
    setRunning(false);
  };

  const counts = tally(rows.map((row) => row.state));
  const finished = counts.created + counts.duplicate + counts.refused;
  const ready = rows.filter((row) => row.state.status === 'ready').length;

  return (
    <Page.Main>
      <Page.Title>Add photos</Page.Title>
      <Layouts.Header
        title="Add photos"
        subtitle="Each file becomes its own photo: its hash, EXIF and derivatives made as for any other upload. A file already in the collection is reported, not added twice."
        primaryAction={
          <Button startIcon={<Upload />} onClick={start} disabled={running || ready === 0} loading={running}>
            {ready > 0 ? `Add ${ready} ${ready === 1 ? 'photo' : 'photos'}` : 'Add photos'}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Flex gap={6} alignItems="flex-start" wrap="wrap">
              <Box minWidth="320px">
                <Field.Root name="batchSpecies" hint="Every file picked gets it; change it for one file in its row.">
                  <Field.Label>Species for the batch</Field.Label>
                  <SpeciesCombobox
                    label="Species for the batch"
                    species={species ?? []}
                    value={batchSpecies}
                    disabled={species === null}
                    onChange={changeBatchSpecies}
                  />
                  <Field.Hint />
                </Field.Root>
              </Box>
              <Box>
                <Field.Root name="publishAs">
                  <Field.Label>Add them as</Field.Label>
                  <Radio.Group
                    aria-label="Add them as"
                    value={publishAs}
                    onValueChange={(value: string) => setPublishAs(value === 'published' ? 'published' : 'draft')}
                    disabled={running}
                  >
                    <Radio.Item value="draft">Drafts (publish them later)</Radio.Item>
                    <Radio.Item value="published">Published (on the site at once)</Radio.Item>
                  </Radio.Group>
                </Field.Root>
              </Box>
            </Flex>
          </Box>

          <Box
            data-dropzone
            background={dragging ? 'primary100' : 'neutral0'}
            borderColor={dragging ? 'primary600' : 'neutral300'}
            borderStyle="dashed"
            borderWidth="2px"
            hasRadius
            padding={8}
            onDragOver={(event: React.DragEvent) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(event: React.DragEvent) => {
              event.preventDefault();
              setDragging(false);
              addFiles(event.dataTransfer.files);
            }}
          >
            <Flex direction="column" gap={3}>
              <Typography variant="delta">Drop photos here</Typography>
              <Typography textColor="neutral600">JPEG, PNG, WebP, AVIF, TIFF or HEIC, as many as you like.</Typography>
              <Button variant="secondary" onClick={() => input.current?.click()}>
                Choose files
              </Button>
              <input
                ref={input}
                type="file"
                multiple
                accept="image/*,.jpg,.jpeg,.png,.webp,.avif,.tif,.tiff,.heic,.heif"
                name="photos"
                aria-label="Photos to add"
                style={{ display: 'none' }}
                onChange={(event) => {
                  addFiles(event.target.files);
                  event.target.value = '';
                }}
              />
            </Flex>
          </Box>

          {rows.length > 0 && (
            <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Flex justifyContent="space-between" gap={4}>
                  <Flex gap={3}>
                    <Typography variant="delta" tag="h2">
                      {rows.length} {rows.length === 1 ? 'file' : 'files'}
                    </Typography>
                    {finished > 0 && !running && (
                      <Button variant="tertiary" size="S" onClick={() => setRows((current) => current.filter((row) => row.state.status === 'ready'))}>
                        Clear finished
                      </Button>
                    )}
                  </Flex>
                  <Flex gap={3} width="40%">
                    <Typography variant="pi" textColor="neutral600" style={{ whiteSpace: 'nowrap' }}>
                      {finished} of {rows.length} done
                    </Typography>
                    <Box
                      role="progressbar"
                      aria-label="Files finished"
                      aria-valuemin={0}
                      aria-valuemax={rows.length}
                      aria-valuenow={finished}
                      background="neutral150"
                      hasRadius
                      height="8px"
                      flex="1"
                      overflow="hidden"
                    >
                      <Box background="primary600" height="100%" style={{ width: `${(finished / rows.length) * 100}%`, transition: 'width 0.3s' }} />
                    </Box>
                  </Flex>
                </Flex>
                <table style={{ width: '100%', borderCollapse: 'collapse' }} aria-label="Files of the batch">
                  <thead>
                    <tr>
                      {['File', 'Species', 'Status', 'Outcome', ''].map((head) => (
                        <th key={head} style={{ textAlign: 'left', padding: '8px' }}>
                          <Typography variant="sigma" textColor="neutral600">
                            {head}
                          </Typography>
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.key} data-status={row.state.status} data-file={row.file.name} style={{ borderTop: '1px solid #eaeaef' }}>
                        <td style={{ padding: '8px', verticalAlign: 'top' }}>
                          <Typography fontWeight="semiBold">{row.file.name}</Typography>
                          <br />
                          <Typography variant="pi" textColor="neutral600">
                            {formatBytes(row.file.size)}
                          </Typography>
                        </td>
                        <td style={{ padding: '8px', verticalAlign: 'top', minWidth: '240px' }}>
                          {row.state.status === 'ready' ? (
                            <SpeciesCombobox
                              label={`Species of ${row.file.name}`}
                              species={species ?? []}
                              value={row.species}
                              disabled={species === null}
                              onChange={(value) => setRow(row.key, { species: value, speciesChosen: true })}
                            />
                          ) : (
                            <Typography textColor={row.species ? 'neutral800' : 'neutral500'}>
                              {species?.find((one) => one.documentId === row.species)?.commonName ?? 'No species'}
                            </Typography>
                          )}
                        </td>
                        <td style={{ padding: '8px', verticalAlign: 'top' }}>
                          <Typography>{ROW_LABEL[row.state.status]}</Typography>
                        </td>
                        <td style={{ padding: '8px', verticalAlign: 'top' }}>
                          <RowProgress state={row.state} />
                        </td>
                        <td style={{ padding: '8px', verticalAlign: 'top' }}>
                          {row.state.status === 'ready' && !running && (
                            <IconButton label={`Remove ${row.file.name}`} variant="ghost" onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}>
                              <Trash />
                            </IconButton>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {finished > 0 && (
                  <Box
                    data-summary
                    data-created={counts.created}
                    data-duplicate={counts.duplicate}
                    data-refused={counts.refused}
                    data-pending={counts.pending}
                    background="neutral100"
                    padding={4}
                    hasRadius
                  >
                    <Typography fontWeight="bold" role="status">
                      {counts.pending > 0 ? `So far: ${summarySentence(counts)} ${counts.pending} still to go.` : summarySentence(counts)}
                    </Typography>
                  </Box>
                )}
              </Flex>
            </Box>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}

export default AddPhotosPage;
