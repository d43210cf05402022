// What a `.vue` import is to plain TypeScript (typed ESLint); vue-tsc and Vite read the real files.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
