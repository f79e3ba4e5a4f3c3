/** `resources:` — stateful collections, served by the provider in resources.ts. */
import { isMap, isScalar, type Node } from 'yaml';
import type { MockResourceModel } from './model.js';
import { keyOf, knownPairs, spanOf, toJS, type Report, type YamlPair } from './walk.js';

/** `resources:` — name → `{ path, seed, id }`. */
export function readResources(items: YamlPair[], report: Report): MockResourceModel[] {
  const resources: MockResourceModel[] = [];
  for (const pair of items) {
    if (!isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    const nameSpan = spanOf(pair.key);
    if (!isMap(pair.value)) {
      report(
        'invalid-mock',
        spanOf(pair.value ?? pair.key),
        `resource \`${name}\` must be a mapping such as \`{ path: /${name}, seed: ./${name}.json }\``,
      );
      continue;
    }
    const resource: MockResourceModel = {
      name,
      path: '',
      idField: 'id',
      span: spanOf(pair.value, nameSpan),
    };
    for (const entry of knownPairs(pair.value, 'resource', `resource \`${name}\``, report)) {
      const key = keyOf(entry);
      const value = toJS(entry.value);
      const span = spanOf(entry.value ?? entry.key);
      if (typeof value !== 'string' || value === '') {
        report('invalid-mock', span, `\`${key}\` of resource \`${name}\` must be a non-empty string`);
        continue;
      }
      if (key === 'path') {
        if (!value.startsWith('/'))
          report(
            'invalid-mock',
            span,
            `\`path\` of resource \`${name}\` must start with \`/\`, e.g. \`/${name}\``,
          );
        else resource.path = value;
      } else if (key === 'seed') resource.seed = value;
      else if (key === 'id') resource.idField = value;
    }
    if (resource.path === '') {
      if (!hasKey(pair.value, 'path'))
        report('invalid-mock', nameSpan, `resource \`${name}\` needs a \`path\`, e.g. \`path: /${name}\``);
      continue;
    }
    resources.push(resource);
  }
  return resources;
}

function hasKey(map: Node, key: string): boolean {
  return isMap(map) && map.items.some((pair) => isScalar(pair.key) && pair.key.value === key);
}
