import { BLOCK_SEPARATOR } from '../blocks/joins.js';
import { measureText } from '../text/measure.js';
import { collapseWhitespace } from '../text/whitespace.js';
import type { Article, Block, Dateline, Diagnostic, Header, Inline, Link, Media, Paragraph, SeedParserCallbacks } from '../types.js';
import { textOfInlines, type InlineSource } from '../blocks/inlines.js';
import { readDateline } from './dateline.js';
import { isLead } from './lead.js';

/**
 * The article stage: takes body blocks in order, decides the dateline
 * (rule 7) and the lead (rule 8) from the first of them, passes each on to
 * the callbacks as soon as its place is known, and assembles the Article:
 * links (rule 9), text (rule 10) and stats (rule 11), all plain data.
 */
export interface ArticleBuilder {
  add(block: Block, paragraphClass: string | null): void;
  finish(header: Header, diagnostics: Diagnostic[]): Article;
}

export function createArticleBuilder(callbacks: SeedParserCallbacks): ArticleBuilder {
  return new Assembly(callbacks);
}

class Assembly implements ArticleBuilder {
  private readonly callbacks: SeedParserCallbacks;
  private dateline: Dateline | null = null;
  private lead: Paragraph | null = null;
  private first = true;
  private leadDecided = false;
  private readonly body: Block[] = [];
  private readonly media: Media[] = [];
  private readonly links: Link[] = [];
  /** How many of the lead and the body's blocks have a text (rule 10). */
  private texts = 0;
  private paragraphs = 0;

  constructor(callbacks: SeedParserCallbacks) {
    this.callbacks = callbacks;
  }

  add(block: Block, paragraphClass: string | null): void {
    if (this.first) {
      this.first = false;
      const found = block.type === 'paragraph' ? readDateline(block.text) : null;
      if (found !== null) {
        this.dateline = found;
        this.callbacks.onDateline?.(found);
        return;
      }
    }
    if (!this.leadDecided && !isMedia(block)) {
      this.leadDecided = true;
      if (isLead(block, paragraphClass)) {
        this.lead = block;
        this.read(block);
        this.callbacks.onLead?.(block);
        return;
      }
    }
    this.body.push(block);
    this.read(block);
    this.callbacks.onBlock?.(block);
  }

  finish(header: Header, diagnostics: Diagnostic[]): Article {
    const text = this.joinTexts();
    const { characters, words } = measureText(text);
    return {
      header,
      dateline: this.dateline,
      lead: this.lead,
      body: this.body,
      media: this.media,
      links: this.links,
      text,
      stats: { paragraphs: this.paragraphs, media: this.media.length, characters, words },
      diagnostics,
    };
  }

  /**
   * Rule 10: the texts of the lead and of the body's blocks, in order, joined. They are gathered
   * here, into an array of exactly their number, rather than pushed as the blocks come: an array
   * grown by push leaves each smaller copy behind (in the large-object space once past 128 KB)
   * until the next full collection, and the parse ends at its peak.
   */
  private joinTexts(): string {
    const texts = new Array<string>(this.texts);
    let count = 0;
    if (this.lead !== null) texts[count++] = this.lead.text;
    for (const block of this.body) if (!isMedia(block)) texts[count++] = block.text;
    return texts.join(BLOCK_SEPARATOR);
  }

  /** The block's links and text (rules 9, 10). */
  private read(block: Block): void {
    const { links } = this;
    switch (block.type) {
      case 'paragraph':
        this.paragraphs++;
        collectLinks(block.inlines, links);
        this.texts++;
        return;
      case 'heading':
        collectLinks(block.inlines, links);
        this.texts++;
        return;
      case 'quote':
        for (const paragraph of block.blocks) collectLinks(paragraph.inlines, links);
        this.texts++;
        return;
      case 'list':
        for (const item of block.items) collectLinks(item.inlines, links);
        this.texts++;
        return;
      case 'code':
        this.texts++;
        return;
      case 'image':
        this.media.push(block);
        if (block.link !== null) links.push(imageLink(block.link, block.alt));
        return;
      default:
        this.media.push(block);
    }
  }
}

function isMedia(block: Block): block is Media {
  return block.type === 'image' || block.type === 'video' || block.type === 'audio' || block.type === 'embed';
}

/** Rule 10: the link of a linked image, its text the `alt` read as a link's text (one line, trimmed), or `""`. */
export function imageLink(href: string, alt: string | null | undefined): Link {
  return { href, text: alt === null || alt === undefined ? '' : collapseWhitespace(alt) };
}

/** Rule 10: the links of inlines, each with its text (a break read as a space), in document order. */
export function collectLinks(inlines: readonly InlineSource[], links: Link[]): void {
  for (const inline of inlines) {
    if (inline.type === 'link') links.push({ href: inline.href, text: collapseWhitespace(textOfInlines(inline.children, ' ')) });
    if (inline.type === 'link' || inline.type === 'strong' || inline.type === 'emphasis') collectLinks(inline.children, links);
  }
}
