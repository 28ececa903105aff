import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { renderMarkdownHtml } from '../../app/markdown-html';
import { courseDocs } from '../../domain/course-docs';
import type { RepoFile } from '../../shared/courses';
import { parseCourseRepo } from './parse-course-repo';

// A course repository is written by authors, but a leaked token or a careless merge puts anything in it: what
// the parser accepts must end inert once the sync renders it (courseDocs with renderMarkdownHtml).
const HOSTILE = `
<script>alert('unit')</script>

[click me](javascript:alert(1)) and [again](JaVaScRiPt&colon;alert(2)) and <a href="javascript:alert(3)">raw</a>

<img src=x onerror="alert(4)">

![pic](x" onerror="alert(5))

<iframe src="https://evil.example/"></iframe>

<svg onload=alert(6)></svg> <details open ontoggle=alert(7)>x</details>

[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg4KTwvc2NyaXB0Pg==)
`;

const files: RepoFile[] = [
  {
    path: 'c/course.yaml',
    text: 'title: C\nsummary: S\ninstructors:\n  - name: Ada\naccess: premium\n',
    size: 60,
  },
  { path: 'c/01-m/01-evil.md', text: `---\nid: evil\ntitle: <script>x</script>\n---\n${HOSTILE}`, size: 600 },
  {
    path: 'c/01-m/evil.homework.yaml',
    text: `id: evil-hw\ntitle: Evil\ndescription: ${JSON.stringify(HOSTILE)}\nquestions:\n  - id: q\n    type: free\n    text: ${JSON.stringify(HOSTILE)}\n    points: 1\n`,
    size: 1200,
  },
];

/** Every way the HTML could run script or frame something, found by parsing it as a browser would. */
function liveParts(html: string): string[] {
  const { document } = new JSDOM(`<body>${html}</body>`).window;
  const found: string[] = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (['SCRIPT', 'IFRAME', 'SVG', 'OBJECT', 'EMBED', 'FORM', 'STYLE'].includes(el.tagName.toUpperCase())) {
      found.push(`<${el.tagName.toLowerCase()}>`);
    }
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) found.push(`${el.tagName.toLowerCase()} ${attr.name}`);
      if (
        ['href', 'src', 'action', 'formaction'].includes(attr.name) &&
        !/^(https?:|mailto:|\/|#|[^:]*$)/i.test(attr.value)
      ) {
        found.push(`${attr.name}=${attr.value}`);
      }
    }
  }
  return found;
}

describe('hostile markdown in a course', () => {
  it('parses (the format does not judge markdown) and renders inert', () => {
    const result = parseCourseRepo(files, ['premium']);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const docs = courseDocs(result.courses[0]!, {
      rank: 40,
      render: renderMarkdownHtml,
      uploaded: {},
      commit: 'test',
      now: new Date(),
    });
    const unitHtml = docs.units.evil!.html;
    const hw = docs.homework['evil-hw']!;
    for (const html of [unitHtml, hw.descriptionHtml, hw.questions[0]!.html]) {
      expect(liveParts(html)).toEqual([]);
      // The text survives, shown rather than run.
      expect(html).toContain('click me');
    }
    // The detector itself finds what it must (so an empty list above means something).
    expect(liveParts('<a href="javascript:x">a</a><img src=x onerror=y><iframe></iframe>')).toEqual([
      'href=javascript:x',
      'img onerror',
      '<iframe>',
    ]);
  });
});
