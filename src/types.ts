/**
 * The data model of a parsed seed: the spec. Every value is plain data
 * (strings, numbers, booleans, null, arrays and plain objects), so an Article
 * survives `JSON.stringify`, `structuredClone` and `postMessage` unchanged, and
 * is the same in every runtime. Rule numbers refer to README, "How the body
 * becomes blocks".
 */

/** Options accepted by every entry point. */
export interface ParseOptions {
  /**
   * Base for relative URLs in the body (rule 9). Defaults to `header.url`.
   * When the base is not an absolute URL, relative URLs stay as written.
   * A `javascript:`, `vbscript:` or `data:` base is a `TypeError`.
   */
  baseUrl?: string | undefined;
}

/** The seed header: the lines before the HTML body. */
export interface Header {
  /** Publication time in epoch milliseconds, from the `<!--…-->` line. */
  timestamp: number;
  /** `new Date(timestamp).toISOString()`. */
  published: string;
  /** Link text of the title line: escapes removed, entities decoded, white space collapsed. */
  title: string;
  /** Link destination as written (no re-encoding), without surrounding `<>`. Never a `javascript:`, `vbscript:` or `data:` URL. */
  url: string;
  /** Parsed YAML front matter (JSON data under YAML 1.2's core schema), or null when the seed has none. */
  frontMatter: Record<string, unknown> | null;
}

/** A date-time line that opens the body, such as `19/05/2023 - 18:08` (rule 7). */
export interface Dateline {
  /** The line's text as written (white space collapsed). */
  text: string;
  /** Local time without offset, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`; null when not a real date. */
  iso: string | null;
}

/** Plain text. Never empty; adjacent text is joined. */
export interface Text {
  type: 'text';
  value: string;
}

/** A single `<br>`: `"\n"` in the block's `text`. */
export interface Break {
  type: 'break';
}

/** `<code>` outside `<pre>`: its text, line breaks kept as `"\n"` (a `<code>` inside it adds nothing). */
export interface InlineCode {
  type: 'code';
  value: string;
}

/** `<strong>` or `<b>`. Never inside another `Strong`: one inside another adds no node (rule 1). */
export interface Strong {
  type: 'strong';
  children: Inline[];
}

/** `<em>` or `<i>`. Never inside another `Emphasis`: one inside another adds no node (rule 1). */
export interface Emphasis {
  type: 'emphasis';
  children: Inline[];
}

/** `<a href>` with a safe, resolved URL (rule 9). */
export interface InlineLink {
  type: 'link';
  href: string;
  title: string | null;
  children: Inline[];
}

/** Inline content of paragraphs, headings and list items. */
export type Inline = Text | Break | InlineCode | Strong | Emphasis | InlineLink;

export interface Paragraph {
  type: 'paragraph';
  /** The inlines' text (rule 10). */
  text: string;
  inlines: Inline[];
}

export interface Heading {
  type: 'heading';
  level: 1 | 2 | 3 | 4 | 5 | 6;
  text: string;
  inlines: Inline[];
}

export interface Quote {
  type: 'quote';
  /** The quote's paragraphs joined by `"\n\n"`. */
  text: string;
  blocks: Paragraph[];
}

export interface ListItem {
  text: string;
  inlines: Inline[];
}

export interface List {
  type: 'list';
  ordered: boolean;
  /** The whole-number `start` attribute of an `<ol>`; null otherwise. */
  start: number | null;
  /** The items' text joined by `"\n"`. */
  text: string;
  items: ListItem[];
}

/** A `<pre>`: text with every space and line break kept. */
export interface Code {
  type: 'code';
  /** Entities decoded, `<br>` as `"\n"`, one line feed right after `<pre>` dropped, trailing white space removed. */
  text: string;
  /** From a `language-X` or `lang-X` class on the `<pre>` or its `<code>`. */
  language: string | null;
}

export interface Image {
  type: 'image';
  src: string;
  alt: string | null;
  title: string | null;
  width: number | null;
  height: number | null;
  caption: string | null;
  credit: string | null;
  /** The `href` of an `<a>` whose content is this image (alone or with white space). */
  link: string | null;
}

