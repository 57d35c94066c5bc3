import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (holds templates/), found from this file both in src/ (tests) and dist/ (the CLI). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const BUILTIN_TEMPLATES = path.join(PACKAGE_ROOT, 'templates');
