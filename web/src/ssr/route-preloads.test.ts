import { describe, expect, it } from 'vitest';
import { routePreloads, type BuildManifest } from './route-preloads';

const manifest: BuildManifest = {
  'index.html': { file: 'assets/index-1.js', isEntry: true, css: ['assets/index-1.css'] },
  'src/views/MaterialView.vue': {
    file: 'assets/MaterialView-2.js',
    imports: ['index.html', '_PaywallCard-3.js', '_recording-4.js'],
  },
  '_PaywallCard-3.js': { file: 'assets/PaywallCard-3.js', imports: ['index.html', '_recording-4.js'] },
  '_recording-4.js': { file: 'assets/recording-4.js', imports: ['index.html'] },
  'src/views/CourseUnitView.vue': { file: 'assets/CourseUnitView-5.js', css: ['assets/CourseUnitView-5.css'] },
};

describe('routePreloads', () => {
  it('links a rendered lazy view and every chunk it imports once, never the entry the shell links', () => {
    const html = routePreloads(manifest, ['src/App.vue', 'src/views/MaterialView.vue', 'src/components/x.vue']);
    expect(html.split('\n')).toEqual([
      '<link rel="modulepreload" crossorigin fetchpriority="low" href="/assets/MaterialView-2.js">',
      '<link rel="modulepreload" crossorigin fetchpriority="low" href="/assets/PaywallCard-3.js">',
      '<link rel="modulepreload" crossorigin fetchpriority="low" href="/assets/recording-4.js">',
    ]);
  });

  it('links a lazy chunk’s stylesheet first, so its styles are there at the first paint', () => {
    expect(routePreloads(manifest, ['src/views/CourseUnitView.vue']).split('\n')).toEqual([
      '<link rel="stylesheet" crossorigin href="/assets/CourseUnitView-5.css">',
      '<link rel="modulepreload" crossorigin fetchpriority="low" href="/assets/CourseUnitView-5.js">',
    ]);
  });

  it('adds nothing for a page made of the entry’s components (the catalog)', () => {
    expect(routePreloads(manifest, ['src/App.vue', 'index.html'])).toBe('');
  });
});
