// The Vite plugin behind `import { SOURCES } from 'virtual:cookbook'`: each recipe's code and
// grants, cut from the real files when the page is built (extract.ts). A missing or empty
// region fails the build; in development, editing a marked file reloads the module.
import type { Plugin } from 'vite';
import { cookbookSources } from './extract.ts';
import { RECIPES } from './recipes.ts';

const ID = 'virtual:cookbook';
const RESOLVED = `\0${ID}`;

export function cookbook(root: string): Plugin {
  return {
    name: 'ipc-lab-cookbook',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return;
      const sources = cookbookSources(root, RECIPES);
      for (const { code, grants } of Object.values(sources)) {
        for (const part of code) this.addWatchFile(`${root}/${part.file}`);
        for (const grant of grants) {
          for (const file of new Set([...grant.blocks, ...grant.capabilities].map((g) => g.file))) {
            this.addWatchFile(`${root}/${file}`);
          }
        }
      }
      return `export const SOURCES = ${JSON.stringify(sources)};`;
    },
  };
}
