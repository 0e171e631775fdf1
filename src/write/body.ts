import { escapeAttribute, escapeText } from 'entities';
import { collectLinks, imageLink } from '../article/article-builder.js';
import type { Link } from '../types.js';
import type {
  AudioInput,
  BlockInput,
  CodeInput,
  EmbedInput,
  HeadingInput,
  ImageInput,
  InlineContentInput,
  InlineInput,
  ListInput,
  ParagraphInput,
  QuoteInput,
  SeedInput,
  VideoInput,
} from './seed-input.js';

/**
 * The body of a seed as plain HTML, one block per line, written so that the
 * parser reads back the same blocks: every element stands for exactly the
 * node it was written for, text is escaped (never interpreted), and the
 * blocks come in the order the parser first met them.
 */

/** Text content: `&`, `<`, `>` and U+00A0 as character references. */
export function escapeHtmlText(value: string): string {
  return escapeText(value);
}

const ATTRIBUTE_WHITE_SPACE = /[\t\n\r]/g;

/** A double-quoted attribute value; tabs and line breaks as references, so the value survives tools that rewrite line endings. */
function attribute(name: string, value: string): string {
  const escaped = escapeAttribute(value);
  const safe = escaped.search(ATTRIBUTE_WHITE_SPACE) === -1 ? escaped : escaped.replace(ATTRIBUTE_WHITE_SPACE, (c) => `&#${c.charCodeAt(0)};`);
  return ` ${name}="${safe}"`;
}

function optionalAttribute(name: string, value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : attribute(name, String(value));
}

// --- inlines ------------------------------------------------------------------

type InlineWriter<T extends InlineInput> = (inline: T, out: string[]) => void;

const inlineWriters: { [K in InlineInput['type']]: InlineWriter<Extract<InlineInput, { type: K }>> } = {
  text(inline, out) {
    out.push(escapeHtmlText(inline.value));
  },
  break(_, out) {
    out.push('<br>');
  },
  code(inline, out) {
    out.push('<code>', inline.value.split('\n').map(escapeHtmlText).join('<br>'), '</code>');
  },
  strong(inline, out) {
    out.push('<strong>');
    writeInlines(inline.children, out);
    out.push('</strong>');
  },
  emphasis(inline, out) {
    out.push('<em>');
    writeInlines(inline.children, out);
    out.push('</em>');
  },
  link(inline, out) {
    out.push(`<a${attribute('href', inline.href)}${optionalAttribute('title', inline.title)}>`);
    for (const child of inline.children) {
      // An `<a>` opened right inside an `<a>` closes it (rule 0, as htmlparser2 reads it);
      // a transparent `<span>` between them keeps a link inside a link, as the parser can give it.
      if (child.type === 'link') out.push('<span>');
      writeInlines([child], out);
      if (child.type === 'link') out.push('</span>');
    }
    out.push('</a>');
  },
};

function writeInlines(inlines: readonly InlineInput[], out: string[]): void {
  for (const inline of inlines) {
    // Checked against the shapes already (src/article/shape.ts): every type has its writer.
    (inlineWriters[inline.type] as InlineWriter<InlineInput>)(inline, out);
  }
}

/** `inlines` when given, else `text` with each line feed a break. */
export function inlinesOf(content: InlineContentInput): readonly InlineInput[] {
  if (content.inlines !== undefined && content.inlines !== null) return content.inlines;
  const text = content.text ?? '';
  const inlines: InlineInput[] = [];
  text.split('\n').forEach((line, index) => {
    if (index > 0) inlines.push({ type: 'break' });
    if (line !== '') inlines.push({ type: 'text', value: line });
  });
  return inlines;
}

// --- blocks -------------------------------------------------------------------

type BlockWriter<T extends BlockInput> = (block: T, out: string[]) => void;

function paragraph(block: ParagraphInput, out: string[], open = '<p>'): void {
  out.push(open);
  writeInlines(inlinesOf(block), out);
  out.push('</p>');
}

function figure(media: string, caption: string, out: string[]): void {
  if (caption === '') {
    out.push(media);
    return;
  }
  out.push('<figure>', media, '<figcaption>', caption, '</figcaption></figure>');
}

function sources(block: VideoInput | AudioInput): string {
  let html = '';
  for (const source of block.sources ?? []) html += `<source${attribute('src', source.src)}${optionalAttribute('type', source.type)}>`;
  return html;
}

