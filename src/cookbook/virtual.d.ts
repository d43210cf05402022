// The module src/cookbook/plugin.ts builds from the real files.
declare module 'virtual:cookbook' {
  export const SOURCES: Record<string, import('./model').RecipeSources>;
}
