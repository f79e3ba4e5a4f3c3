// The generated workspace of the scale bench (issue 12): `suites` suite files of `tests` tests
// each, written like real ones — variables, a `before` login with a capture, captures chained
// between steps, `use:` of a shared login test, inline `each` rows in every fifth suite — plus a
// bluebook.config.yaml and a data file. Every suite reads one environment variable the bench
// never sets (`env.SCALE_API_KEY`), so each has exactly one diagnostic (an `undefined-variable`
// warning): the language server bench waits for all of them.
// Usage as a script: node bench/scale-workspace.mjs DIR [suites=1000] [tests=10]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const CONFIG = [
  'environments:',
  '  local:',
  '    baseUrl: http://127.0.0.1:1',
  '    adminUser: admin',
  '    adminPassword: ${env.SCALE_ADMIN_PASSWORD}',
  'defaultEnvironment: local',
  'secrets: [adminPassword, token]',
  'defaults:',
  '  timeout: 5s',
  '',
].join('\n');

const AUTH = [
  'name: Auth',
  'baseUrl: ${baseUrl}',
  'tests:',
  '  login:',
  '    name: Log in',
  '    steps:',
  '      - POST: /login',
  '        json: { user: "${adminUser}", password: "${adminPassword}" }',
  '        expect:',
  '          status: 200',
  '        capture:',
  '          token: $.token',
  '',
].join('\n');

function test(suite, index, withRows) {
  const id = `case-${index}`;
  const lines = [`  ${id}:`];
  if (withRows && index % 3 === 0) {
    lines.push(
      `    name: Creates \${name} in area ${suite}`,
      '    each:',
      '      - { name: Ada, role: admin }',
      '      - { name: Grace, role: user }',
      '      - { name: Linus, role: guest }',
    );
  } else lines.push(`    name: Area ${suite} case ${index}`);
  lines.push('    tags: [scale]', '    steps:');
  if (index === 0) lines.push('      - use: ./auth.bluebook.yaml#login');
  lines.push(
    '      - name: create',
    `        POST: /areas/${suite}/items`,
    '        auth: { bearer: "${token}" }',
    `        json: { name: "${withRows && index % 3 === 0 ? '${name}' : '${itemName}'}", index: ${index} }`,
    '        expect:',
    '          status: 201',
    '          json:',
    '            $.id: { type: integer, gt: 0 }',
    '        capture:',
    '          itemId: $.id',
    '      - name: read',
    `        GET: /areas/${suite}/items/\${itemId}`,
    '        expect:',
    '          status: 200',
    '          body:',
    '            id: ${itemId}',
    '      - name: delete',
    `        DELETE: /areas/${suite}/items/\${itemId}`,
    '        expect:',
    '          status: [200, 204]',
  );
  return lines;
}

/** The text of suite number `suite`. */
export function scaleSuite(suite, tests = 10) {
  const withRows = suite % 5 === 0;
  const lines = [
    `name: Area ${suite}`,
    'baseUrl: ${baseUrl}',
    'variables:',
    `  itemName: item-${suite}`,
    'defaults:',
    '  headers:',
    '    accept: application/json',
    '    x-api-key: ${env.SCALE_API_KEY}',
    'before:',
    '  - name: log in',
    '    POST: /login',
    '    json: { user: "${adminUser}", password: "${adminPassword}" }',
    '    expect:',
    '      status: 200',
    '    capture:',
    '      token: $.token',
    'tests:',
  ];
  for (let index = 0; index < tests; index++) lines.push(...test(suite, index, withRows));
  return `${lines.join('\n')}\n`;
}

/** Writes the workspace into `root`; returns the suite paths (in `areas/NN/`, 50 per folder). */
export function generateScaleWorkspace(root, suites = 1000, tests = 10) {
  writeFileSync(join(root, 'bluebook.config.yaml'), CONFIG);
  writeFileSync(join(root, 'auth.bluebook.yaml'), AUTH);
  const paths = [];
  for (let suite = 0; suite < suites; suite++) {
    const folder = join(root, 'areas', String(Math.floor(suite / 50)).padStart(2, '0'));
    mkdirSync(folder, { recursive: true });
    const path = join(folder, `area-${suite}.bluebook.yaml`);
    writeFileSync(path, scaleSuite(suite, tests).replace('./auth.bluebook.yaml', '../../auth.bluebook.yaml'));
    paths.push(path);
  }
  return paths;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, suites, tests] = process.argv.slice(2);
  if (!dir) throw new Error('usage: node bench/scale-workspace.mjs DIR [suites=1000] [tests=10]');
  mkdirSync(dir, { recursive: true });
  const paths = generateScaleWorkspace(dir, Number(suites ?? 1000), Number(tests ?? 10));
  console.log(`wrote ${paths.length} suites to ${dir}`);
}
