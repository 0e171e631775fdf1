import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parseSeed, type Article } from '../src/index.js';
import { checkOptions } from './chunks.js';
import { corpusFiles, seed, sharedFiles } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');
const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'article.schema.json'), 'utf8')) as {
  $id: string;
  $defs: Record<string, SchemaNode>;
};
const ajv = new Ajv2020({ strict: true, allErrors: false });
ajv.addSchema(schema);
const validateArticle = ajv.compile({ $ref: `${schema.$id}#/$defs/Article` });
const validateRecord = ajv.compile({ $ref: `${schema.$id}#/$defs/SeedRecord` });
const validateRoot = ajv.getSchema(schema.$id)!;

/** Articles of every seed the repository and the shared data hold. */
function knownArticles(): { name: string; article: Article }[] {
  const texts = [
    ...corpusFiles().map((file) => ({ name: file.name, text: file.text })),
    ...sharedFiles('seeds', '').map((file) => ({ name: file.name, text: readFileSync(file.path, 'utf8') })),
    { name: 'examples/sample.seed.md', text: readFileSync(join(ROOT, 'examples', 'sample.seed.md'), 'utf8') },
    ...['broken', 'harbour', 'markets', 'tokyo'].map((name) => ({
      name: `fixtures/${name}`,
      text: readFileSync(join(ROOT, 'test', 'fixtures', `${name}.seed.md`), 'utf8'),
    })),
  ];
  return texts.map(({ name, text }) => ({ name, article: JSON.parse(JSON.stringify(parseSeed(text))) as Article }));
}

/** Bodies that reach every block and inline type, every media attribute and the dateline. */
const fragment = fc.oneof(
  fc.constantFrom(
    '<p>',
    '</p>',
    '<p class="lead">',
    '<h2>',
    '</h2>',
    '<h6>',
    '<blockquote>',
    '</blockquote>',
    '<ul>',
    '<ol start="3">',
    '<ol>',
    '</ol>',
    '<li>',
    '<pre class="language-js">',
    '<pre>',
    '</pre>',
    '<code>',
    '</code>',
    '<strong>',
    '</strong>',
    '<em>',
    '</i>',
    '<br>',
    '<br><br>',
    '<a href="/story/2" title="More">',
    '<a href="javascript:alert(1)">',
    '</a>',
    '<img src="a.png" width="640" height="480" alt="A" title="T">',
    '<img data-src="b.jpg">',
    '<img src="data:text/html,x">',
    '<img>',
    '<figure>',
    '<figcaption>',
    '</figcaption>',
    '<small>Photo: X</small>',
    '</figure>',
    '<video src="v.mp4" poster="p.jpg"><source src="v.webm" type="video/webm"></video>',
    '<video><source src="w.mp4"></video>',
    '<audio src="a.mp3"></audio>',
    '<audio><source src="b.ogg" type="audio/ogg"></audio>',
    '<iframe src="https://www.youtube.com/embed/abc"></iframe>',
    '<iframe src="https://example.org/widget"></iframe>',
    '<div>03/10/2024 - 20:45</div>',
    '<p>2024-02-30 10:00</p>',
    '<div>',
    '</div>',
    '<hr>',
    '</span>',
    '&amp; ',
    '中文 ',
  ),
  fc.string({ maxLength: 12 }),
);
const generatedSeed = fc
  .tuple(fc.array(fragment, { maxLength: 40 }), fc.option(fc.constantFrom('layout: post\ntags: [a, b]', 'title: x\nn: 1', 'empty:'), { nil: undefined }))
  .map(([parts, frontMatter]) => seed(parts.join(''), { ...(frontMatter === undefined ? {} : { frontMatter }) }));

