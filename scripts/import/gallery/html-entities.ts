// The named references gallery captions use; anything else numeric is decoded by number.
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', middot: '·', bull: '•',
  copy: '©', reg: '®', deg: '°', frac12: '½', times: '×', eacute: 'é', egrave: 'è', ecirc: 'ê',
  aacute: 'á', agrave: 'à', acirc: 'â', iacute: 'í', oacute: 'ó', ouml: 'ö', uuml: 'ü', auml: 'ä',
  ntilde: 'ñ', ccedil: 'ç', szlig: 'ß', uacute: 'ú',
};

/**
 * Text with HTML character references replaced: `&amp;`, `&#8217;`, `&#x2019;` and the common named ones.
 * Unknown names stay as written.
 *
 * @example
 * decodeEntities('Cooper&#8217;s Hawk &amp; chick') // 'Cooper’s Hawk & chick'
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);?/gi, (all, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    const named = NAMED[ref.toLowerCase()];
    return named ?? all;
  });
}
