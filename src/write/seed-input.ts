import type { Heading } from '../types.js';

/**
 * What `formatSeed` writes: an Article, or a partial one built by hand (a
 * test fixture). Every Article is a `SeedInput`. Fields an Article derives
 * (`header.published`, `media`, `links`, `text`, `stats`, `diagnostics`,
 * `Embed.provider`, `Dateline.iso`) may be given and are ignored: the parser
 * derives them again when it reads the seed back.
 *
 * A field left out means the same as its Article value `null` (or `[]` for
 * arrays), unless its comment says otherwise.
 */
export interface SeedInput {
  header: HeaderInput;
  /** Written as the body's first paragraph. Left out: no dateline. */
  dateline?: DatelineInput | null | undefined;
  /** Written as `<p class="lead">`. Left out: no lead. */
  lead?: ParagraphInput | null | undefined;
  /** Left out: an empty body. */
  body?: readonly BlockInput[] | undefined;
  /** Ignored (derived from the body). */
  media?: readonly unknown[] | undefined;
  /** Ignored (derived from the lead and the body). */
  links?: readonly unknown[] | undefined;
  /** Ignored (derived from the lead and the body). */
  text?: string | undefined;
  /** Ignored (derived from the lead and the body). */
  stats?: unknown;
  /** Ignored: a written seed has no problems to report. */
  diagnostics?: readonly unknown[] | undefined;
}

export interface HeaderInput {
  /** Epoch milliseconds: a whole number from 0 to 253402300799999 (the end of the year 9999). */
  timestamp: number;
  /** Not empty once white space is collapsed; read back collapsed (runs of white space as one space, trimmed). */
  title: string;
  /** Not empty, without line breaks, its parentheses balanced (as a Markdown link destination needs them). */
  url: string;
  /** A mapping of JSON data (written as YAML). Left out or null: no front matter. */
  frontMatter?: Record<string, unknown> | null | undefined;
  /** Ignored (derived from `timestamp`). */
  published?: string | undefined;
}

export interface DatelineInput {
  /** A date-time in one of the dateline forms (rule 7); other text reads back as a paragraph. */
  text: string;
  /** Ignored (derived from `text`). */
  iso?: string | null | undefined;
}

export interface TextInput {
  type: 'text';
  value: string;
}

export interface BreakInput {
  type: 'break';
}

export interface InlineCodeInput {
  type: 'code';
  /** A line feed is written as `<br>`. */
  value: string;
}

export interface StrongInput {
  type: 'strong';
  children: readonly InlineInput[];
}

export interface EmphasisInput {
  type: 'emphasis';
  children: readonly InlineInput[];
}

export interface InlineLinkInput {
  type: 'link';
  href: string;
  /** Left out: null (no `title` attribute). */
  title?: string | null | undefined;
  children: readonly InlineInput[];
}

export type InlineInput = TextInput | BreakInput | InlineCodeInput | StrongInput | EmphasisInput | InlineLinkInput;

/**
 * Inline content: `inlines` when given (then `text` is ignored: the parser
 * derives it), else `text`, where each line feed is a `<br>` (two in a row
 * end the paragraph, as the parser reads them).
 */
export type InlineContentInput =
  | { text: string; inlines?: readonly InlineInput[] | undefined }
  | { text?: string | undefined; inlines: readonly InlineInput[] };

export type ParagraphInput = { type: 'paragraph' } & InlineContentInput;

export type HeadingInput = { type: 'heading'; level: Heading['level'] } & InlineContentInput;

/** `blocks` when given, else `text` split into paragraphs at each `"\n\n"`. */
export type QuoteInput =
  | { type: 'quote'; blocks: readonly ParagraphInput[]; text?: string | undefined }
  | { type: 'quote'; blocks?: undefined; text: string };

export type ListItemInput = InlineContentInput;

/** `items` when given, else `text` split into items at each `"\n"`. */
export type ListInput = {
  type: 'list';
  /** Left out: false (`<ul>`). */
  ordered?: boolean | undefined;
  /** The `start` of an ordered list: a whole number. Left out or null: none (an unordered list never has one). */
  start?: number | null | undefined;
} & (
  | { items: readonly ListItemInput[]; text?: string | undefined }
  | { items?: undefined; text: string }
);

export interface CodeInput {
  type: 'code';
  /** Kept as written, except trailing white space, which the parser removes, and CR LF or CR, which it reads as LF. */
  text: string;
  language?: string | null | undefined;
}

export interface ImageInput {
  type: 'image';
  src: string;
  alt?: string | null | undefined;
  title?: string | null | undefined;
  /** Whole numbers. An image whose width and height are both at most 1 is a tracking pixel: the parser drops it (rule 6). */
  width?: number | null | undefined;
  height?: number | null | undefined;
  caption?: string | null | undefined;
  credit?: string | null | undefined;
  /** The URL of a link around the image. */
  link?: string | null | undefined;
}

export interface MediaSourceInput {
  src: string;
  type?: string | null | undefined;
}

export interface VideoInput {
  type: 'video';
  src?: string | null | undefined;
  sources?: readonly MediaSourceInput[] | undefined;
  poster?: string | null | undefined;
  caption?: string | null | undefined;
}

export interface AudioInput {
  type: 'audio';
  src?: string | null | undefined;
  sources?: readonly MediaSourceInput[] | undefined;
  caption?: string | null | undefined;
}

export interface EmbedInput {
  type: 'embed';
  src: string;
  /** Ignored (derived from `src`). */
  provider?: string | null | undefined;
  caption?: string | null | undefined;
}

export type MediaInput = ImageInput | VideoInput | AudioInput | EmbedInput;

export type BlockInput = ParagraphInput | HeadingInput | QuoteInput | ListInput | CodeInput | MediaInput;
