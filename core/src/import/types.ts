/** What every importer returns: suite files to write and what could not be converted. */
export interface ImportedFile {
  /** A file name (no folder), ending in `.bluebook.yaml`. */
  name: string;
  text: string;
}

export interface ImportResult {
  files: ImportedFile[];
  /** One line each, naming the request and what was dropped. */
  problems: string[];
}

/** Input that cannot be imported at all (wrong format, corrupt file): nothing is written. */
export class ImportError extends Error {}

export type AuthSpec = { bearer: string } | { basic: { username: string; password: string } };

export type BodySpec =
  | { json: unknown }
  | { body: string }
  | { form: Record<string, string | string[]> }
  | { multipart: Record<string, string | { file: string; contentType?: string }> };

/** One request as the importers understand it; text values already in suite syntax. */
export interface RequestSpec {
  method: string;
  url: string;
  headers: [string, string][];
  query?: Record<string, string | string[]>;
  body?: BodySpec;
  auth?: AuthSpec;
  followRedirects?: boolean;
  timeout?: string;
}

export interface TestSpec {
  /** Preferred test id; made unique and slug-shaped by `suiteText`. */
  id: string;
  name: string;
  steps: RequestSpec[];
  /** Expected status, when the source declares one (OpenAPI). */
  status?: number;
}

export interface SuiteSpec {
  name: string;
  variables?: Record<string, string>;
  tests: TestSpec[];
}
