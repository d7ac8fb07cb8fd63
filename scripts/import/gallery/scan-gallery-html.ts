import { closest, descendants, hasClass, parseHtml, textContent, type HtmlElement } from './html-tree';

/** Where a caption came from, best first: what the gallery library shows, then what the page says. */
export type CaptionSource = 'data-title' | 'data-caption' | 'data-sub-html' | 'pswp-caption' | 'figcaption' | 'title' | 'alt';

export interface GalleryImage {
  /** The full-size image as the page links it (relative or absolute URL, as written). */
  href: string;
  /** Caption candidates, best first. */
  captions: Array<{ source: CaptionSource; text: string }>;
}

const IMAGE_EXTENSION = /\.(jpe?g|png|webp|avif|tiff?|heic|heif|gif)$/i;
// Page furniture, not photographs.
const NOT_A_PHOTO = /(^|[/_.-])(logo|icon|favicon|spacer|banner|sprite|pixel|button|arrow|loading)s?([/_.-]|$)/i;

/** True when a URL points at an image file (query and fragment ignored). */
export function isImageUrl(url: string): boolean {
  const bare = url.split(/[?#]/)[0] ?? '';
  return IMAGE_EXTENSION.test(bare) && !/^(data|javascript|mailto):/i.test(url);
}

/** True when a link goes to another page of the site (which the importer reads too), not to an image. */
function isPageUrl(url: string): boolean {
  const bare = url.split(/[?#]/)[0] ?? '';
  return bare !== '' && !isImageUrl(url) && !/^(javascript|mailto|data):/i.test(url);
}

/** Text of a caption attribute that may hold markup (Lightbox2 and Fancybox allow HTML there). */
function attributeText(value: string | undefined): string {
  if (!value) return '';
  return value.includes('<') ? textContent(parseHtml(value)) : value.replace(/\s+/g, ' ').trim();
}

// Words galleries put in alt and title that say nothing about the bird.
const EMPTY_CAPTION = /^(image|photo|picture|thumbnail|thumb|click to enlarge|enlarge|view|zoom|open|untitled|img|dsc|\d+)$/i;
const FILE_NAME = /^[\w.-]+\.(jpe?g|png|webp|avif|tiff?|heic|gif)$|^(img|dsc|dscn|dsc_|p|pict|_mg)[-_]?\d+$/i;

function meaningful(text: string): boolean {
  return text !== '' && !EMPTY_CAPTION.test(text) && !FILE_NAME.test(text);
}

function push(captions: GalleryImage['captions'], source: CaptionSource, text: string): void {
  if (meaningful(text) && !captions.some((caption) => caption.text === text)) captions.push({ source, text });
}

/** The biggest candidate of a `srcset` ("a.jpg 800w, b.jpg 1600w" → "b.jpg"). */
function largestInSrcset(srcset: string | undefined): string | null {
  if (!srcset) return null;
  let best: { url: string; size: number } | null = null;
  for (const candidate of srcset.split(/,\s+/)) {
    const [url, descriptor = '1x'] = candidate.trim().split(/\s+/);
    if (!url) continue;
    const size = parseFloat(descriptor) * (descriptor.endsWith('w') ? 1 : 1000);
    if (!best || size > best.size) best = { url, size };
  }
  return best?.url ?? null;
}

/** Captions an image link carries itself, by library: Lightbox2, Fancybox, lightGallery, PhotoSwipe. */
function linkCaptions(link: HtmlElement, captions: GalleryImage['captions']): void {
  push(captions, 'data-title', attributeText(link.attrs['data-title']));
  push(captions, 'data-caption', attributeText(link.attrs['data-caption']));
  push(captions, 'data-sub-html', attributeText(link.attrs['data-sub-html']));
  for (const inner of descendants(link)) {
    // PhotoSwipe 5's dynamic-caption plugin reads a hidden element inside the link.
    if (hasClass(inner, 'pswp-caption-content')) push(captions, 'pswp-caption', textContent(inner));
  }
}

/** Captions from around an image: the figure's figcaption (PhotoSwipe 4 markup, plain figures), title, alt. */
function surroundingCaptions(element: HtmlElement, img: HtmlElement | null, link: HtmlElement | null, captions: GalleryImage['captions']): void {
  const figure = closest(element, 'figure') ?? (element.name === 'figure' ? element : null);
  if (figure) {
    for (const inner of descendants(figure)) if (inner.name === 'figcaption') push(captions, 'figcaption', textContent(inner));
  }
  if (link) push(captions, 'title', attributeText(link.attrs.title));
  if (img) {
    push(captions, 'title', attributeText(img.attrs.title));
    push(captions, 'alt', attributeText(img.attrs.alt));
  }
}

/** The full-size image a link opens, by library convention: Fancybox's data-src, PhotoSwipe 5's data-pswp-src, else href. */
function linkTarget(link: HtmlElement): string | null {
  for (const candidate of [link.attrs['data-src'], link.attrs['data-pswp-src'], link.attrs.href, link.attrs['data-href']]) {
    if (candidate && isImageUrl(candidate.trim())) return candidate.trim();
  }
  return null;
}

/** A link-like element: an anchor, or any element a lightbox library opens (Fancybox, PhotoSwipe 5). */
function isLinkLike(element: HtmlElement): boolean {
  return element.name === 'a' || element.attrs['data-fancybox'] !== undefined || element.attrs['data-pswp-src'] !== undefined;
}

/**
 * An image inside a link to a full-size image, or to another page of the same site: a thumbnail,
 * whose photograph the link (or that page) gives. A link to another site does not make a thumbnail.
 */
function isThumbnail(img: HtmlElement): boolean {
  for (let open = img.parent; open; open = open.parent) {
    if (!isLinkLike(open)) continue;
    if (linkTarget(open)) return true;
    const href = open.attrs.href ?? '';
    return isPageUrl(href) && !/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('//') && !href.startsWith('#');
  }
  return false;
}

/**
 * The photographs a static gallery page shows and their captions: links to full-size images
 * (whatever thumbnail they wrap), and images standing on their own (not thumbnails linking to
 * another page, not page furniture such as logos).
 *
 * @example
 * scanGalleryHtml('<a href="big/yw.jpg" data-lightbox="set" data-title="Yellow Warbler, Ohio"><img src="thumbs/yw.jpg"></a>')
 * // [{ href: 'big/yw.jpg', captions: [{ source: 'data-title', text: 'Yellow Warbler, Ohio' }] }]
 */
export function scanGalleryHtml(html: string): GalleryImage[] {
  const root = parseHtml(html);
  const found = new Map<string, GalleryImage>();
  const add = (href: string, captions: GalleryImage['captions']) => {
    const existing = found.get(href);
    if (!existing) found.set(href, { href, captions });
    else for (const caption of captions) push(existing.captions, caption.source, caption.text);
  };

  for (const element of descendants(root)) {
    if (isLinkLike(element)) {
      const target = linkTarget(element);
      if (!target) continue;
      const captions: GalleryImage['captions'] = [];
      linkCaptions(element, captions);
      const img = [...descendants(element)].find((inner) => inner.name === 'img') ?? null;
      surroundingCaptions(element, img, element, captions);
      add(target, captions);
      continue;
    }
    if (element.name !== 'img') continue;
    if (isThumbnail(element)) continue;
    const src = largestInSrcset(element.attrs.srcset) ?? element.attrs.src ?? element.attrs['data-src'] ?? '';
    if (!isImageUrl(src) || NOT_A_PHOTO.test(src.split(/[?#]/)[0]!)) continue;
    const captions: GalleryImage['captions'] = [];
    surroundingCaptions(element, element, null, captions);
    add(src.trim(), captions);
  }
  return [...found.values()];
}

/**
 * The other pages of the same site a page links to (relative links to .html/.htm files or to
 * folders), so that a gallery given by its first page is read whole.
 *
 * @example
 * linkedPageHrefs('<a href="page2.html">next</a> <a href="https://example.org/">elsewhere</a>') // ['page2.html']
 */
export function linkedPageHrefs(html: string): string[] {
  const out = new Set<string>();
  for (const element of descendants(parseHtml(html))) {
    if (element.name !== 'a') continue;
    const href = (element.attrs.href ?? '').trim();
    if (!href || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//') || href.startsWith('#')) continue;
    const bare = href.split(/[?#]/)[0]!;
    if (/\.html?$/i.test(bare) || bare.endsWith('/')) out.add(bare);
  }
  return [...out];
}
