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
  private readonly texts: string[] = [];
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
    const text = this.texts.join(BLOCK_SEPARATOR);
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

  /** The block's links and text (rules 9, 10). */
  private read(block: Block): void {
    const { links, texts } = this;
    switch (block.type) {
      case 'paragraph':
        this.paragraphs++;
        collectLinks(block.inlines, links);
        texts.push(block.text);
        return;
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
        texts.push(block.text);
        return;
      case 'code':
        texts.push(block.text);
        return;
      case 'image':
        this.media.push(block);
        if (block.link !== null) links.push({ href: block.link, text: block.alt ?? '' });
        return;
      default:
        this.media.push(block);
    }
  }
}

function isMedia(block: Block): block is Media {
  return block.type === 'image' || block.type === 'video' || block.type === 'audio' || block.type === 'embed';
}

/** Rule 10: the links of inlines, each with its text (a break read as a space), in document order. */
export function collectLinks(inlines: readonly InlineSource[], links: Link[]): void {
  for (const inline of inlines) {
    if (inline.type === 'link') links.push({ href: inline.href, text: collapseWhitespace(textOfInlines(inline.children, ' ')) });
    if (inline.type === 'link' || inline.type === 'strong' || inline.type === 'emphasis') collectLinks(inline.children, links);
  }
}
