// The catalog against the real files: every recipe's regions exist and are not empty, both its
// Rust and its TypeScript; every permission it names is granted; every seed snippet has a
// recipe; every pitfall names a test that exists; every figure is of a bench group.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SEEDS } from '../api/seeds';
import { GROUPS } from '../bench/plan';
import { NAV } from '../router';
import { cookbookSources, findRegions } from './extract';
import { RECIPES } from './recipes';

const ROOT = join(__dirname, '../..');

/** The IPC paths issue 18 names, each of which must have its recipe. */
const PATHS = [
  'commands',
  'arguments',
  'typed-errors',
  'injected',
  'raw-request',
  'raw-response',
  'channel',
  'channel-enum',
  'channel-frames',
  'channel-batched',
  'events-global',
  'emit-to',
  'emit-filter',
  'window-events',
  'js-to-rust',
  'once-unlisten',
  'eval',
  'capabilities',
  'handshake',
  'cancellation',
];

describe('the catalog', () => {
  it('cuts every recipe from the real files without a problem', () => {
    const sources = cookbookSources(ROOT, RECIPES);
    for (const recipe of RECIPES) {
      const { code, grants } = sources[recipe.id];
      expect(code.every((part) => part.code.trim().length > 0)).toBe(true);
      expect(grants.map((g) => g.permission)).toEqual(recipe.permissions);
    }
  });

  it('has one recipe per IPC path, each id once', () => {
    const ids = RECIPES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...PATHS].sort());
  });

  it('explains every seed snippet in some recipe', () => {
    const explained = new Set(RECIPES.flatMap((r) => r.seeds));
    expect(Object.keys(SEEDS).filter((seed) => !explained.has(seed as keyof typeof SEEDS))).toEqual([]);
  });

  it('names for every pitfall a test that exists', () => {
    for (const { pitfalls } of RECIPES) {
      for (const { test } of pitfalls) {
        const path = join(ROOT, test.file);
        expect(existsSync(path), test.file).toBe(true);
        const text = readFileSync(path, 'utf8');
        const escaped = test.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const defined = test.file.endsWith('.rs')
          ? new RegExp(`fn ${escaped}\\s*\\(`)
          : new RegExp(`\\(\\s*(['"\`])${escaped}\\1`);
        expect(defined.test(text), `${test.file}: ${test.name}`).toBe(true);
      }
    }
  });

  it('sends each recipe to a view of the navigation, one whose panels link to it', () => {
    const views = Object.fromEntries(NAV.map((view) => [view.name, view.title]));
    for (const recipe of RECIPES) expect(views, recipe.id).toHaveProperty(recipe.demo);
    // Every "How it works" link (`recipe="<id>"` on a Panel) names a recipe, and a recipe that
    // panels link to sends its reader to one of their views.
    const panels = [
      ...readdirSync(join(ROOT, 'src/views')).map((f) => `src/views/${f}`),
      'src/components/UploadPanel.vue',
    ].filter((f) => f.endsWith('.vue'));
    const shownIn: Record<string, string> = { 'src/components/UploadPanel.vue': 'files' };
    const links = panels.flatMap((file) =>
      [...readFileSync(join(ROOT, file), 'utf8').matchAll(/ recipe="([a-z-]+)"/g)].map((m) => ({
        id: m[1],
        view: shownIn[file] ?? file.replace(/^src\/views\/(\w+)View\.vue$/, '$1').toLowerCase(),
      })),
    );
    expect(links.length).toBeGreaterThanOrEqual(19);
    for (const { id } of links) expect(RECIPES.map((r) => r.id)).toContain(id);
    for (const recipe of RECIPES) {
      const linking = links.filter((link) => link.id === recipe.id).map((link) => link.view);
      if (linking.length) expect(linking, recipe.id).toContain(recipe.demo);
    }
  });

  it('shows figures of bench groups, its own group first', () => {
    for (const recipe of RECIPES) {
      for (const figure of recipe.figures) expect(Object.keys(GROUPS)).toContain(figure.split('.')[0]);
      if (recipe.figures.length) expect(recipe.figures[0].split('.')[0]).toBe(recipe.group);
    }
  });
});

