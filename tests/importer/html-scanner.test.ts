import { describe, expect, test } from 'vitest';
import { decodeEntities } from '../../scripts/import/gallery/html-entities';
import { parseAttributes, parseHtml, textContent } from '../../scripts/import/gallery/html-tree';
import { isImageUrl, linkedPageHrefs, scanGalleryHtml } from '../../scripts/import/gallery/scan-gallery-html';

const captionsOf = (html: string) => scanGalleryHtml(html).map((image) => ({ href: image.href, captions: image.captions.map((c) => `${c.source}: ${c.text}`) }));

describe('scanGalleryHtml: the markup of gallery libraries', () => {
  test.each([
    {
      name: 'Lightbox2 (data-lightbox, data-title)',
      html: `<a href="images/yellow-warbler.jpg" data-lightbox="spring" data-title="Yellow Warbler, Magee Marsh, Ohio, May 2019"><img src="thumbs/yellow-warbler.jpg" alt="Yellow Warbler"></a>`,
      output: [{ href: 'images/yellow-warbler.jpg', captions: ['data-title: Yellow Warbler, Magee Marsh, Ohio, May 2019', 'alt: Yellow Warbler'] }],
    },
    {
      name: 'Lightbox2 with markup inside data-title',
      html: `<a href='big/1.jpg' data-lightbox=set data-title="&lt;b&gt;Snowy Owl&lt;/b&gt;, Duluth"><img src=small/1.jpg></a>`,
      output: [{ href: 'big/1.jpg', captions: ['data-title: Snowy Owl, Duluth'] }],
    },
    {
      name: 'Fancybox (data-fancybox, data-caption)',
      html: `<a data-fancybox="gallery" href="photos/chat.jpg" data-caption="Yellow-breasted Chat &amp; friends, High Island"><img src="photos/chat_t.jpg" /></a>`,
      output: [{ href: 'photos/chat.jpg', captions: ['data-caption: Yellow-breasted Chat & friends, High Island'] }],
    },
    {
      name: 'Fancybox with data-src on a non-link',
      html: `<div data-fancybox="g" data-src="photos/owl.jpg" data-caption="Snowy Owl"><img src="photos/owl_t.jpg" alt="owl"></div>`,
      output: [{ href: 'photos/owl.jpg', captions: ['data-caption: Snowy Owl', 'alt: owl'] }],
    },
    {
      name: 'PhotoSwipe 4 (figure, itemprop, figcaption)',
      html: `<div class="my-gallery" itemscope itemtype="http://schema.org/ImageGallery">
        <figure itemprop="associatedMedia" itemscope itemtype="http://schema.org/ImageObject">
          <a href="large/wood-duck.jpg" itemprop="contentUrl" data-size="1600x1067"><img src="small/wood-duck.jpg" itemprop="thumbnail" alt="Image description" /></a>
          <figcaption itemprop="caption description">Wood Duck, Montezuma NWR, New York, October 2020</figcaption>
        </figure></div>`,
      output: [{ href: 'large/wood-duck.jpg', captions: ['figcaption: Wood Duck, Montezuma NWR, New York, October 2020', 'alt: Image description'] }],
    },
    {
      name: 'PhotoSwipe 5 (data-pswp-width, hidden caption element)',
      html: `<div id="gallery"><a href="img/heron.jpg" data-pswp-width="1600" data-pswp-height="1067" target="_blank">
        <img src="img/heron-thumb.jpg" alt="" /><span class="pswp-caption-content">Great Blue Heron, Everglades, Florida, 2017</span></a></div>`,
      output: [{ href: 'img/heron.jpg', captions: ['pswp-caption: Great Blue Heron, Everglades, Florida, 2017'] }],
    },
    {
      name: 'figure with figcaption and no link',
      html: `<figure><img src="photos/2019/robin.jpg" alt="American Robin"><figcaption>American Robin<br>Central Park, New York, April 2019</figcaption></figure>`,
      output: [{ href: 'photos/2019/robin.jpg', captions: ['figcaption: American Robin Central Park, New York, April 2019', 'alt: American Robin'] }],
    },
    {
      name: 'plain images with alt and title',
      html: `<p><img src="a.jpg" alt="Blue Jay, backyard" title="Blue Jay at the feeder, Ohio, 2016"> <img src="b.png" alt="Northern Cardinal"></p>`,
      output: [
        { href: 'a.jpg', captions: ['title: Blue Jay at the feeder, Ohio, 2016', 'alt: Blue Jay, backyard'] },
        { href: 'b.png', captions: ['alt: Northern Cardinal'] },
      ],
    },
    {
      name: 'a plain link with a title',
      html: `<a href="full/eagle.JPG?v=2" title="Bald Eagle, Conowingo Dam, 2018"><img src="thumb/eagle.jpg" alt="IMG_4411"></a>`,
      output: [{ href: 'full/eagle.JPG?v=2', captions: ['title: Bald Eagle, Conowingo Dam, 2018'] }],
    },
  ])('$name', ({ html, output }) => {
    expect(captionsOf(html)).toEqual(output);
  });
});