function plainCaption(caption: string | null | undefined): string {
  return caption === null || caption === undefined ? '' : escapeHtmlText(caption);
}

const blockWriters: { [K in BlockInput['type']]: BlockWriter<Extract<BlockInput, { type: K }>> } = {
  paragraph(block, out) {
    paragraph(block, out);
  },
  heading(block: HeadingInput, out) {
    const level = block.level;
    out.push(`<h${level}>`);
    writeInlines(inlinesOf(block), out);
    out.push(`</h${level}>`);
  },
  quote(block: QuoteInput, out) {
    const paragraphs: readonly ParagraphInput[] =
      block.blocks ?? block.text.split('\n\n').map((text): ParagraphInput => ({ type: 'paragraph', text }));
    out.push('<blockquote>');
    for (const entry of paragraphs) paragraph(entry, out);
    out.push('</blockquote>');
  },
  list(block: ListInput, out) {
    const items = block.items ?? block.text.split('\n').map((text) => ({ text }));
    const ordered = block.ordered === true;
    const start = ordered && block.start !== null && block.start !== undefined ? attribute('start', String(block.start)) : '';
    out.push(ordered ? `<ol${start}>` : '<ul>');
    for (const item of items) {
      out.push('\n<li>');
      writeInlines(inlinesOf(item), out);
      out.push('</li>');
    }
    out.push(ordered ? '\n</ol>' : '\n</ul>');
  },
  code(block: CodeInput, out) {
    const language = block.language === null || block.language === undefined ? '' : attribute('class', `language-${block.language}`);
    // One line feed right after `<pre>` is dropped when read (as HTML does): a text that starts with one needs another before it.
    const leading = block.text.startsWith('\n') ? '\n' : '';
    out.push(`<pre>${leading}<code${language}>`, escapeHtmlText(block.text).replaceAll('\r', '&#13;'), '</code></pre>');
  },
  image(block: ImageInput, out) {
    const img =
      `<img${attribute('src', block.src)}${optionalAttribute('alt', block.alt)}${optionalAttribute('title', block.title)}` +
      `${optionalAttribute('width', block.width)}${optionalAttribute('height', block.height)}>`;
    const media = block.link === null || block.link === undefined ? img : `<a${attribute('href', block.link)}>${img}</a>`;
    let caption = plainCaption(block.caption);
    if (block.credit !== null && block.credit !== undefined) caption += `${caption === '' ? '' : ' '}<small>${escapeHtmlText(block.credit)}</small>`;
    figure(media, caption, out);
  },
  video(block: VideoInput, out) {
    const media = `<video${optionalAttribute('src', block.src)}${optionalAttribute('poster', block.poster)}>${sources(block)}</video>`;
    figure(media, plainCaption(block.caption), out);
  },
  audio(block: AudioInput, out) {
    figure(`<audio${optionalAttribute('src', block.src)}>${sources(block)}</audio>`, plainCaption(block.caption), out);
  },
  embed(block: EmbedInput, out) {
    figure(`<iframe${attribute('src', block.src)}></iframe>`, plainCaption(block.caption), out);
  },
};

function writeBlock(block: BlockInput, out: string[]): void {
  (blockWriters[block.type] as BlockWriter<BlockInput>)(block, out);
  out.push('\n');
}

function isMedia(block: BlockInput): boolean {
  return block.type === 'image' || block.type === 'video' || block.type === 'audio' || block.type === 'embed';
}

/**
 * The body: the dateline, then the blocks in the order the parser met them.
 * The lead was the first block that is not media, so it stood somewhere
 * among the media that open `body`: after all of them, unless the Article's
 * `links` (which follow document order) say it stood before some linked
 * image. So the dateline, the lead and the order of `links` read back the same.
 */
export function writeBody(input: Pick<SeedInput, 'dateline' | 'lead' | 'body'> & { links: unknown }): string {
  const out: string[] = [];
  const body = input.body ?? [];
  if (input.dateline !== null && input.dateline !== undefined) {
    out.push('<p>', escapeHtmlText(input.dateline.text), '</p>\n');
  }
  let index = 0;
  if (input.lead !== null && input.lead !== undefined) {
    const before = mediaBeforeLead(input.lead, body, input.links);
    while (index < before) writeBlock(body[index++] as BlockInput, out);
    paragraph(input.lead, out, '<p class="lead">');
    out.push('\n');
  }
  for (; index < body.length; index++) writeBlock(body[index] as BlockInput, out);
  return out.join('');
}

