import type { Core } from '@strapi/strapi';
import { readLifeList } from '../../../species/life-list';

export default ({ strapi }: { strapi: Core.Strapi }) => ({ find: () => readLifeList(strapi) });
