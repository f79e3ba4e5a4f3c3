/** `{{name}}` templates (Postman, REST Client, httpyac) → `${name}`; literal `${` kept literal. */
import { literal } from './suite.js';

const DYNAMIC: Record<string, string> = {
  $guid: '${uuid()}',
  $uuid: '${uuid()}',
  $randomUUID: '${uuid()}',
  $timestamp: '${timestamp()}',
};

/** `{{$processEnv NAME}}` / `{{$dotenv NAME}}` (REST Client) read the environment. */
const ENVIRONMENT = /^\$(processEnv|dotenv)\s+%?([A-Za-z_]\w*)$/;

/** Source text → suite text; unknown or unusable `{{…}}` stay as text and are reported. */
export function converter(problems: string[], where: string): (text: string) => string {
  return (text) =>
    literal(text).replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, name: string) => {
      if (/^[A-Za-z_][\w-]*$/.test(name)) return `\${${name}}`;
      const environment = ENVIRONMENT.exec(name);
      if (environment) return `\${env.${environment[2]}}`;
      const known = name.startsWith('$') ? DYNAMIC[name] : undefined;
      if (known) return known;
      problems.push(
        name.startsWith('$')
          ? `${where}: dynamic variable ${whole} has no Bluebook equivalent: left as text`
          : `${where}: variable ${whole} is not a Bluebook variable name: left as text`,
      );
      return whole;
    });
}
