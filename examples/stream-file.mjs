// Stream a seed file in small chunks with parseSeedStream, printing each block as soon as it is complete.
//   node examples/stream-file.mjs [file]     (defaults to examples/sample.seed.md)
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSeedStream } from 'seed-parser';

const file = process.argv[2] ?? fileURLToPath(new URL('./sample.seed.md', import.meta.url));

const article = await parseSeedStream(createReadStream(file, { highWaterMark: 256 }), {
  onHeader: (header) => console.log(`# ${header.title}  (${header.published})`),
  onDateline: (dateline) => console.log(`  dateline: ${dateline.text}`),
  onLead: (lead) => console.log(`  lead: ${lead.text}`),
  onBlock: (block) => console.log(`  ${block.type}: ${describe(block)}`),
});
console.log(`${article.stats.paragraphs} paragraphs, ${article.stats.words} words, ${article.links.length} links`);

function describe(block) {
  if (block.type === 'list') return block.items.map((item) => item.text).join(' | ');
  if ('text' in block) return block.text.split('\n')[0];
  return block.src ?? block.sources?.[0]?.src ?? '';
}
