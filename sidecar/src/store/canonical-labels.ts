/** Old module name, kept so existing imports keep working; the code lives in ./labels. */
export * from './labels';
