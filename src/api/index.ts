// The frontend's only door to Tauri: components and composables import from here.
export * from './auth';
export * from './bench';
export * from './chunks';
export * from './commands';
export * from './errors';
export * from './events';
export * from './files';
export * from './jobs';
export * from './network';
export { currentPlatform, isMobile, type Platform } from './platform';
export * from './preferences';
export * from './seeds';
export * from './windows';
