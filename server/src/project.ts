/**
 * What the server knows about the files around a suite: the nearest bluebook.config.yaml, its
 * `.env`, and referenced schema/data files. Reads are cached until a watched file changes, so a
 * keystroke in a 10,000-line suite costs no disk I/O. A file open in the editor (the config) is
 * read from its unsaved text, not from disk: suites see the config the user is typing.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  findConfigPath,
  nodeFileSystem,
  parseProjectConfig,
  parseDotEnvFile,
  type FileSystem,
  type ProjectConfig,
  type DotEnv,
  type ValidationContext,
} from '../../core/src/index.js';
import { CONFIG_FILE_NAME } from '../../core/src/config.js';
import type { BluebookSettings } from '../../core/src/protocol.js';

export class ProjectCache {
  private readonly texts = new Map<string, string | undefined>();
  private readonly files = new Map<string, boolean>();
  private readonly configs = new Map<string, { config?: ProjectConfig; dotenv?: DotEnv }>();
  private readonly configPaths = new Map<string, string | undefined>();
  private readonly suiteLists = new Map<string, ProjectFiles>();
  /** Texts of files open in the editor, by path: they win over what is on disk. */
  private readonly open = new Map<string, string>();

  /** A file system whose answers are remembered until `invalidate()`. */
  readonly fileSystem: FileSystem = {
    isFile: (path) => {
      if (this.open.has(path)) return true;
      let known = this.files.get(path);
      if (known === undefined) {
        known = nodeFileSystem.isFile(path);
        this.files.set(path, known);
      }
      return known;
    },
    readText: (path) => {
      const open = this.open.get(path);
      if (open !== undefined) return open;
      if (!this.texts.has(path)) this.texts.set(path, nodeFileSystem.readText(path));
      return this.texts.get(path);
    },
  };

  /**
   * Forgets everything read from disk (a watched file changed). The folder listings survive a
   * change of contents only (`filesAddedOrRemoved` false): saving a suite does not re-walk the tree.
   */
  invalidate(filesAddedOrRemoved = true): void {
    this.texts.clear();
    this.files.clear();
    this.configs.clear();
    this.configPaths.clear();
    if (filesAddedOrRemoved) this.suiteLists.clear();
  }

  /**
   * Sets (or, with `undefined`, forgets) the editor's text of a file; returns whether anything
   * changed. What was derived from the file (parsed config, config lookups) is dropped.
   */
  setOpenText(path: string, text: string | undefined): boolean {
    if (this.open.get(path) === text) return false;
    if (text === undefined) this.open.delete(path);
    else this.open.set(path, text);
    this.texts.delete(path);
    this.files.delete(path);
    this.configs.clear();
    // A config that appears or disappears changes which config a folder finds.
    this.configPaths.clear();
    return true;
  }

  /** The parsed config and `.env` of a config file (read once until something changes). */
  projectAt(configPath: string): { config?: ProjectConfig; dotenv?: DotEnv } {
    let project = this.configs.get(configPath);
    if (!project) {
      const text = this.fileSystem.readText(configPath);
      const envPath = join(dirname(configPath), '.env');
      const envText = this.fileSystem.readText(envPath);
      project = {
        config: text === undefined ? undefined : parseProjectConfig(text, configPath),
        dotenv: envText === undefined ? undefined : parseDotEnvFile(envText, envPath),
      };
      this.configs.set(configPath, project);
    }
    return project;
  }

  /** The `bluebook.config.yaml` a file in `folder` sees, if any (looked up once per folder). */
  configPathFor(folder: string): string | undefined {
    if (!this.configPaths.has(folder)) this.configPaths.set(folder, findConfigPath(folder, this.fileSystem));
    return this.configPaths.get(folder);
  }

  /**
   * The suite files (`*.bluebook.yaml`) and `bluebook.config.yaml` files under a folder, sorted;
   * listed once until files are added or removed (`invalidate`). Hidden folders and `node_modules` are skipped, and the walk
   * stops at `MAX_FILES`.
   */
  filesUnder(root: string): ProjectFiles {
    let list = this.suiteLists.get(root);
    if (!list) {
      list = listProjectFiles(root);
      this.suiteLists.set(root, list);
    }
    return list;
  }

  /** The validation context of a suite URI; untitled or non-file URIs get one without a project. */
  contextFor(uri: string, settings: BluebookSettings): ValidationContext {
    const context: ValidationContext = {
      fileSystem: this.fileSystem,
      processEnv: process.env,
      checkVariables: settings.validate.undefinedVariables,
      checkFiles: settings.validate.files,
    };
    const path = filePath(uri);
    if (!path) return context;
    context.suitePath = path;
    const configPath = this.configPathFor(dirname(path));
    if (!configPath) return context;
    const project = this.projectAt(configPath);
    context.config = project.config;
    context.dotenv = project.dotenv;
    return context;
  }
}

export const SUITE_FILE = /\.bluebook\.ya?ml$/;
const MAX_FILES = 5_000;
const MAX_DEPTH = 12;

export interface ProjectFiles {
  suites: string[];
  configs: string[];
}

function listProjectFiles(root: string): ProjectFiles {
  const found: ProjectFiles = { suites: [], configs: [] };
  const walk = (folder: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (found.suites.length + found.configs.length >= MAX_FILES) return;
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH) walk(path, depth + 1);
      } else if (SUITE_FILE.test(entry.name)) found.suites.push(path);
      else if (entry.name === CONFIG_FILE_NAME) found.configs.push(path);
    }
  };
  walk(root, 0);
  found.suites.sort();
  found.configs.sort();
  return found;
}

export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
