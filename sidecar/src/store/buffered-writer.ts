/** Old module name, kept so existing imports keep working; the code lives in ./sample-writer. */
export * from './sample-writer';
