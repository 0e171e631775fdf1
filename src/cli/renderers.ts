import * as render from '../render/index.js';
import type { Article } from '../types.js';

type Renderer = (article: Article) => string;
const renderers = render as unknown as Record<string, Renderer | undefined>;

function pick(name: string): Renderer {
  const renderer = renderers[name];
  if (renderer === undefined) throw new Error(`${name} is not available in this build`);
  return renderer;
}

export const toMarkdown: Renderer = (article) => pick('toMarkdown')(article);
export const toHtml: Renderer = (article) => pick('toHtml')(article);
