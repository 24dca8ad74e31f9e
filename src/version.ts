declare const __WINFILE_VERSION__: string | undefined;

/** Injected at build time from package.json. */
export const VERSION: string = typeof __WINFILE_VERSION__ === 'string' ? __WINFILE_VERSION__ : '0.0.0-dev';
