import type { Core } from '@strapi/strapi';
import { photoNeighbours, type NeighboursQuery } from '../../../photos/neighbours';

export default ({ strapi }: { strapi: Core.Strapi }) => ({ find: (query: NeighboursQuery) => photoNeighbours(strapi, query) });
