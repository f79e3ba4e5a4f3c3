/** The seed file of a `resources:` entry: a `.json` or `.yaml` file holding an array of objects. */
import { readFileSync } from 'node:fs';
import { readYaml } from '../parse/yaml.js';
import { isObject } from './mergePatch.js';
import { kindOf } from './wording.js';

/** The items of a seed file; throws an Error whose message says what is wrong (the caller names the file). */
export function readSeed(file: string): Record<string, unknown>[] {
  if (!/\.(json|ya?ml)$/i.test(file)) throw new Error('a seed must be a .json, .yaml or .yml file');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
      cause: error,
    });
  }
  const value = /\.json$/i.test(file) ? parseJson(text) : parseYaml(text);
  if (!Array.isArray(value)) throw new Error(`it must hold an array of objects; it holds ${kindOf(value)}`);
  value.forEach((item: unknown, index) => {
    if (!isObject(item))
      throw new Error(`it must hold an array of objects; item ${index + 1} is ${kindOf(item)}`);
  });
  return value as Record<string, unknown>[];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`it is not valid JSON: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
}

function parseYaml(text: string): unknown {
  const { root, problems } = readYaml(text.replace(/^\uFEFF/, ''), { uniqueKeys: true });
  const [problem] = problems;
  if (problem) {
    const line = text.slice(0, problem.span.start).split('\n').length;
    throw new Error(`it is not valid YAML (line ${line}): ${problem.message}`);
  }
  return root?.toJSON() ?? null;
}
