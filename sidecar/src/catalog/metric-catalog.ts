/** Old module path (used by app/, cli/ and bench/): the catalogue now lives in ./catalog. */
export { BUILTIN_ENTRIES, Catalog, CatalogError, buildCatalog, catalogProblems, catalogToJson, fromExtra, validateCatalog, type Cadence, type CatalogJson } from './catalog';
