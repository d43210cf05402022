// Build time (Node): cuts each recipe's code from the real source files and its permission and
// capability entries from the real ACL files, so what the Cookbook shows is what runs. A region
// is marked in a source file with a comment on a line of its own:
//   // #region recipe:<id>      …code…      // #endregion recipe:<id>
// (any number per file and per recipe; another recipe's markers inside are left out of the
// code). `cookbookSources` fails, naming every problem, when a recipe has no Rust or no
// TypeScript region, a region is empty or never closed, a marker names no recipe, or a
// permission the recipe names is granted by no capability: the build stops there
// (src/cookbook/plugin.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { CodePart, Grant, PermissionBlock, RecipeSources } from './model';

/** Where regions are looked for, from the repository root: the app's Rust and its page. */
const SOURCE_ROOTS = ['src-tauri/src', 'src'];
const LANGUAGES: Record<string, CodePart['lang']> = { rs: 'rust', ts: 'typescript', vue: 'typescript' };
const MARKER = /^\s*(?:\/\/|<!--)\s*#(region|endregion)\s+recipe:([a-z0-9-]+)\s*(?:-->)?\s*$/;

/** Every source file that can hold a region (tests and generated code left out). */
function sourceFiles(root: string): string[] {
  return SOURCE_ROOTS.flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .map((file) => `${dir}/${file.split('\\').join('/')}`)
      .filter((file) => /\.(rs|ts|vue)$/.test(file) && !/\.test\.ts$|\/testing\/|\.d\.ts$/.test(file)),
  ).sort();
}

/** `lines` without the indentation they all share. */
function dedent(lines: string[]): string {
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const cut = Math.min(...indents);
  return lines.map((l) => l.slice(cut)).join('\n');
}

/** The regions of every file under the source roots, by recipe id, with the problems found. */
export function findRegions(root: string): { regions: Map<string, CodePart[]>; problems: string[] } {
  const regions = new Map<string, CodePart[]>();
  const problems: string[] = [];
  for (const file of sourceFiles(root)) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    const open = new Map<string, { start: number; lines: string[] }>();
    lines.forEach((line, index) => {
      const marker = MARKER.exec(line);
      if (!marker) {
        for (const region of open.values()) region.lines.push(line);
        return;
      }
      const [, kind, id] = marker;
      const where = `${file}:${index + 1}`;
      if (kind === 'region') {
        if (open.has(id)) problems.push(`${where}: recipe:${id} opened again before its #endregion`);
        open.set(id, { start: index + 2, lines: [] });
        return;
      }
      const region = open.get(id);
      if (!region) return void problems.push(`${where}: #endregion recipe:${id} without its #region`);
      open.delete(id);
      if (!region.lines.some((l) => l.trim())) return void problems.push(`${where}: recipe:${id} is empty`);
      const part: CodePart = {
        file,
        line: region.start,
        lang: LANGUAGES[file.split('.').pop()!],
        code: dedent(region.lines),
      };
      regions.set(id, [...(regions.get(id) ?? []), part]);
    });
    for (const [id, region] of open) problems.push(`${file}:${region.start - 1}: recipe:${id} is never closed`);
  }
  return { regions, problems };
}

