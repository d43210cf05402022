// Syntax highlighting for the Cookbook by highlight.js, loaded on first use (its own chunk: the
// app's start never pays for it), with only the languages the recipes show.
export type Language = 'rust' | 'typescript' | 'ini' | 'json';

type Highlighter = (code: string, language: Language) => string;
let loading: Promise<Highlighter> | undefined;

async function load(): Promise<Highlighter> {
  const [{ default: hljs }, rust, typescript, ini, json] = await Promise.all([
    import('highlight.js/lib/core'),
    import('highlight.js/lib/languages/rust'),
    import('highlight.js/lib/languages/typescript'),
    import('highlight.js/lib/languages/ini'),
    import('highlight.js/lib/languages/json'),
  ]);
  hljs.registerLanguage('rust', rust.default);
  hljs.registerLanguage('typescript', typescript.default);
  hljs.registerLanguage('ini', ini.default);
  hljs.registerLanguage('json', json.default);
  return (code, language) => hljs.highlight(code, { language, ignoreIllegals: true }).value;
}

/** `code` as HTML with highlight.js's `hljs-*` spans (the text escaped by highlight.js). */
export async function highlight(code: string, language: Language): Promise<string> {
  loading ??= load();
  return (await loading)(code, language);
}
