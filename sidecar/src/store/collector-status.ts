/** Old module name, kept so existing imports keep working; the code lives in ./status-store. */
export * from './status-store';