describe('scanGalleryHtml: what is not a photograph', () => {
  test.each([
    { name: 'a thumbnail linking to a page of the site', html: `<a href="photo-12.html"><img src="thumbs/12.jpg" alt="Yellow Warbler"></a>`, output: [] },
    { name: 'a logo and an icon', html: `<img src="img/logo.png" alt="My birds"><img src="icons/arrow-left.gif">`, output: [] },
    { name: 'an SVG', html: `<img src="bird.svg" alt="Yellow Warbler">`, output: [] },
    { name: 'links to other things', html: `<a href="about.html">About</a><a href="mailto:me@example.org">me</a><a href="notes.pdf">notes</a>`, output: [] },
    { name: 'markup inside a script or a comment', html: `<script>var s = '<a href="x.jpg">';</script><!-- <img src="old.jpg"> -->`, output: [] },
  ])('$name', ({ html, output }) => {
    expect(scanGalleryHtml(html)).toEqual(output);
  });

  test('an image linking to another site is still a photograph', () => {
    expect(scanGalleryHtml('<a href="https://flickr.com/p/1"><img src="photos/jay.jpg" alt="Blue Jay"></a>').map((i) => i.href)).toEqual(['photos/jay.jpg']);
  });

  test('an image linked twice is one photograph with the captions of both', () => {
    const html = `<a href="big/1.jpg" data-title="Sora"><img src="t/1.jpg"></a> <a href="big/1.jpg" title="Sora, Horicon Marsh">again</a>`;
    expect(captionsOf(html)).toEqual([{ href: 'big/1.jpg', captions: ['data-title: Sora', 'title: Sora, Horicon Marsh'] }]);
  });

  test('srcset: the largest candidate is the photograph', () => {
    expect(scanGalleryHtml('<img src="s.jpg" srcset="s.jpg 400w, m.jpg 800w, l.jpg 1600w" alt="x y">').map((i) => i.href)).toEqual(['l.jpg']);
  });

  test('unclosed elements and stray end tags do not lose images', () => {
    const html = `<ul><li><a href="a.jpg" title="One Warbler"><img src="ta.jpg"></a><li><a href="b.jpg"><img src="tb.jpg" alt="Two"></a></div></ul>`;
    expect(captionsOf(html)).toEqual([
      { href: 'a.jpg', captions: ['title: One Warbler'] },
      { href: 'b.jpg', captions: ['alt: Two'] },
    ]);
  });
});

describe('the HTML reader', () => {
  test.each([
    { input: 'href="a b.jpg" data-title=\'It&#39;s\' hidden', output: { href: 'a b.jpg', 'data-title': "It's", hidden: '' } },
    { input: 'SRC=x.jpg ALT = "Up"', output: { src: 'x.jpg', alt: 'Up' } },
    { input: 'title="first" title="second"', output: { title: 'first' } },
    { input: 'alt="a > b"', output: { alt: 'a > b' } },
  ])('parseAttributes($input)', ({ input, output }) => {
    expect(parseAttributes(input)).toEqual(output);
  });

  test.each([
    { input: 'Cooper&#8217;s Hawk &amp; chick', output: 'Cooper’s Hawk & chick' },
    { input: '&#x2014;&nbsp;&eacute;&unknown;', output: '— é&unknown;' },
    { input: 'AT&T', output: 'AT&T' },
  ])('decodeEntities($input)', ({ input, output }) => {
    expect(decodeEntities(input)).toBe(output);
  });

  test('a > inside a quoted attribute does not end the tag', () => {
    expect(textContent(parseHtml('<p title="a > b">text</p>'))).toBe('text');
  });

  test.each([
    { input: 'photo.jpg', output: true },
    { input: 'photo.JPEG?x=1#y', output: true },
    { input: 'photo.tif', output: true },
    { input: 'page.html', output: false },
    { input: 'data:image/jpeg;base64,xx.jpg', output: false },
  ])('isImageUrl($input)', ({ input, output }) => expect(isImageUrl(input)).toBe(output));

  test('linkedPageHrefs: local pages only', () => {
    expect(linkedPageHrefs('<a href="page2.html">2</a><a href="sub/">s</a><a href="https://x.org/a.html">x</a><a href="#top">t</a><a href="big.jpg">b</a>')).toEqual(['page2.html', 'sub/']);
  });
});
