// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

/** Classic XSS payloads, as markdown and as raw HTML inside markdown. */
const CORPUS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '[x](jav&#x09;ascript:alert(1))',
  '[x](  javascript:alert(1))',
  '[x](vbscript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<div onmouseover="alert(1)">hover</div>',
  '<IMG SRC=x OnErRoR=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<javascript:alert(1)>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<form action="https://evil.example"><input name=a></form>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<details open ontoggle=alert(1)>',
  '[click](javascript:alert(document.cookie) "title")',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '```\n<script>alert(1)</script>\n```',
  '[x]: javascript:alert(1)\n\n[link][x]',
];

function parse(html: string) {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return [...doc.body.querySelectorAll('*')];
}

describe('renderMarkdown sanitizes', () => {
  it.each(CORPUS.map((p) => [p]))('%s', (payload) => {
    const elements = parse(renderMarkdown(payload));
    for (const el of elements) {
      expect(['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'FORM', 'INPUT', 'STYLE', 'SVG', 'MATH']).not.toContain(el.tagName.toUpperCase());
      for (const attr of el.getAttributeNames()) {
        expect(attr).not.toMatch(/^on/i);
        expect(attr).not.toBe('style');
        if (attr === 'href' || attr === 'src') expect(el.getAttribute(attr)?.trim()).toMatch(/^(https?:|mailto:|\/|#)/i);
      }
    }
  });
});

describe('renderMarkdown renders ordinary markdown', () => {
  const html = renderMarkdown(
    '## Title\n\nSome **bold** text and `code`.\n\n- one\n- two\n\n```sql\nSELECT 1;\n```\n\n[docs](https://duckdb.org/docs/) ![chart](https://example.com/c.png)',
  );
  const els = parse(html);
  it('keeps structure', () => {
    expect(els.map((e) => e.tagName)).toEqual(expect.arrayContaining(['H2', 'STRONG', 'CODE', 'UL', 'LI', 'PRE', 'A', 'IMG']));
    expect(html).toContain('SELECT 1;');
  });
  it('opens external links safely', () => {
    const a = els.find((e) => e.tagName === 'A');
    expect(a?.getAttribute('href')).toBe('https://duckdb.org/docs/');
    expect(a?.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(a?.getAttribute('target')).toBe('_blank');
  });
  it('shows raw HTML as text instead of rendering it', () => {
    expect(renderMarkdown('<b>hi</b>')).toContain('&lt;b&gt;hi&lt;/b&gt;');
  });
});
