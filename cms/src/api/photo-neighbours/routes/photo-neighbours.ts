// GET /api/photos/:documentId/neighbours?species=..&year=..&month=..&order=newest|field-guide: a photo's position in a
// selection, the total and its previous and next (documentIds only), for the photo page's previous/next in one
// request. Read-only: its action is `find`, so the site's read-only token may call it; the public role may not.
export default {
  routes: [{ method: 'GET', path: '/photos/:documentId/neighbours', handler: 'photo-neighbours.find', config: { policies: [] } }],
};
