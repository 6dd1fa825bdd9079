/** Old module name, kept so existing imports keep working; the code lives in ./registry. */
export * from './registry';