/**
 * How many of the media blocks that open `body` stood before the lead: the
 * most for which `links` reads as the parser gave it, the links of the media
 * before the lead, then the lead's, then those of the media after it. Checked
 * for every split at once, in time linear in the links: `links` must match
 * the media links up to the split (a prefix), the media links from the split
 * on after the lead's links (a suffix), and the lead's links at the split.
 */
function mediaBeforeLead(lead: ParagraphInput, body: readonly BlockInput[], given: unknown): number {
  let leading = 0;
  while (leading < body.length && isMedia(body[leading] as BlockInput)) leading++;
  if (given === undefined || leading === 0) return leading;
  const leadLinks: Link[] = [];
  collectLinks(inlinesOf(lead), leadLinks);
  // mediaLinks: the links of the leading media in order; linksBefore[before]: how many the first `before` media hold.
  const mediaLinks: Link[] = [];
  const linksBefore: number[] = [0];
  for (let index = 0; index < leading; index++) {
    const block = body[index] as BlockInput;
    if (block.type === 'image' && block.link !== null && block.link !== undefined) mediaLinks.push(imageLink(block.link, block.alt));
    linksBefore.push(mediaLinks.length);
  }
  const links = linksHint(given, mediaLinks.length + leadLinks.length);
  if (links === null) return leading;
  let prefix = 0;
  while (prefix < mediaLinks.length && sameLink(mediaLinks[prefix] as Link, links[prefix])) prefix++;
  let suffix = mediaLinks.length;
  while (suffix > 0 && sameLink(mediaLinks[suffix - 1] as Link, links[suffix - 1 + leadLinks.length])) suffix--;
  const leadAt = startsOf(leadLinks, links, mediaLinks.length);
  for (let before = leading; before >= 0; before--) {
    const split = linksBefore[before] as number;
    if (split <= prefix && split >= suffix && leadAt[split] === true) return before;
  }
  return leading;
}

/**
 * The first `count` entries of the Article's `links`, each read once as a link (href and text),
 * or null when they cannot be: `links` is derived, so whatever it holds (not an array, a getter
 * that throws, a revoked proxy) only leaves the lead after the leading media.
 */
function linksHint(given: unknown, count: number): (Link | null)[] | null {
  try {
    if (!Array.isArray(given)) return null;
    const entries: (Link | null)[] = [];
    const length = Math.min(Number(given.length), count);
    for (let index = 0; index < length; index++) {
      const entry: unknown = given[index];
      if (typeof entry !== 'object' || entry === null) {
        entries.push(null);
        continue;
      }
      const { href, text } = entry as Partial<Record<keyof Link, unknown>>;
      entries.push(typeof href === 'string' && typeof text === 'string' ? { href, text } : null);
    }
    return entries;
  } catch {
    return null;
  }
}

/**
 * Whether `pattern` stands in `text` at each start from 0 to `last`, by
 * Knuth–Morris–Pratt: time linear in both, however often the pattern repeats.
 */
function startsOf(pattern: readonly Link[], text: readonly (Link | null)[], last: number): boolean[] {
  const starts = new Array<boolean>(last + 1).fill(pattern.length === 0);
  if (pattern.length === 0) return starts;
  // fallback[i]: the length of the longest proper prefix of pattern[0..i] that also ends it.
  const fallback: number[] = [0];
  for (let index = 1, matched = 0; index < pattern.length; index++) {
    while (matched > 0 && !sameLink(pattern[matched] as Link, pattern[index])) matched = fallback[matched - 1] as number;
    if (sameLink(pattern[matched] as Link, pattern[index])) matched++;
    fallback.push(matched);
  }
  for (let index = 0, matched = 0; index < last + pattern.length; index++) {
    while (matched > 0 && !sameLink(pattern[matched] as Link, text[index])) matched = fallback[matched - 1] as number;
    if (sameLink(pattern[matched] as Link, text[index])) matched++;
    if (matched === pattern.length) {
      starts[index - matched + 1] = true;
      matched = fallback[matched - 1] as number;
    }
  }
  return starts;
}

function sameLink(entry: Link, link: Link | null | undefined): boolean {
  return link !== null && link !== undefined && link.href === entry.href && link.text === entry.text;
}
