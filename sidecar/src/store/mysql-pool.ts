/** Old module name, kept so existing imports keep working; the code lives in ./pool. */
export * from './pool';
