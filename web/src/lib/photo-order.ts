/** The orders a selection can be shown in: newest first, or as a field guide (species' taxonomic order). */
export type PhotoOrder = 'newest' | 'field-guide';

export const DEFAULT_ORDER: PhotoOrder = 'newest';

const ORDERS: readonly PhotoOrder[] = ['newest', 'field-guide'];

/** Labels for the order switch. */
export const ORDER_LABELS: Record<PhotoOrder, string> = {
  newest: 'Newest first',
  'field-guide': 'Field-guide order',
};

/**
 * An order named in a query parameter or cookie, or null when it is not one.
 *
 * @example
 * parseOrder('field-guide') // 'field-guide'
 * parseOrder('random') // null
 */
export function parseOrder(value: string | null | undefined): PhotoOrder | null {
  return ORDERS.find((order) => order === value) ?? null;
}

/**
 * Strapi `sort` for an order; ties broken by id so that pages and previous/next agree.
 *
 * @example
 * sortFor('newest') // ['takenAt:desc', 'id:desc']
 */
export function sortFor(order: PhotoOrder): string[] {
  return order === 'field-guide' ? ['species.taxonomicOrder:asc', 'takenAt:desc', 'id:desc'] : ['takenAt:desc', 'id:desc'];
}