describe('the JSON Schema accepts what the parser returns', () => {
  it('every Article of the corpus, the example seed, the examples and the fixtures', () => {
    const articles = knownArticles();
    if (process.env.CI) expect(articles.length).toBeGreaterThan(80);
    for (const { name, article } of articles) {
      expect(validateArticle(article) ? name : [name, validateArticle.errors]).toBe(name);
      expect(validateRoot(article)).toBe(true);
    }
  });

  it('the Article of any generated seed', () => {
    fc.assert(
      fc.property(generatedSeed, (text) => {
        const article = JSON.parse(JSON.stringify(parseSeed(text))) as Article;
        if (!validateArticle(article)) throw new Error(JSON.stringify(validateArticle.errors));
      }),
      checkOptions(300),
    );
  });

  it('JSONL records of both kinds, and rejects records of neither', () => {
    const article = JSON.parse(JSON.stringify(parseSeed(seed('<p>x</p>')))) as Article;
    expect(validateRecord({ file: 'a/b.md', ok: true, article })).toBe(true);
    expect(validateRecord({ file: 'a.md', ok: false, error: { code: 'MISSING_TIMESTAMP', message: 'm', line: 1, column: 1 } })).toBe(true);
    expect(validateRecord({ file: 'a.md', ok: false, error: { code: 'READ_ERROR', message: 'm', line: null, column: null } })).toBe(true);
    expect(validateRecord({ file: 'a.md', ok: true, error: { code: 'READ_ERROR', message: 'm', line: null, column: null } })).toBe(false);
    expect(validateRecord({ file: 'a.md', ok: false, article })).toBe(false);
    expect(validateRecord({ file: 'a.md', ok: false, error: { code: 'NOT_A_CODE', message: 'm', line: null, column: null } })).toBe(false);
    expect(validateRecord({ file: 'a.md', ok: false, error: { code: 'READ_ERROR', message: 'm', line: 0, column: 1 } })).toBe(false);
    expect(validateRecord({ ok: true, article })).toBe(false);
  });
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A value of another JSON type than `value`, that no field of an Article allows where `value` stands. */
function otherType(value: Json): Json {
  if (value === null) return true;
  if (Array.isArray(value)) return {};
  switch (typeof value) {
    case 'string':
      return 42;
    case 'number':
      return String(value);
    case 'boolean':
      return 'true';
    default:
      return [];
  }
}

/** Every place in an Article, except the inside of the front matter (any JSON data). */
function* places(value: Json, path: (string | number)[] = []): Generator<{ parent: Json[] | { [key: string]: Json }; key: string | number; path: string }> {
  if (value === null || typeof value !== 'object') return;
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
  for (const key of keys) {
    const child = (value as Record<string | number, Json>)[key]!;
    const childPath = [...path, key];
    yield { parent: value, key, path: childPath.join('.') };
    if (!(path.length === 1 && path[0] === 'header' && key === 'frontMatter')) yield* places(child, childPath);
  }
}

describe('the JSON Schema rejects an Article with one field missing or mistyped', () => {
  const articles = [
    ...knownArticles().map((entry) => entry.article),
    ...fc.sample(generatedSeed, { numRuns: 40, seed: 20261201 }).map((text) => JSON.parse(JSON.stringify(parseSeed(text))) as Article),
  ];

  it('for every field of every known Article: removed, or of another type', () => {
    let mutations = 0;
    for (const article of articles) {
      const root = article as unknown as Json;
      expect(validateArticle(root)).toBe(true);
      for (const { parent, key, path } of places(root)) {
        const original = (parent as Record<string | number, Json>)[key]!;
        if (!Array.isArray(parent)) {
          delete (parent as Record<string, Json>)[key];
          expect(validateArticle(root) ? `${path} removed is still valid` : 'rejected').toBe('rejected');
          mutations++;
        }
        (parent as Record<string | number, Json>)[key] = otherType(original);
        expect(validateArticle(root) ? `${path} as ${JSON.stringify(otherType(original))} is still valid` : 'rejected').toBe('rejected');
        mutations++;
        (parent as Record<string | number, Json>)[key] = original;
      }
      // Restored in place, keys in their order: the Article is valid again.
      expect(validateArticle(root)).toBe(true);
    }
    expect(mutations).toBeGreaterThan(process.env.CI ? 8_000 : 1_000);
  });

  it('an unknown field anywhere', () => {
    const article = articles.find((candidate) => candidate.media.length > 0 && candidate.links.length > 0)!;
    for (const target of [article, article.header, article.stats, article.body[0]!, article.media[0]!, article.links[0]!]) {
      (target as unknown as Record<string, unknown>).extra = 1;
      expect(validateArticle(article)).toBe(false);
      delete (target as unknown as Record<string, unknown>).extra;
    }
    expect(validateArticle(article)).toBe(true);
  });
});

/** A schema node, as far as the comparison reads it. */
interface SchemaNode {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  $ref?: string;
  anyOf?: SchemaNode[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean;
}

/** The declarations the schema describes: the data types of src/types.ts, the parser's error codes and the CLI's records. */
const SOURCES = ['src/types.ts', 'src/errors.ts', 'src/cli/record.ts'].map((file) => join(ROOT, file));
/** Types of src/types.ts that are not data an Article holds. */
const NOT_DATA = new Set(['ParseOptions', 'SeedParserCallbacks', 'SeedParser', 'ReadableStreamLike', 'SeedSource']);
/** Types of the other sources that the schema describes. */
const ALSO_DESCRIBED = ['SeedErrorCode', 'RecordErrorCode', 'RecordError', 'ParsedRecord', 'FailedRecord', 'SeedRecord'];

/** A description of a type both sides can give: `string`, `null`, `ref:Header`, `array<ref:Inline>`, `"text"`, `1`, joined by `|`. */
function shapeOfSchema(node: SchemaNode): string {
  const parts = new Set<string>();
  if (node.$ref !== undefined) parts.add(`ref:${node.$ref.replace('#/$defs/', '')}`);
  if (node.const !== undefined) parts.add(JSON.stringify(node.const));
  for (const value of node.enum ?? []) parts.add(JSON.stringify(value));
  for (const member of node.anyOf ?? []) for (const part of shapeOfSchema(member).split('|')) parts.add(part);
  for (const type of [node.type ?? []].flat()) {
    if (type === 'array') parts.add(`array<${shapeOfSchema(node.items!)}>`);
    else parts.add(type === 'integer' ? 'number' : type);
  }
  return [...parts].sort().join('|');
}

describe('the JSON Schema matches the TypeScript types', () => {
  const program = ts.createProgram(SOURCES, { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext });
  const checker = program.getTypeChecker();
  const declarations = new Map<string, ts.InterfaceDeclaration | ts.TypeAliasDeclaration>();
  for (const file of SOURCES) {
    const source = program.getSourceFile(file)!;
    source.forEachChild((node) => {
      if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) declarations.set(node.name.text, node);
    });
  }
  const described = [...declarations.keys()].filter((name) => (SOURCES[0] === declarations.get(name)!.getSourceFile().fileName ? !NOT_DATA.has(name) : ALSO_DESCRIBED.includes(name)));
  /** The schema describes SeedErrorCode inside RecordErrorCode. */
  const inSchema = (name: string) => (name === 'SeedErrorCode' ? 'RecordErrorCode' : name);

  function shapeOfType(type: ts.Type, top = false): string {
    const alias = type.aliasSymbol?.name;
    if (alias === 'Record') return 'object';
    if (!top && alias !== undefined && declarations.has(alias)) return `ref:${alias}`;
    if (type.isUnion()) {
      const parts = new Set(type.types.flatMap((member) => shapeOfType(member).split('|')));
      if (parts.has('true') && parts.has('false')) {
        parts.delete('true');
        parts.delete('false');
        parts.add('boolean');
      }
      return [...parts].sort().join('|');
    }
    if (type.flags & ts.TypeFlags.String) return 'string';
    if (type.flags & ts.TypeFlags.Number) return 'number';
    if (type.flags & ts.TypeFlags.Boolean) return 'boolean';
    if (type.flags & ts.TypeFlags.Null) return 'null';
    if (type.isStringLiteral()) return JSON.stringify(type.value);
    if (type.isNumberLiteral()) return JSON.stringify(type.value);
    if (type.flags & ts.TypeFlags.BooleanLiteral) return checker.typeToString(type);
    if (checker.isArrayType(type)) return `array<${shapeOfType(checker.getTypeArguments(type as ts.TypeReference)[0]!)}>`;
    const name = type.getSymbol()?.name;
    if (name !== undefined && declarations.has(name)) return `ref:${name}`;
    throw new Error(`no shape for the type ${checker.typeToString(type)}`);
  }

  /**
   * A union as written: members that the schema describes stay references
   * (`Block` is `TextBlock | Media`); others (`SeedErrorCode` in
   * `RecordErrorCode`) are expanded to their literals.
   */
  function shapeOfUnion(node: ts.TypeNode): string {
    const members = ts.isUnionTypeNode(node) ? node.types : [node];
    const parts = new Set<string>();
    for (const member of members) {
      const name = ts.isTypeReferenceNode(member) && ts.isIdentifier(member.typeName) ? member.typeName.text : null;
      const shape = name !== null && name !== 'SeedErrorCode' && schema.$defs[name] !== undefined ? `ref:${name}` : shapeOfType(checker.getTypeFromTypeNode(member), true);
      for (const part of shape.split('|')) parts.add(part);
    }
    return [...parts].sort().join('|');
  }

  it('describes every data type of src/types.ts and the records, and nothing else', () => {
    expect(described.length).toBeGreaterThan(25);
    const expected = new Set(described.map(inSchema));
    expect(Object.keys(schema.$defs).sort()).toEqual([...expected].sort());
  });

  /** Every difference between the schema's $defs and the declarations, one line each. */
  function differences(defs: Record<string, SchemaNode>): string[] {
    const found: string[] = [];
    for (const name of described) {
      const declaration = declarations.get(name)!;
      if (ts.isTypeAliasDeclaration(declaration)) {
        if (name === 'SeedErrorCode') continue;
        const schemaShape = shapeOfSchema(defs[name]!);
        const tsShape = shapeOfUnion(declaration.type);
        if (schemaShape !== tsShape) found.push(`${name}: ${schemaShape} instead of ${tsShape}`);
        continue;
      }
      const node = defs[name]!;
      if (node.type !== 'object' || node.additionalProperties !== false) found.push(`${name}: not a closed object`);
      const properties = checker.getPropertiesOfType(checker.getTypeAtLocation(declaration));
      const required = properties.filter((property) => !(property.flags & ts.SymbolFlags.Optional)).map((property) => property.name);
      if ([...(node.required ?? [])].sort().join() !== required.sort().join()) found.push(`${name}: requires ${node.required?.join()} instead of ${required.join()}`);
      for (const key of Object.keys(node.properties ?? {})) {
        if (!properties.some((property) => property.name === key)) found.push(`${name}.${key}: not in the type`);
      }
      for (const property of properties) {
        const schemaNode = node.properties?.[property.name];
        if (schemaNode === undefined) {
          found.push(`${name}.${property.name}: not in the schema`);
          continue;
        }
        const schemaShape = shapeOfSchema(schemaNode);
        const tsShape = shapeOfType(checker.getTypeOfSymbolAtLocation(property, declaration));
        if (schemaShape !== tsShape) found.push(`${name}.${property.name}: ${schemaShape} instead of ${tsShape}`);
      }
    }
    return found;
  }

  it('gives each interface exactly its fields, all required, of the same types, and each union the same members', () => {
    expect(differences(schema.$defs)).toEqual([]);
  });

  it('names each difference (the comparison has teeth)', () => {
    const defs = JSON.parse(JSON.stringify(schema.$defs)) as Record<string, SchemaNode>;
    delete defs.Image!.properties!.link;
    defs.Image!.required = defs.Image!.required!.filter((key) => key !== 'link');
    defs.Video!.properties!.poster = { type: 'string' };
    defs.Stats!.properties!.sentences = { type: 'integer' };
    defs.Inline!.anyOf!.pop();
    defs.DiagnosticCode!.enum!.pop();
    defs.Heading!.properties!.level = { type: 'integer' };
    expect(differences(defs)).toEqual([
      'Inline: ref:Break|ref:Emphasis|ref:InlineCode|ref:Strong|ref:Text instead of ref:Break|ref:Emphasis|ref:InlineCode|ref:InlineLink|ref:Strong|ref:Text',
      'Heading.level: number instead of 1|2|3|4|5|6',
      'Image: requires type,src,alt,title,width,height,caption,credit instead of alt,caption,credit,height,link,src,title,type,width',
      'Image.link: not in the schema',
      'Video.poster: string instead of null|string',
      'Stats.sentences: not in the type',
      'DiagnosticCode: "CDATA_DROPPED"|"FIGURE_TOO_DEEP"|"FRONT_MATTER_WARNING"|"MISSING_SRC"|"UNCLOSED_ELEMENT"|"UNFINISHED_MARKUP"|"UNMATCHED_END_TAG"|"UNSAFE_URL" instead of "CDATA_DROPPED"|"DIAGNOSTICS_TRUNCATED"|"FIGURE_TOO_DEEP"|"FRONT_MATTER_WARNING"|"MISSING_SRC"|"UNCLOSED_ELEMENT"|"UNFINISHED_MARKUP"|"UNMATCHED_END_TAG"|"UNSAFE_URL"',
    ]);
  });
});
