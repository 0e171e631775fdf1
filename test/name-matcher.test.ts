import { describe, expect, it } from 'vitest';
import { createNameMatcher } from '../src/tokens/name-matcher.js';
import { parseBody } from './helpers.js';

describe('createNameMatcher', () => {
  const matcher = createNameMatcher(['a', 'b', 'br', 'src', 'img'], ['data-x']);

  it('finds listed names in place, ASCII case-insensitively, and returns the listed string', () => {
    const text = '<IMG SrC=1 Br>';
    expect(matcher.match(text, 1, 4)).toBe('img');
    expect(matcher.match(text, 5, 8)).toBe('src');
    expect(matcher.match(text, 11, 13)).toBe('br');
  });

  it('answers null for names that are not listed, empty ranges and non-ASCII look-alikes', () => {
    expect(matcher.match('abbr', 0, 4)).toBeNull();
    expect(matcher.match('src', 1, 1)).toBeNull();
    expect(matcher.match('\u212Abd', 0, 3)).toBeNull();
    expect(matcher.match('ımg', 0, 3)).toBeNull();
  });

  it('finds the index of a listed name (prefixes after the names), or -1', () => {
    expect(matcher.find('<IMG>', 1, 4)).toBe(4);
    expect(matcher.find('a', 0, 1)).toBe(0);
    expect(matcher.find('data-xyz', 0, 8)).toBe(5);
    expect(matcher.find('div', 0, 3)).toBe(-1);
    expect(matcher.find('x'.repeat(40), 0, 40)).toBe(-1);
  });

  it('lists only lower-case ASCII names of at most 31 characters', () => {
    expect(() => createNameMatcher(['Img'])).toThrow('cannot list');
    expect(() => createNameMatcher(['x'.repeat(32)])).toThrow('cannot list');
    expect(() => createNameMatcher(['\u00e9t\u00e9'])).toThrow('cannot list');
    expect(createNameMatcher(['x'.repeat(31)]).find('X'.repeat(31), 0, 31)).toBe(0);
  });

  it('reports a name that starts with a listed prefix as the prefix', () => {
    expect(matcher.match('DATA-X-Y', 0, 8)).toBe('data-x');
    expect(matcher.match('data-', 0, 5)).toBeNull();
  });
});

describe('tag names', () => {
  it('reads upper- and mixed-case tags as their lower-case elements', () => {
    const article = parseBody('<P>One <STRONG>two</STRONG></P><Ul><LI>three</lI></uL><IMG SRC="/i.png">');
    expect(article.body.map((block) => block.type)).toEqual(['paragraph', 'list', 'image']);
    expect(article.text).toBe('One two\n\nthree');
  });

  it('lower-cases names outside the known list the way String#toLowerCase does', () => {
    // U+212A KELVIN SIGN lower-cases to "k": <bloc\u212Aquote> is <blockquote>.
    const article = parseBody('<bloc\u212Aquote><p>q</p></blockquote><p>after</p>');
    expect(article.body.map((block) => block.type)).toEqual(['quote', 'paragraph']);
  });
});
