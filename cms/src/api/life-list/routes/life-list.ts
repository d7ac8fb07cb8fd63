// GET /api/life-list: per-species counts and first photos in one answer (the site's life list, gallery form and
// sitemap). Read-only: its action is `find`, so the site's read-only token may call it; the public role may not.
export default {
  routes: [{ method: 'GET', path: '/life-list', handler: 'life-list.find', config: { policies: [] } }],
};
