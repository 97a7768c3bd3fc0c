import { embedOptionsSearch, formatAspect, type EmbedOptions } from '../state/embedOptions';

/** The formats the Embed dialog writes. */
export const SNIPPET_FORMATS = [
  { id: 'html', label: 'HTML' },
  { id: 'markdown', label: 'Markdown' },
  { id: 'mdx', label: 'MDX' },
  { id: 'element', label: 'Web component' },
] as const;
export type SnippetFormat = (typeof SNIPPET_FORMATS)[number]['id'];

/** What a snippet is made of. */
export interface SnippetInput {
  /** The site's root (where index.html, embed.html and pattern-sim.js are), ending in "/". */
  siteUrl: string;
  /** The run's address part: `?pattern=…&<param>=…&seed=…`. */
  search: string;
  /** The pattern's title (the frame's accessible name). */
  title: string;
  options: Partial<EmbedOptions>;
}

/** Height of a frame sized from its content until its first resize message arrives. */
const FALLBACK_HEIGHT = 480;

/** The embed page's address for a run and its options. */
export function embedPageUrl(input: SnippetInput): string {
  const extra = embedOptionsSearch(input.options);
  return `${input.siteUrl}embed.html${input.search}${extra ? `&${extra}` : ''}`;
}

function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The frame's inline style: full width, and either an aspect ratio or a starting height. */
function frameStyle(aspect: number | null | undefined): string {
  const size = aspect
    ? `aspect-ratio:${formatAspect(aspect).replace(':', '/')}`
    : `height:${FALLBACK_HEIGHT}px`;
  return `display:block;width:100%;${size};border:0;border-radius:12px`;
}

/**
 * A responsive iframe (full width of the column; height from an aspect ratio, or from the resize
 * messages the embed posts, applied by a few lines of script).
 */
export function htmlSnippet(input: SnippetInput): string {
  const src = embedPageUrl(input);
  const frame = `<iframe src="${src}" title="${attr(input.title)} (live simulation)" style="${frameStyle(input.options.aspect)}" loading="lazy" data-pattern-sim></iframe>`;
  if (input.options.aspect) return frame;
  return `${frame}
<script>
  // Grows each simulator frame to the height its diagram needs (optional; see docs/EMBEDDING.md).
  addEventListener('message', (e) => {
    if (e.data?.type !== 'resize') return;
    for (const f of document.querySelectorAll('iframe[data-pattern-sim]'))
      if (f.contentWindow === e.source) f.style.height = e.data.height + 'px';
  });
</script>`;
}

/**
 * For Markdown pages (MkDocs, Jekyll, Hugo, Docusaurus' .md): raw HTML passes through, scripts
 * often do not, so the frame keeps a fixed aspect ratio; a link follows for renderers that strip
 * iframes (GitHub's).
 */
export function markdownSnippet(input: SnippetInput): string {
  const aspect = input.options.aspect ?? 16 / 10;
  const src = embedPageUrl({ ...input, options: { ...input.options, aspect } });
  const app = `${input.siteUrl}index.html${input.search}`;
  return `<iframe src="${src}" title="${attr(input.title)} (live simulation)" style="${frameStyle(aspect)}" loading="lazy"></iframe>

[▶ Open “${input.title}” in the simulator](${app})`;
}

/** For MDX (Docusaurus, Nextra, Astro): JSX wants a style object and camelCase. */
export function mdxSnippet(input: SnippetInput): string {
  const aspect = input.options.aspect ?? 16 / 10;
  const src = embedPageUrl({ ...input, options: { ...input.options, aspect } });
  const ratio = formatAspect(aspect).replace(':', ' / ');
  return `<iframe
  src="${src}"
  title="${attr(input.title)} (live simulation)"
  style={{ display: 'block', width: '100%', aspectRatio: '${ratio}', border: 0, borderRadius: 12 }}
  loading="lazy"
/>`;
}

/** The web component: its script once per page, then one element per diagram. */
export function elementSnippet(input: SnippetInput): string {
  const query = new URLSearchParams(input.search);
  const pattern = query.get('pattern') ?? '';
  query.delete('pattern');
  const extra = new URLSearchParams(embedOptionsSearch(input.options));
  const attrs = [`pattern="${attr(pattern)}"`];
  const params = query.toString();
  if (params) attrs.push(`params="${attr(params)}"`);
  for (const [key, value] of extra) attrs.push(`${key}="${attr(value)}"`);
  return `<script type="module" src="${input.siteUrl}pattern-sim.js"></script>
<pattern-sim ${attrs.join(' ')}></pattern-sim>`;
}

/** The snippet in a format. */
export function snippet(format: SnippetFormat, input: SnippetInput): string {
  switch (format) {
    case 'html':
      return htmlSnippet(input);
    case 'markdown':
      return markdownSnippet(input);
    case 'mdx':
      return mdxSnippet(input);
    case 'element':
      return elementSnippet(input);
  }
}
