import { describe, expect, it } from 'vitest';
import { elementSnippet, htmlSnippet, markdownSnippet, mdxSnippet } from './embedSnippets';

const input = {
  siteUrl: 'https://docs.example/sim/',
  search: '?pattern=pubsub-sns&publishRate=20&seed=3',
  title: 'Pub/sub with "SNS"',
  options: {},
};

describe('embed snippets', () => {
  it('HTML: a full-width frame that grows by the resize messages', () => {
    const html = htmlSnippet(input);
    expect(html).toMatch(
      /^<iframe src="https:\/\/docs\.example\/sim\/embed\.html\?pattern=pubsub-sns&publishRate=20&seed=3" title="Pub\/sub with &quot;SNS&quot; \(live simulation\)" style="display:block;width:100%;height:480px;/,
    );
    expect(html).toContain("e.data?.type !== 'resize'");
  });

  it('HTML with an aspect ratio needs no script', () => {
    const html = htmlSnippet({ ...input, options: { aspect: 16 / 9, theme: 'dark' } });
    expect(html).toContain(
      'embed.html?pattern=pubsub-sns&publishRate=20&seed=3&theme=dark&aspect=16:9"',
    );
    expect(html).toContain('aspect-ratio:16/9');
    expect(html).not.toContain('<script');
  });

  it('Markdown and MDX keep an aspect ratio; MDX writes a style object', () => {
    expect(markdownSnippet(input)).toContain('aspect-ratio:16/10');
    expect(markdownSnippet(input)).toContain(
      '(https://docs.example/sim/index.html?pattern=pubsub-sns&publishRate=20&seed=3)',
    );
    const mdx = mdxSnippet(input);
    expect(mdx).toContain("style={{ display: 'block', width: '100%', aspectRatio: '16 / 10'");
    expect(mdx).toMatch(/\/>$/);
  });

  it('the web component: the script, then the element with its attributes', () => {
    const el = elementSnippet({
      ...input,
      options: { controls: { kind: 'none' }, autoplay: false },
    });
    expect(el).toBe(`<script type="module" src="https://docs.example/sim/pattern-sim.js"></script>
<pattern-sim pattern="pubsub-sns" params="publishRate=20&amp;seed=3" autoplay="0" controls="none"></pattern-sim>`);
  });
});
