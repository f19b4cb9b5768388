/** The hub's coded errors and the catalogue of their codes (see this folder's README). */
export * from './appErrors';
export * from './catalogue';
