// The Cookbook's shapes: a recipe as the catalog writes it (recipes.ts), and what the build cuts
// from the real files for it (extract.ts, served as the `virtual:cookbook` module).
import type { Group } from '../bench/plan';
import type { RouteName } from '../router';
import type { SEEDS } from '../api/seeds';

/** A test that proves the app avoids a pitfall: its file, and its name as written there. */
export interface TestRef {
  file: string;
  name: string;
}

export interface Pitfall {
  /** What goes wrong, and when. */
  problem: string;
  /** What this app does about it. */
  remedy: string;
  /** Where that is proven (checked to exist by src/cookbook/recipes.test.ts). */
  test: TestRef;
  /** An upstream issue or doc, when there is one. */
  link?: string;
}

export interface Recipe {
  /** Its deep link (`#/cookbook/<id>`) and its regions' name (`#region recipe:<id>`). */
  id: string;
  title: string;
  /** What the path is for, in a sentence or two. */
  summary: string;
  /** The view whose panels show it working (each with a "How it works" link back here). */
  demo: RouteName;
  /** The permissions the page needs for it (the app's `allow-<command>`, or a plugin's). */
  permissions: readonly string[];
  /** The bench figures of its path, best first: the first in this device's last report shows. */
  figures: readonly string[];
  /** The bench group that measures it, when one does. */
  group?: Group;
  /** The seed snippets (src/api/seeds.ts) this recipe explains. */
  seeds: ReadonlyArray<keyof typeof SEEDS>;
  pitfalls: readonly Pitfall[];
  /** Words a search should also find it by. */
  keywords?: string;
}

/** One cut of a source file. */
export interface CodePart {
  /** From the repository's root, with forward slashes. */
  file: string;
  /** The region's first line in the file (1-based). */
  line: number;
  lang: 'rust' | 'typescript';
  code: string;
}

/** A `[[permission]]` or `[[set]]` block of a permission file, as written there. */
export interface PermissionBlock {
  file: string;
  identifier: string;
  /** A set's permissions (none for a permission). */
  members: string[];
  toml: string;
}

/** Where one permission comes from: its definition, the sets holding it, the capabilities granting those. */
export interface Grant {
  permission: string;
  /** The app command tauri-build generates this `allow-<command>` permission for, if it is one. */
  command?: string;
  blocks: PermissionBlock[];
  capabilities: Array<{ file: string; identifier: string; windows: string[]; platforms: string[]; entry: string }>;
}

export interface RecipeSources {
  code: CodePart[];
  grants: Grant[];
}
