import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSeed } from '../src/index.js';
import { countCodePoints, countWords } from '../src/text/measure.js';
import { UNICODE_VERSION } from '../src/text/word-table.js';
import { UNSEEN, UNSEEN_UNICODE_VERSION } from '../src/text/unseen-table.js';
import { showUnseen } from '../src/errors.js';
import { checkOptions } from './chunks.js';
import { corpusFiles, corpusManifestSize, sharedFiles } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');

// Rule 11 read directly, with this runtime's own Unicode properties (the table's version on
// Node 20.20; on a runtime with other Unicode data, characters whose properties changed between
// the two versions would differ): every Han, Hiragana or
// Katakana character is a word; any other word is a maximal run of word characters, going on
// across one ' ‘ ’ . : · between two letters or marks, or one ' ‘ ’ . , ; between two digits.
const SCRIPTS = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]`;
const WORD = String.raw`[[\p{L}\p{M}\p{Nd}\p{Pc}]--${SCRIPTS}]`;
const LETTER = String.raw`[[\p{L}\p{M}]--${SCRIPTS}]`;
const DIGIT = String.raw`[\p{Nd}--${SCRIPTS}]`;
const IDEOGRAPHS = new RegExp(SCRIPTS, 'gv');
const RUNS = new RegExp(String.raw`${WORD}+(?:(?<=${LETTER})['‘’.:·](?=${LETTER})${WORD}+|(?<=${DIGIT})['‘’.,;](?=${DIGIT})${WORD}+)*`, 'gv');

function ruleCount(text: string): number {
  return (text.match(IDEOGRAPHS)?.length ?? 0) + (text.match(RUNS)?.length ?? 0);
}

function segmenterCount(text: string): number {
  let words = 0;
  for (const segment of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)) if (segment.isWordLike) words++;
  return words;
}

const fixtures = ['broken', 'harbour', 'markets', 'tokyo'].map((name) => {
  const path = join(ROOT, 'test', 'fixtures', `${name}.seed.md`);
  return { name, path, text: readFileSync(path, 'utf8') };
});
const ENGLISH_FIXTURES = ['broken', 'harbour', 'markets'];

/** Code points from a range, as a string. */
const from = (first: number, last: number) => fc.integer({ min: first, max: last }).map((code) => String.fromCodePoint(code));

/** Characters of many scripts and of every class the rule tells apart, astral ones too. */
const mixedCharacter = fc.oneof(
  from(0x61, 0x7a), // a–z
  from(0x41, 0x5a), // A–Z
  from(0xc0, 0x24f), // Latin-1 letters (and × ÷), Latin Extended
  from(0x386, 0x3ce), // Greek
  from(0x400, 0x4ff), // Cyrillic, with its combining marks
  from(0x4e00, 0x9fff), // Han
  from(0x20000, 0x2a6df), // Han, astral
  from(0x3040, 0x30ff), // Hiragana and Katakana (with ー, Common)
  from(0xff61, 0xff9f), // halfwidth Katakana
  from(0xac00, 0xd7a3), // Hangul
  from(0xe01, 0xe5b), // Thai, marks and digits
  from(0x600, 0x6ff), // Arabic, marks and digits
  from(0x30, 0x39), // digits
  from(0xff10, 0xff19), // fullwidth digits
  from(0x1d400, 0x1d7ff), // mathematical letters and digits, astral
  from(0x300, 0x36f), // combining marks
  from(0x1f300, 0x1faff), // emoji
  from(0x0, 0x10ffff), // anything, unassigned and private use included
  fc.constantFrom("'", '‘', '’', '.', ':', '·', ',', ';', '_', '‿', '-', ' ', '\n', '\u00a0', '\u3000', '。', '、', '\u200d', '\u00ad', '\u3099'),
  fc.constantFrom('\ud800', '\udc00', '\udbff\udfff', '👍🏽', '👨‍👩‍👧', '🇫🇷'),
);

/** Strings of up to 12 code points, each class in every context. */
const exhaustiveSamples = (code: number) => {
  const character = String.fromCodePoint(code);
  return [character, `a${character}b`, `1${character}2`, `${character}${character}`, `${character}a`];
};

describe('word count (rule 11)', () => {
  it('counts the examples of the rule', () => {
    for (const count of [countWords, ruleCount]) {
      expect(count("can't U.S. 3.14 1,000 e-mail")).toBe(6);
      expect(count('東京タワーは日本の電波塔。')).toBe(12);
      expect(count('한국어 문장')).toBe(2);
    }
    expect(countWords('')).toBe(0);
    // A joining character joins one pair: between a letter and a digit, or doubled, it does not.
    expect(countWords('a.1 1.a a..b 1,,2 1:2 a,b a;b')).toBe(14);
    expect(countWords('a.b.c 1.234,5 l·l')).toBe(3);
    // Astral characters: Han from plane 2, mathematical letters and digits.
    expect(countWords('𠀀𠀁 𝐀𝐁 𝟏.𝟐')).toBe(4);
    // Thai, which has no spaces between words, is one word per run.
    expect(countWords('ภาษาไทยง่าย')).toBe(1);
  });

  it('equals a direct reading of the rule on every code point, in every context', () => {
    // In chunks of 4,096 code points, so that a failure names where it is.
    for (let start = 0; start < 0x110000; start += 0x1000) {
      const text = Array.from({ length: 0x1000 }, (_, offset) => exhaustiveSamples(start + offset).join(' ')).join(' ');
      expect(countWords(text), `U+${start.toString(16)}…`).toBe(ruleCount(text));
    }
  });

  it('equals a direct reading of the rule on strings of mixed scripts', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(mixedCharacter, fc.constantFrom('a.b', "1'2", '1,000', 'e\u0301.e', ' ')), { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        expect(countWords(text)).toBe(ruleCount(text));
      }),
      checkOptions(5000),
    );
  });

  it('equals a direct reading of the rule on the text of every corpus seed, fixture and example seed', () => {
    const seeds = [...corpusFiles(), ...sharedFiles('seeds', '.txt').map((file) => ({ ...file, text: readFileSync(file.path, 'utf8') })), ...fixtures];
    expect(seeds.length).toBeGreaterThanOrEqual((corpusManifestSize() ?? 0) + 4);
    for (const seed of seeds) {
      const article = parseSeed(seed.text);
      expect(article.stats.words, seed.name).toBe(ruleCount(article.text));
      expect(countWords(seed.text), seed.name).toBe(ruleCount(seed.text));
    }
  });

  it('counts Latin, Greek and Cyrillic text as Intl.Segmenter does in Node 20', () => {
    const documents = ['README.md', 'CHANGELOG.md'].map((name) => ({ name, text: readFileSync(join(ROOT, name), 'utf8') }));
    for (const fixture of fixtures.filter(({ name }) => ENGLISH_FIXTURES.includes(name))) {
      documents.push({ name: fixture.name, text: parseSeed(fixture.text).text });
    }
    documents.push(
      { name: 'Greek', text: 'Η Αθήνα είναι η πρωτεύουσα της Ελλάδας· έχει 3.150.000 κατοίκους, σύμφωνα με την απογραφή του 2021. Τι ώρα φεύγει το τρένο;' },
      { name: 'Cyrillic', text: 'Москва — столица России: в ней живут 13,1 млн человек. «Поезд отправляется в 20:45», — сказал он. Т.е. всё по плану, д’Артаньян.' },
      { name: 'Ukrainian', text: 'Київ стоїть на Дніпрі; м’ята, п’ять, ім’я: 1 000 000 грн.' },
    );
    for (const { name, text } of documents) {
      // Only the Latin, Greek and Cyrillic text: lines in other scripts (rule 11 examples) are left out,
      // and so are lines that hold what README names as differences (a lone `_`, a soft hyphen, a
      // zero-width joiner, the joiners U+0387, U+2024, U+2027, small and fullwidth forms).
      const lines = text
        .split('\n')
        .filter((line) => !/[^\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}]/u.test(line))
        .filter((line) => !/(?<![\p{L}\p{M}\p{Nd}])_(?![\p{L}\p{M}\p{Nd}])|[\u00ad\u200d\u0387\u2024\u2027\ufe50-\ufe6f\uff00-\uffef]/u.test(line));
      expect(lines.length, name).toBeGreaterThan(0);
      const kept = lines.join('\n');
      expect(countWords(kept), name).toBe(segmenterCount(kept));
    }
  });

  it('stays linear on long text', () => {
    const line = 'The lights — on, again. 本文第一段。新しい路線が開業した。한국어 𠀀\n';
    expect(countWords(line.repeat(50_000))).toBe(50_000 * countWords(line));
  });

  it('counts code points', () => {
    expect(countCodePoints('a😀b\ud800')).toBe(4);
  });
});

describe('the table of characters an error message escapes', () => {
  it(`is what scripts/unseen-table.mjs writes (Unicode ${UNSEEN_UNICODE_VERSION})`, () => {
    const table = readFileSync(join(ROOT, 'src', 'text', 'unseen-table.ts'), 'utf8');
    if (process.versions.unicode !== UNSEEN_UNICODE_VERSION) {
      console.warn(`unseen table: this runtime has Unicode ${process.versions.unicode}, the table ${UNSEEN_UNICODE_VERSION}: only the version stamp is compared`);
      expect(table).toContain(`from Unicode ${UNSEEN_UNICODE_VERSION}:`);
      return;
    }
    const dir = mkdtempSync(join(os.tmpdir(), 'unseen-table-'));
    try {
      const file = join(dir, 'unseen-table.ts');
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'unseen-table.mjs'), file]);
      expect(readFileSync(file, 'utf8')).toBe(table);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('escapes what cannot be seen, as the Unicode data of this runtime says', () => {
    const runtime = /[\p{Cc}\p{Cf}\p{Z}\p{Default_Ignorable_Code_Point}\u2800]/u;
    for (const code of [0x0, 0x9, 0x20, 0xa0, 0xad, 0x890, 0x200b, 0x2028, 0x2800, 0x3000, 0x3164, 0xfe0f, 0xfeff, 0xe0001, 0x41, 0x4e2d, 0x1f600]) {
      const character = String.fromCodePoint(code);
      expect(UNSEEN.test(character), code.toString(16)).toBe(runtime.test(character));
      UNSEEN.lastIndex = 0;
    }
    expect(showUnseen('a\u200bb c\u3000')).toBe('a\\u200bb c\\u3000');
  });
});

describe('the word table', () => {
  it(`is what scripts/word-table.mjs writes (Unicode ${UNICODE_VERSION})`, () => {
    if (process.versions.unicode !== UNICODE_VERSION) {
      // Another runtime's Unicode data would write another table: only the stamp can be checked.
      console.warn(`word table: this runtime has Unicode ${process.versions.unicode}, the table ${UNICODE_VERSION}: only the version stamp is compared`);
      expect(readFileSync(join(ROOT, 'src', 'text', 'word-table.ts'), 'utf8')).toContain(`from Unicode ${UNICODE_VERSION}:`);
      return;
    }
    const dir = mkdtempSync(join(os.tmpdir(), 'word-table-'));
    try {
      const file = join(dir, 'word-table.ts');
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'word-table.mjs'), file]);
      expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(ROOT, 'src', 'text', 'word-table.ts'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
