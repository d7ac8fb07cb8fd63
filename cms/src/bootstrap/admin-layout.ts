import type { Core } from '@strapi/strapi';

const LAYOUT_VERSION = 4;

const LABELS: Record<string, string> = {
  image: 'Image', species: 'Species', title: 'Title', caption: 'Caption', location: 'Place',
  takenAt: 'Taken at', takenAtLocal: 'Local time taken', takenYear: 'Year', takenMonth: 'Month',
  camera: 'Camera', lens: 'Lens', fNumber: 'F-number', exposureTime: 'Exposure (s)', iso: 'ISO',
  focalLength: 'Focal length (mm)', focalLength35mm: '35 mm equivalent (mm)', exposureBias: 'Exposure bias (EV)',
  latitude: 'Latitude', longitude: 'Longitude', width: 'Width (px)', height: 'Height (px)',
  sha256: 'SHA-256', derivatives: 'Derivatives',
  phash: 'Perceptual hash', lookAlikeOf: 'Looks like',
};

const READ_FROM_FILE: Record<string, string> = {
  sha256: 'SHA-256 of the original file; a second upload of the same file is refused.',
  width: 'Displayed width in pixels (orientation applied).',
  height: 'Displayed height in pixels (orientation applied).',
  derivatives: 'Thumbnail and display sizes made by the pipeline (AVIF, WebP, JPEG).',
  phash: '64-bit dHash of the picture: near-equal for a re-export or a slight re-crop.',
};

/** Editable, but set by the pipeline whenever the image changes. */
const FLAGGED_BY_PIPELINE: Record<string, string> = {
  lookAlikeOf: 'Set when this image looks like another photo\'s (a re-crop or a re-export): open it to compare; clear it once checked.',
};

// Shooting data every camera writes: read-only in the admin (the Photo panel shows it as the site
// does; "Read the file again" refreshes it). Lens, time and place stay editable: files often lack them.
const READ_ONLY_FROM_EXIF = new Set(['camera', 'fNumber', 'exposureTime', 'iso', 'focalLength', 'focalLength35mm', 'exposureBias']);

const FROM_EXIF: Record<string, string> = {
  camera: 'From EXIF (read-only: "Read the file again" refreshes it).',
  lens: 'From EXIF.',
  fNumber: 'Aperture, e.g. 6.3 for f/6.3 (from EXIF).',
  exposureTime: 'Seconds, e.g. 0.002 for 1/500 s (from EXIF).',
  iso: 'From EXIF.',
  focalLength: 'Millimetres (from EXIF).',
  focalLength35mm: '35 mm equivalent (from EXIF).',
  exposureBias: 'EV, e.g. -0.33 (from EXIF).',
  takenAt: 'When the photo was taken (EXIF DateTimeOriginal with its time zone).',
  takenAtLocal: 'The wall-clock time where the photo was taken, as the camera wrote it.',
  takenYear: 'Year on the local wall clock (for the site\'s filters).',
  takenMonth: 'Month on the local wall clock, 1–12 (for the site\'s filters).',
  latitude: 'From EXIF GPS; never shown for species that hide their location.',
  longitude: 'From EXIF GPS.',
};

/**
 * The Photo list and edit view as an owner expects them: a thumbnail, species, date and
 * camera in the list, newest first; shooting data grouped; what the file decides read-only.
 * Applied once per layout version so that later changes the owner makes in the admin stay.
 */
export async function configurePhotoAdmin(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'core', name: 'plumage' });
  if ((await store.get({ key: 'photoAdminLayout' })) === LAYOUT_VERSION) return;
  const contentTypes = strapi.plugin('content-manager').service('content-types');
  const photo = strapi.contentType('api::photo.photo');
  const config = await contentTypes.findConfiguration(photo);
  const metadatas = { ...config.metadatas };
  for (const [field, label] of Object.entries(LABELS)) {
    const meta = metadatas[field] ?? { edit: {}, list: {} };
    const description = READ_FROM_FILE[field] ?? FROM_EXIF[field] ?? FLAGGED_BY_PIPELINE[field] ?? meta.edit?.description ?? '';
    metadatas[field] = {
      ...meta,
      edit: {
        ...meta.edit,
        label,
        description,
        editable: !(field in READ_FROM_FILE) && !READ_ONLY_FROM_EXIF.has(field),
        ...(field === 'lookAlikeOf' ? { mainField: 'title' } : {}),
      },
      list: { ...meta.list, label },
    };
  }
  const row = (...fields: Array<[string, number]>) => fields.map(([name, size]) => ({ name, size }));
  await contentTypes.updateConfiguration(photo, {
    settings: { ...config.settings, mainField: 'title', defaultSortBy: 'takenAt', defaultSortOrder: 'DESC', pageSize: 20 },
    metadatas,
    layouts: {
      ...config.layouts,
      list: ['image', 'title', 'species', 'takenAt', 'camera'],
      edit: [
        row(['image', 6], ['species', 6]),
        row(['title', 6], ['location', 6]),
        row(['caption', 12]),
        row(['takenAt', 6], ['takenAtLocal', 6]),
        row(['camera', 6], ['lens', 6]),
        row(['fNumber', 4], ['exposureTime', 4], ['iso', 4]),
        row(['focalLength', 4], ['focalLength35mm', 4], ['exposureBias', 4]),
        row(['latitude', 6], ['longitude', 6]),
        row(['takenYear', 3], ['takenMonth', 3], ['width', 3], ['height', 3]),
        row(['sha256', 12]),
        row(['lookAlikeOf', 6], ['phash', 6]),
        row(['derivatives', 12]),
      ],
    },
  });
  await store.set({ key: 'photoAdminLayout', value: LAYOUT_VERSION });
}
