// Loaded before the core router (file order), so /photos/ingest is not taken for /photos/:id.
export default {
  routes: [{ method: 'POST', path: '/photos/ingest', handler: 'photo.ingest', config: { policies: [] } }],
};
