/**
 * What the server knows about the files around a suite: the nearest bluebook.config.yaml, its
 * `.env`, and referenced schema/data files. Reads are cached until a watched file changes, so a
 * keystroke in a 10,000-line suite costs no disk I/O.
 */
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
import type { BluebookSettings } from '../../core/src/protocol.js';

export class ProjectCache {
  private readonly texts = new Map<string, string | undefined>();
  private readonly files = new Map<string, boolean>();
  private readonly configs = new Map<string, { config?: ProjectConfig; dotenv?: DotEnv }>();
  private readonly configPaths = new Map<string, string | undefined>();

  /** A file system whose answers are remembered until `invalidate()`. */
  readonly fileSystem: FileSystem = {
    isFile: (path) => {
      let known = this.files.get(path);
      if (known === undefined) {
        known = nodeFileSystem.isFile(path);
        this.files.set(path, known);
      }
      return known;
    },
    readText: (path) => {
      if (!this.texts.has(path)) this.texts.set(path, nodeFileSystem.readText(path));
      return this.texts.get(path);
    },
  };

  /** Forgets everything read from disk (a watched file changed). */
  invalidate(): void {
    this.texts.clear();
    this.files.clear();
    this.configs.clear();
    this.configPaths.clear();
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
    const folder = dirname(path);
    if (!this.configPaths.has(folder)) this.configPaths.set(folder, findConfigPath(folder, this.fileSystem));
    const configPath = this.configPaths.get(folder);
    if (!configPath) return context;
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
    context.config = project.config;
    context.dotenv = project.dotenv;
    return context;
  }
}

export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
