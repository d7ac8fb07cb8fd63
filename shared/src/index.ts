export * from './types.js';
export * from './format.js';
export * from './exif-values.js';
export * from './derivative-spec.js';
export * from './selection.js';
export * from './media-location.js';
export * from './http-url.js';
