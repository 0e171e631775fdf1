/**
 * The data model of a parsed seed. Every value is plain data (strings, numbers,
 * booleans, null, arrays and plain objects), so an Article survives
 * `JSON.stringify`, `structuredClone` and `postMessage` unchanged.
 */

/** Options accepted by every entry point. */
export interface ParseOptions {
  /** Base for relative URLs in the body. Defaults to `header.url`. */
  baseUrl?: string;
}

/** The seed header: the lines before the HTML body. */
export interface Header {
  /** Publication time in epoch milliseconds, from the `<!--…-->` line. */
  timestamp: number;
  /** `new Date(timestamp).toISOString()`. */
  published: string;
  /** Link text of the title line: escapes removed, entities decoded, white space collapsed. */
  title: string;
  /** Link destination as written (no re-encoding), without surrounding `<>`. */
  url: string;
  /** Parsed YAML front matter, or null when the seed has none. */
  frontMatter: Record<string, unknown> | null;
}

/** A date-time line that opens the body, such as `19/05/2023 - 18:08`. */
export interface Dateline {
  /** The line's text as written (white space collapsed). */
  text: string;
  /** Local time without offset, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`; null when not a real date. */
  iso: string | null;
}

/** Inline content of paragraphs, headings and list items. */
export type Inline =
  | { type: 'text'; value: string }
  | { type: 'break' }
  | { type: 'code'; value: string }
  | { type: 'strong' | 'emphasis'; children: Inline[] }
  | { type: 'link'; href: string; title: string | null; children: Inline[] };

export interface Paragraph {
  type: 'paragraph';
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
  items: ListItem[];
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

export type Block = Paragraph | Heading | Quote | List | Media;

/** A hyperlink of the lead or the body. */
export interface Link {
  href: string;
  text: string;
}

export interface Stats {
  /** The lead (when present) plus every paragraph block of the body. */
  paragraphs: number;
  /** Number of media blocks. */
  media: number;
  /** Length of `Article.text` in code points. */
  characters: number;
  /** Word-like segments of `Article.text` (`Intl.Segmenter`, granularity `word`). */
  words: number;
}

/** A recoverable problem found while parsing. Positions count from the start of the input, after a BOM. */
export interface Diagnostic {
  code: string;
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
  /** Every hyperlink of the lead and the body, in order. */
  links: Link[];
  /** The lead, then each text block of the body, joined by `"\n\n"`. */
  text: string;
  stats: Stats;
  diagnostics: Diagnostic[];
}

/** Callbacks of {@link createSeedParser}; each fires as soon as its item is complete. */
export interface SeedParserCallbacks {
  onHeader?(header: Header): void;
  onDateline?(dateline: Dateline): void;
  onLead?(lead: Paragraph): void;
  onBlock?(block: Block): void;
}

export interface SeedParser {
  /** Feeds the next chunk: a string, or UTF-8 bytes. */
  write(chunk: string | Uint8Array): void;
  /** Ends the input and returns the Article. */
  end(): Article;
}
