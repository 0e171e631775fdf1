import { describe, expect, it } from 'vitest';
import { parseBody } from './helpers.js';
import { assertNoUnsafeUrl, assertWellFormed, urlsOf } from './invariants.js';

/** Ways of writing a dangerous URL in an attribute value (as it stands in the HTML source). */
const UNSAFE = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'JAVASCRIPT:alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;avascript:alert(1)',
  '&#X6a;avascript:alert(1)',
  '&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)',
  '&#x6a&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3a;alert(1)',
  'jav&#97;script:alert(1)',
  'javascript&colon;alert(1)',
  'javascript&#58;alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'java\rscript:alert(1)',
  'java&#x09;script:alert(1)',
  'java&#x0A;script:alert(1)',
  'java&#x0D;script:alert(1)',
  'java&Tab;script:alert(1)',
  'java&NewLine;script:alert(1)',
  ' javascript:alert(1)',
  '   \t javascript:alert(1)  ',
  '\x01javascript:alert(1)',
  '\x1fjavascript:alert(1)',
  '&#x0C;javascript:alert(1)',
  '&#x09;javascript:alert(1)',
  '&#x20;javascript:alert(1)',
  'javascript:alert(1)\x00',
  'vbscript:msgbox(1)',
  'VBScript:msgbox(1)',
  'vb&#x73;cript:msgbox(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'DATA:text/html,x',
  'd&#97;ta:text/html,x',
  ' data:text/html,x',
  'data:application/xhtml+xml,x',
  'data:,plain',
  'jav\tas\ncr\tipt:alert(1)',
  'javascript://%0Aalert(1)',
  'javascript:void(0)',
];

/** Dangerous as a link or a media source, allowed only as an image `src` or a video `poster`. */
const IMAGE_DATA = ['data:image/svg+xml,<svg onload=alert(1)>', 'data:image/png;base64,AAAA', 'DATA:IMAGE/GIF;base64,R0lGOD'];

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
