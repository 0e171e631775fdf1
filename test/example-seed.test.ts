import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSeed } from '../src/index.js';
import { image, sharedFiles } from './helpers.js';

const [example] = sharedFiles('seeds', '');

describe('the example seed', () => {
  it('is present', () => {
    if (process.env.CI) expect(example).toBeDefined();
  });

  it.runIf(example !== undefined)('parses to the exact header, dateline, lead, paragraphs and image', () => {
    const article = parseSeed(readFileSync(example!.path, 'utf8'));
    expect(article.header).toEqual({
      timestamp: 1684512901000,
      published: '2023-05-19T16:15:01.000Z',
      title: '中国-中亚5国峰会：习近平呼吁深挖合作 反颜色革命',
      url:
        'https://www.rfi.fr/cn/%E5%9B%BD%E9%99%85/20230519-%E4%B8%AD%E5%9B%BD-%E4%B8%AD%E4%BA%9A5%E5%9B%BD%E5%B3%B0%E4%BC%9A-' +
        '%E4%B9%A0%E8%BF%91%E5%B9%B3%E5%91%BC%E5%90%81%E6%B7%B1%E6%8C%96%E5%90%88%E4%BD%9C-%E5%8F%8D%E9%A2%9C%E8%89%B2%E9%9D%A9%E5%91%BD',
      frontMatter: null,
    });
    expect(article.dateline).toEqual({ text: '19/05/2023 - 18:08', iso: '2023-05-19T18:08' });

    expect(article.lead?.text.startsWith('习近平在西安中国-中亚峰会上呼吁')).toBe(true);
    expect(article.lead?.text.endsWith('反对煽动"颜色革命"。')).toBe(true);
    expect(article.lead?.inlines).toHaveLength(1);
    expect(article.lead?.inlines[0]?.type).toBe('strong');

    expect(article.media).toEqual([
      image(
        'https://s.rfi.fr/media/display/5a2ee61e-f60a-11ed-8fe9-005056a90321/w:1280/p:16x9/' +
          '2023-05-19T044522Z_337233748_RC2E11AB46KQ_RTRMADP_3_CHINA-CENTRALASIA.JPG',
      ),
    ]);
    expect(article.body[0]).toBe(article.media[0]);

    const paragraphs = article.body.filter((block) => block.type === 'paragraph');
    expect(paragraphs).toHaveLength(12);
    expect(article.stats.paragraphs).toBe(13);
    expect(paragraphs[0]?.text.startsWith('据法新社引述中国官媒周五提供的习近平讲话摘录')).toBe(true);
    // Adjacent spans join with nothing added.
    expect(paragraphs[0]?.text).toContain('并强调要发展');
    expect(paragraphs[1]?.text).toContain('的支持。他还说');
    expect(paragraphs[11]?.text).toBe('朱志群教授指出，七国集团将重点建立一个共同战略，以"击退中国在世界范围内日益增长的影响力"。');
    expect(article.links).toEqual([]);
    expect(article.diagnostics).toEqual([]);
    expect(article.text.split('\n\n')).toHaveLength(13);
    expect(article.stats.characters).toBe([...article.text].length);
  });
});
