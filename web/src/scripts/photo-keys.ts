/** Whether a key press belongs to something else on the page (typing, a modifier shortcut). */
function isForSomethingElse(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return true;
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** ← and → follow the page's `rel="prev"` and `rel="next"` links. */
export function enableArrowKeys(root: Document): void {
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    if (isForSomethingElse(event)) return;
    const link = root.querySelector<HTMLAnchorElement>(event.key === 'ArrowLeft' ? 'a[rel="prev"]' : 'a[rel="next"]');
    if (link === null) return;
    event.preventDefault();
    link.click();
  });
}