describe('cutting regions', () => {
  let root: string | undefined;
  afterEach(() => root && rmSync(root, { recursive: true, force: true }));

  /** A repository with `files` (path → text), the permission folders, and one capability. */
  function repo(files: Record<string, string>): string {
    root = mkdtempSync(join(tmpdir(), 'cookbook-'));
    const all = {
      'src-tauri/src/commands/list.rs':
        'macro_rules! app_commands {\n  basics::greet,\n  context::with_context<R>,\n}\n',
      'src-tauri/permissions/basics.toml': '[[set]]\nidentifier = "basics"\npermissions = ["allow-greet"]\n',
      'src-tauri/capabilities/default.json': JSON.stringify({
        identifier: 'default',
        windows: ['main'],
        permissions: ['basics'],
      }),
      ...files,
    };
    for (const [file, text] of Object.entries(all)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    mkdirSync(join(root, 'src'), { recursive: true });
    mkdirSync(join(root, 'src-tauri/src'), { recursive: true });
    return root;
  }
  const rust = (body: string) => `fn a() {}\n    // #region recipe:one\n${body}    // #endregion recipe:one\n`;
  const ts = '// #region recipe:one\nexport const one = 1;\n// #endregion recipe:one\n';
  const one = [{ id: 'one', permissions: ['allow-greet'] }];

  it('cuts a region, dedented, with its file and first line, and finds its grants', () => {
    const sources = cookbookSources(
      repo({ 'src-tauri/src/a.rs': rust('    fn one() {\n        1\n    }\n'), 'src/a.ts': ts }),
      one,
    );
    expect(sources.one.code).toEqual([
      { file: 'src-tauri/src/a.rs', line: 3, lang: 'rust', code: 'fn one() {\n    1\n}' },
      { file: 'src/a.ts', line: 2, lang: 'typescript', code: 'export const one = 1;' },
    ]);
    const [grant] = sources.one.grants;
    expect(grant.command).toBe('greet');
    expect(grant.blocks.map((b) => [b.identifier, b.file])).toEqual([['basics', 'src-tauri/permissions/basics.toml']]);
    expect(grant.capabilities.map((c) => [c.identifier, c.windows, c.entry])).toEqual([
      ['default', ['main'], '"basics"'],
    ]);
  });

  it('fails on an empty region, one never closed, a close without its open, and an unknown recipe', () => {
    const files = {
      'src-tauri/src/a.rs': rust('\n'),
      'src/a.ts': ts + '// #region recipe:one\n',
      'src/b.ts': '// #endregion recipe:two\n// #region recipe:three\nx\n// #endregion recipe:three\n',
    };
    expect(() => cookbookSources(repo(files), one)).toThrow(
      [
        'the cookbook cannot be built:',
        '  src-tauri/src/a.rs:4: recipe:one is empty',
        '  src/a.ts:4: recipe:one is never closed',
        '  src/b.ts:1: #endregion recipe:two without its #region',
        '  src/b.ts:2: recipe:three names no recipe',
        '  recipe one: no rust region',
      ].join('\n'),
    );
  });

  it('fails on a recipe without TypeScript, and on a permission no capability grants', () => {
    const dir = repo({ 'src-tauri/src/a.rs': rust('x\n') });
    expect(() => cookbookSources(dir, [{ id: 'one', permissions: ['allow-nothing'] }])).toThrow(
      'recipe one: no typescript region\n  recipe one: no capability grants allow-nothing',
    );
  });

  it('leaves tests and fixtures out', () => {
    const dir = repo({ 'src/a.test.ts': ts, 'src/testing/b.ts': ts });
    expect(findRegions(dir).regions.size).toBe(0);
  });
});
