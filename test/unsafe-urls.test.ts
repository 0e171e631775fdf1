import { describe, expect, it } from 'vitest';
import { parseBody } from './helpers.js';
import { assertNoUnsafeUrl, assertWellFormed, urlsOf } from './invariants.js';
import { IMAGE_DATA_URLS as IMAGE_DATA, UNSAFE_URLS as UNSAFE } from './unsafe-url-vectors.js';

/** NUL (raw or `&#x00;`) becomes U+FFFD in an attribute, as in browsers; no URL parser strips it, so the first two are relative. */
/** Look-alikes a browser does not run: they must survive as ordinary (resolved) URLs. */
const HARMLESS = ['&#x00;javascript:alert(1)', '\0javascript:alert(1)', 'javascript', 'javascript-guide.html', './javascript:alert(1)', '/javascript:alert(1)', 'java script:alert(1)', '\u00a0javascript:alert(1)', 'java\0script:alert(1)'];

/** Every place a URL is read, with the value quoted the way an attacker might. */
const PLACES: { name: string; html: (value: string) => string }[] = [
  { name: 'a href', html: (value) => `<p><a href="${value}">text</a></p>` },
  { name: "a href (single-quoted)", html: (value) => `<p><a href='${value}'>text</a></p>` },
  { name: 'img src', html: (value) => `<img src="${value}">` },
  { name: 'img data-src', html: (value) => `<img data-src="${value}">` },
  { name: 'img srcset', html: (value) => `<img srcset="${value} 2x">` },
  { name: 'video src', html: (value) => `<video src="${value}"></video>` },
  { name: 'video poster', html: (value) => `<video src="/v.mp4" poster="${value}"></video>` },
  { name: 'audio src', html: (value) => `<audio src="${value}"></audio>` },
  { name: 'source src', html: (value) => `<video><source src="${value}" type="video/mp4"></video>` },
  { name: 'iframe src', html: (value) => `<iframe src="${value}"></iframe>` },
];

const SPLITS_CANDIDATE = /\S(?:[\t\n\r]|&#x0[9AD];|&Tab;|&NewLine;)/i;

function attribute(value: string): string {
  return value.replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;');
}

describe('unsafe URLs never survive', () => {
  it('has at least 40 vectors', () => {
    expect(UNSAFE.length + IMAGE_DATA.length).toBeGreaterThanOrEqual(40);
  });

  for (const place of PLACES) {
    it.each(UNSAFE)(`${place.name}: %j is dropped with UNSAFE_URL`, (vector) => {
      const article = parseBody(place.html(attribute(vector)));
      assertWellFormed(article);
      assertNoUnsafeUrl(article);
      // A srcset candidate ends at white space: what is left of such a vector is a harmless relative URL.
      if (place.name === 'img srcset' && SPLITS_CANDIDATE.test(vector)) {
        expect(article.media).toEqual([expect.objectContaining({ src: expect.stringMatching(/^https:\/\/news\.example\/story\/(java|jav)$/) })]);
        return;
      }
      expect(article.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['UNSAFE_URL']);
      if (place.name.startsWith('a href')) expect(article.body).toEqual([{ type: 'paragraph', text: 'text', inlines: [{ type: 'text', value: 'text' }] }]);
      if (place.name === 'video poster') expect(article.media).toEqual([expect.objectContaining({ type: 'video', poster: null })]);
      if (place.name === 'source src') expect(article.media).toEqual([expect.objectContaining({ type: 'video', sources: [] })]);
      if (!['video poster', 'source src'].includes(place.name) && !place.name.startsWith('a href')) expect(article.media).toEqual([]);
    });

    it.each(IMAGE_DATA)(`${place.name}: image data %j only as an image source or a poster`, (vector) => {
      const article = parseBody(place.html(attribute(vector)));
      assertNoUnsafeUrl(article);
      const allowed = place.name.startsWith('img') || place.name === 'video poster';
      expect(article.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(allowed ? [] : ['UNSAFE_URL']);
      if (allowed) expect(urlsOf(article).some(({ url }) => url.toLowerCase().startsWith('data:image/'))).toBe(true);
    });

    it.each(HARMLESS)(`${place.name}: look-alike %j stays, resolved`, (vector) => {
      const article = parseBody(place.html(attribute(vector)));
      assertNoUnsafeUrl(article);
      expect(article.diagnostics.filter((diagnostic) => diagnostic.code === 'UNSAFE_URL')).toEqual([]);
      const urls = urlsOf(article).map(({ url }) => url);
      expect(urls.some((url) => url.startsWith('https://news.example/'))).toBe(true);
    });
  }
});
