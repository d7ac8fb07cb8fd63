import { factories } from '@strapi/strapi';
import { ingestPhoto, type IngestInput } from '../../../photos/ingest';
import {
  addPhotoFromAdmin,
  displayPreview,
  photoCountsBySpecies,
  readFileAgain,
  replacePhotoImage,
  speciesOfPhotos,
  type AdminPhotoFields,
} from '../../../photos/admin-photos';

export default factories.createCoreService('api::photo.photo', ({ strapi }) => ({
  ingest: (input: IngestInput) => ingestPhoto(strapi, input),
  addFromAdmin: (input: { file: unknown; fields: AdminPhotoFields; status: 'draft' | 'published' }) => addPhotoFromAdmin(strapi, input),
  readFileAgain: (documentId: string) => readFileAgain(strapi, documentId),
  replaceImage: (documentId: string, file: unknown) => replacePhotoImage(strapi, documentId, file),
  displayPreview: (documentId: string) => displayPreview(strapi, documentId),
  photoCountsBySpecies: () => photoCountsBySpecies(strapi),
  speciesOfPhotos: (documentIds: string[]) => speciesOfPhotos(strapi, documentIds),
}));
