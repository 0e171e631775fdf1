import { countCodePoints, countWords } from '../text/measure.js';
import { collapseWhitespace } from '../text/whitespace.js';
import type { Article, Block, Dateline, Diagnostic, Header, Inline, Link, Media, Paragraph, SeedParserCallbacks, Stats } from '../types.js';
import { textOfInlines } from '../blocks/inline-collector.js';
import { readDateline } from './dateline.js';

/**
 * The article stage: takes body blocks in order, decides the dateline
 * (rule 7) and the lead (rule 8) from the first of them, passes each on to
 * the callbacks as soon as its place is known, and assembles the Article
 * (links, text and stats: rules 10 and 11).
 */
export interface ArticleBuilder {
  add(block: Block, leadClass: boolean): void;
  finish(header: Header, diagnostics: Diagnostic[]): Article;
}

export function createArticleBuilder(callbacks: SeedParserCallbacks): ArticleBuilder {
  let dateline: Dateline | null = null;
  let lead: Paragraph | null = null;
  let first = true;
  let leadDecided = false;
  const body: Block[] = [];
  const media: Media[] = [];
  const links: Link[] = [];
  const texts: string[] = [];
  let paragraphs = 0;

  function addText(block: Block): void {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        collectLinks(block.inlines, links);
        texts.push(block.text);
        return;
      case 'quote':
        for (const paragraph of block.blocks) collectLinks(paragraph.inlines, links);
        texts.push(block.text);
        return;
      case 'list':
        for (const item of block.items) collectLinks(item.inlines, links);
        texts.push(block.items.map((item) => item.text).join('\n'));
        return;
      default:
        return;
    }
  }

  return {
    add(block, leadClass) {
      if (first) {
        first = false;
        const found = block.type === 'paragraph' ? readDateline(block.text) : null;
        if (found !== null) {
          dateline = found;
          callbacks.onDateline?.(found);
          return;
        }
      }
      if (!leadDecided && !isMedia(block)) {
        leadDecided = true;
        if (block.type === 'paragraph' && (leadClass || isWhollyStrong(block))) {
          lead = block;
          paragraphs++;
          addText(block);
          callbacks.onLead?.(block);
          return;
        }
      }
      body.push(block);
      if (isMedia(block)) media.push(block);
      else if (block.type === 'paragraph') paragraphs++;
      addText(block);
      callbacks.onBlock?.(block);
    },
    finish(header, diagnostics) {
      const text = texts.join('\n\n');
      return {
        header,
        dateline,
        lead,
        body,
        media,
        links,
        text,
        stats: createStats(paragraphs, media.length, text),
        diagnostics,
      };
    },
  };
}

function isMedia(block: Block): block is Media {
  return block.type === 'image' || block.type === 'video' || block.type === 'audio' || block.type === 'embed';
}

/** Rule 8: the paragraph's whole non-blank content is inside one `<strong>` or `<b>`. */
function isWhollyStrong(paragraph: Paragraph): boolean {
  return paragraph.inlines.length === 1 && paragraph.inlines[0]?.type === 'strong';
}

function collectLinks(inlines: readonly Inline[], links: Link[]): void {
  for (const inline of inlines) {
    if (inline.type === 'link') {
      links.push({ href: inline.href, text: collapseWhitespace(textOfInlines(inline.children, ' ')) });
    }
    if ('children' in inline) collectLinks(inline.children, links);
  }
}

/**
 * `words` is counted on first read: word segmentation can cost more than the rest
 * of a parse, and many readers never look at it. It is an ordinary enumerable
 * property to JSON, `structuredClone`, spreading and deep equality. On first
 * read it becomes a plain data property, unless the stats are sealed or frozen
 * by then: it is then counted once and stays what it was.
 *
 * Every stats object shares one getter and one setter, and the text waiting
 * to be counted (then the count) is kept aside, in `wordsOf`. An accessor
 * made of new functions for each parse would give every stats object a hidden
 * class of its own: a new map in the old generation per parse, garbage that
 * only a full collection frees.
 */
const wordsOf = new WeakMap<object, string | number>();

function createStats(paragraphs: number, mediaCount: number, text: string): Stats {
  const stats = { paragraphs, media: mediaCount, characters: countCodePoints(text) } as Stats;
  wordsOf.set(stats, text);
  Object.defineProperty(stats, 'words', WORDS);
  return stats;
}

const WORDS: PropertyDescriptor = { get: readWords, set: writeWords, enumerable: true, configurable: true };

function readWords(this: object): number {
  let holder: object | null = this;
  while (holder !== null && !wordsOf.has(holder)) holder = Object.getPrototypeOf(holder) as object | null;
  if (holder === null) return 0;
  let words = wordsOf.get(holder) as string | number;
  if (typeof words === 'string') {
    words = countWords(words);
    wordsOf.set(holder, words);
  }
  if (Object.getOwnPropertyDescriptor(holder, 'words')?.configurable === true) {
    Object.defineProperty(holder, 'words', { value: words, enumerable: true, writable: true, configurable: true });
  }
  return words;
}

function writeWords(this: object, value: number): void {
  Object.defineProperty(this, 'words', { value, enumerable: true, writable: true, configurable: true });
}
