import type { BuildOptions } from 'esbuild';
export function cliBuilds(production?: boolean): BuildOptions[];
export const CLI_FILES: string[];
export const QUICKJS_WASM: string;
