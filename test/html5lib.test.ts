import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeed } from '../src/index.js';
import { seed, sharedFiles } from './helpers.js';
import { assertNoUnsafeUrl, assertWellFormed } from './invariants.js';

interface TokenizerTest {
  description: string;
  input: string;
  output: unknown[];
  initialStates?: string[];
  doubleEscaped?: boolean;
}

/** The second round of unescaping that `doubleEscaped` tests ask for. */
function unescape(text: string): string {
  return text.replace(/\\u([0-9A-Fa-f]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

function unescapeAll(value: unknown): unknown {
  if (typeof value === 'string') return unescape(value);
  if (Array.isArray(value)) return value.map(unescapeAll);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [unescape(key), unescapeAll(inner)]));
  return value;
}

const files = sharedFiles('html5lib-tests/tokenizer', '.test').map((file) => {
  const json = JSON.parse(readFileSync(file.path, 'utf8')) as Record<string, TokenizerTest[]>;
  const tests = (json.tests ?? json.xmlViolationTests ?? []).map((test) =>
    test.doubleEscaped ? { ...test, input: unescape(test.input), output: unescapeAll(test.output) as unknown[] } : test,
  );
  return { name: basename(file.name, '.test'), tests };
});

/** Rule 1 applied to the characters the tokenizer tests expect. */
function asText(characters: string): string {
  return characters
    .replace(/\0/g, '\ufffd')
    .toWellFormed()
    .replace(/[ \t\n\r\f\u00a0]+/g, ' ')
    .replace(/^ | $/g, '');
}

/**
 * Entity cases where the text differs from the characters the html5lib tests expect, each with
 * the reason. Kept exact, so that a change in either direction shows up.
 */
const KNOWN_DIFFERENCES = new Map<string, string>([]);

describe('html5lib tokenizer inputs as seed bodies', () => {
  it('are present: 6,810 cases', () => {
    expect(files.reduce((sum, file) => sum + file.tests.length, 0)).toBe(6810);
  });

  for (const file of files) {
    it(`${file.name}: every input parses to a well-formed Article with no unsafe URL`, () => {
      for (const test of file.tests) {
        const text = seed(test.input);
        const article = parseSeed(text);
        assertWellFormed(article, text);
        assertNoUnsafeUrl(article);
      }
    });
  }

  const entityCases = files
    .filter((file) => ['entities', 'namedEntities', 'numericEntities'].includes(file.name))
    .flatMap((file) =>
      file.tests
        .filter((test) => test.output.length === 1 && (test.output[0] as unknown[])[0] === 'Character' && !test.initialStates)
        .map((test) => ({ file: file.name, ...test })),
    );

  it('entity cases: the decoded text of a lone character token equals the expected characters', () => {
    expect(entityCases.length).toBeGreaterThan(4000);
    const differences = new Map<string, string>();
    for (const test of entityCases) {
      const expected = asText((test.output[0] as [string, string])[1]);
      const actual = parseSeed(seed(test.input)).text;
      if (actual !== expected) differences.set(`${test.file}: ${test.input}`, `${JSON.stringify(actual)} instead of ${JSON.stringify(expected)}`);
    }
    expect(Object.fromEntries(differences)).toEqual(Object.fromEntries([...KNOWN_DIFFERENCES].map(([key]) => [key, differences.get(key)])));
  });
});