export interface MediaSource {
  src: string;
  type: string | null;
}

export interface Video {
  type: 'video';
  src: string | null;
  sources: MediaSource[];
  poster: string | null;
  caption: string | null;
}

export interface Audio {
  type: 'audio';
  src: string | null;
  sources: MediaSource[];
  caption: string | null;
}

/** An `<iframe>`; `provider` is named from the URL's host (`youtube`, `vimeo`, `twitter`, …). */
export interface Embed {
  type: 'embed';
  src: string;
  provider: string | null;
  caption: string | null;
}

export type Media = Image | Video | Audio | Embed;

/** Blocks that hold text: they count in `Article.text` and `stats`. */
export type TextBlock = Paragraph | Heading | Quote | List | Code;

export type Block = TextBlock | Media;

/** A hyperlink of the lead or the body. */
export interface Link {
  href: string;
  text: string;
}

/** Rule 11. Plain numbers, computed during the parse. */
export interface Stats {
  /** The lead (when present) plus every paragraph block of the body. */
  paragraphs: number;
  /** Number of media blocks. */
  media: number;
  /** Length of `Article.text` in code points. */
  characters: number;
  /**
   * Words of `Article.text` by rule 11: each Han, Hiragana or Katakana
   * character is one word; any other word is a maximal run of letters, marks,
   * decimal digits and connector punctuation. The same in every runtime.
   */
  words: number;
}

/** The codes of {@link Diagnostic}. */
export type DiagnosticCode =
  | 'UNSAFE_URL'
  | 'MISSING_SRC'
  | 'FRONT_MATTER_WARNING'
  | 'UNMATCHED_END_TAG'
  | 'UNCLOSED_ELEMENT'
  | 'FIGURE_TOO_DEEP'
  | 'CDATA_DROPPED'
  | 'UNFINISHED_MARKUP'
  | 'DIAGNOSTICS_TRUNCATED';

/** A recoverable problem found while parsing. Positions count from the start of the input, after a BOM. */
export interface Diagnostic {
  code: DiagnosticCode;
  message: string;
  severity: 'warning' | 'info';
  /** Offset in UTF-16 code units. */
  offset: number;
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
}

export interface Article {
  header: Header;
  dateline: Dateline | null;
  lead: Paragraph | null;
  /** Body blocks in document order, without the dateline and the lead. */
  body: Block[];
  /** Every media block of `body`, in order (the same objects). */
  media: Media[];
  /** Every hyperlink of the lead and the body (and every linked image), in order. */
  links: Link[];
  /** The lead, then each text block of the body, joined by `"\n\n"`. */
  text: string;
  stats: Stats;
  diagnostics: Diagnostic[];
}

/** Callbacks of {@link createSeedParser}; each fires as soon as its item is complete. */
export interface SeedParserCallbacks {
  onHeader?: ((header: Header) => void) | undefined;
  onDateline?: ((dateline: Dateline) => void) | undefined;
  onLead?: ((lead: Paragraph) => void) | undefined;
  onBlock?: ((block: Block) => void) | undefined;
}

export interface SeedParser {
  /** Feeds the next chunk: a string, or UTF-8 bytes. */
  write(chunk: string | Uint8Array): void;
  /** Ends the input and returns the Article. */
  end(): Article;
}

/**
 * A WHATWG `ReadableStream` (a `fetch` body, `Blob.stream()`), described by
 * the part that is used, so that the declarations need no DOM library.
 */
export interface ReadableStreamLike<T> {
  getReader(): {
    read(): Promise<{ done: true; value?: T | undefined } | { done: false; value: T }>;
    cancel(reason?: unknown): Promise<void>;
    releaseLock(): void;
  };
}

/** What `parseSeedStream` reads: chunks of text or UTF-8 bytes. */
export type SeedSource = AsyncIterable<string | Uint8Array> | ReadableStreamLike<string | Uint8Array>;
