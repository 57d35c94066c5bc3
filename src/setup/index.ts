/**
 * `rapport init --from MAPP`: a folder's exports → a commented configuration and a list of what to check. Pure
 * functions of the files' bytes; the CLI reads the folder and writes the file.
 */
export { inspectExports, type Findings, type PlacedFile } from './inspect.js';
export { renderConfig, yamlScalar } from './write-config.js';
export { readGrids, sniffDelimiter, type Grid } from './grid.js';
export { profileColumn, fits, type ColumnProfile } from './profile.js';
export { recogniseGrid, type ColumnChoice, type RoleMatch } from './recognise.js';
export { ROLES, headerKey, headerUnit, roleById, type RoleId } from './roles.js';
