import { factories } from '@strapi/strapi';
import { ingestPhoto, type IngestInput } from '../../../photos/ingest';

export default factories.createCoreService('api::photo.photo', ({ strapi }) => ({
  ingest: (input: IngestInput) => ingestPhoto(strapi, input),
}));