/** A TOML file's `[[permission]]` / `[[set]]` blocks, each as its text and its parsed identity. */
function tomlBlocks(root: string, file: string): PermissionBlock[] {
  const text = readFileSync(join(root, file), 'utf8');
  return text
    .split(/^(?=\[\[)/m)
    .filter((block) => block.startsWith('[['))
    .map((block) => {
      const table = Object.values(parseToml(block))[0] as Array<Record<string, unknown>>;
      const entry = table[0];
      const members = Array.isArray(entry.permissions) ? (entry.permissions as string[]) : [];
      return { file, identifier: String(entry.identifier), members, toml: block.trim() };
    });
}

interface Capability {
  identifier: string;
  windows?: string[];
  platforms?: string[];
  permissions: Array<string | { identifier: string }>;
}

/** The app's commands, from the one command list (`basics::greet,` → `greet`). */
function appCommands(root: string): Set<string> {
  const list = readFileSync(join(root, 'src-tauri/src/commands/list.rs'), 'utf8');
  return new Set([...list.matchAll(/^\s*\w+::(\w+)(?:<\w+>)?,\s*$/gm)].map((m) => m[1]));
}

/**
 * What grants `permission` (an `allow-<command>` of this app or a plugin's `core:…`): the
 * command it is generated for (tauri-build writes `allow-<command>` for every command of the
 * list, build.rs, into an ignored folder a fresh clone does not have yet), the app's blocks that
 * define it or hold it in a set, and every capability entry that names it or such a set.
 */
function grantsOf(
  permission: string,
  commands: Set<string>,
  blocks: PermissionBlock[],
  capabilities: Array<{ file: string; capability: Capability }>,
): Grant {
  const generated = /^allow-([a-z0-9-]+)$/.exec(permission)?.[1].replaceAll('-', '_');
  const command = generated !== undefined && commands.has(generated) ? generated : undefined;
  const defining = blocks.filter((b) => b.identifier === permission);
  const sets = blocks.filter((b) => b.members.includes(permission));
  const names = new Set([permission, ...sets.map((s) => s.identifier)]);
  const capabilityEntries = capabilities.flatMap(({ file, capability }) =>
    capability.permissions
      .filter((entry) => names.has(typeof entry === 'string' ? entry : entry.identifier))
      .map((entry) => ({
        file,
        identifier: capability.identifier,
        windows: capability.windows ?? [],
        platforms: capability.platforms ?? [],
        entry: JSON.stringify(entry, null, 2),
      })),
  );
  return { permission, command, blocks: [...defining, ...sets], capabilities: capabilityEntries };
}

/** The recipes as the catalog names them: an id, and the permissions its page needs. */
export interface RecipeNeeds {
  id: string;
  permissions: readonly string[];
}

/**
 * Every recipe's code regions and grants, from the files under `root` (the repository).
 * Throws one error listing every problem found.
 */
export function cookbookSources(root: string, recipes: readonly RecipeNeeds[]): Record<string, RecipeSources> {
  const { regions, problems } = findRegions(root);
  const permissionDir = 'src-tauri/permissions';
  const blocks = readdirSync(join(root, permissionDir))
    .filter((f) => f.endsWith('.toml'))
    .sort()
    .flatMap((f) => tomlBlocks(root, `${permissionDir}/${f}`));
  const commands = appCommands(root);
  const capabilityDir = 'src-tauri/capabilities';
  const capabilities = readdirSync(join(root, capabilityDir))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      file: `${capabilityDir}/${f}`,
      capability: JSON.parse(readFileSync(join(root, capabilityDir, f), 'utf8')) as Capability,
    }));
  const known = new Set(recipes.map((r) => r.id));
  for (const [id, parts] of regions) {
    if (!known.has(id)) problems.push(`${parts[0].file}:${parts[0].line - 1}: recipe:${id} names no recipe`);
  }
  const sources: Record<string, RecipeSources> = {};
  for (const recipe of recipes) {
    const code = regions.get(recipe.id) ?? [];
    for (const lang of ['rust', 'typescript'] as const) {
      if (!code.some((part) => part.lang === lang)) problems.push(`recipe ${recipe.id}: no ${lang} region`);
    }
    const grants = recipe.permissions.map((p) => grantsOf(p, commands, blocks, capabilities));
    for (const grant of grants) {
      if (!grant.capabilities.length) {
        problems.push(`recipe ${recipe.id}: no capability grants ${grant.permission}`);
      }
    }
    sources[recipe.id] = { code, grants };
  }
  if (problems.length) throw new Error(`the cookbook cannot be built:\n  ${problems.join('\n  ')}`);
  return sources;
}
