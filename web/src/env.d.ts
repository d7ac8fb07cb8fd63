/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The visitor's selection, from the cookie (the empty selection when the cookie is absent or not ours). */
    selection: import('@plumage/shared').Selection;
    /** The order the visitor chose for the gallery and previous/next. */
    order: import('./lib/photo-order').PhotoOrder;
    /** Fires when this request's budget for Strapi (STRAPI_TIMEOUT_MS, default 3 s) is spent. */
    deadline: AbortSignal;
  }
}
