/** A received response and the lazily-derived views expectations and captures read. */
import { statusText } from './status.js';
import { getOwn } from '../own.js';
import { invalidUtf8Offset } from './utf8.js';

export interface HttpResponse {
  status: number;
  /** Header values by lower-case name; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Each `Set-Cookie` header on its own (they cannot be joined with commas). */
  setCookies: readonly string[];
  body: Buffer;
  /** From sending the request to the end of the body, in ms. */
  durationMs: number;
  /** The URL that answered (after redirects). */
  url: string;
  /** The headers of the last request sent, including cookies from the jar. */
  requestHeaders: Record<string, string>;
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; reason: string };

const TEXT_TYPES =
  /^(text\/|application\/([\w.+-]*\+)?(json|xml|javascript|ecmascript|x-www-form-urlencoded|yaml|x-yaml|graphql|problem\+json|ld\+json)\b)/i;
const JSON_TYPE = /^application\/([\w.+-]*\+)?json\b|^text\/json\b/i;
const fatalDecoder = new TextDecoder('utf-8', { fatal: true });

/** Read-only views of a response, each computed at most once. */
export class ResponseView {
  private textCache: string | undefined;
  private binaryCache: boolean | undefined;
  private jsonCache: JsonBody | undefined;

  constructor(readonly response: HttpResponse) {}

  get status(): number {
    return this.response.status;
  }

  get statusLine(): string {
    const text = statusText(this.response.status);
    return text ? `${this.response.status} ${text}` : String(this.response.status);
  }

  get contentType(): string {
    return this.response.headers['content-type'] ?? '';
  }

  header(name: string): string | undefined {
    return getOwn(this.response.headers, name.toLowerCase());
  }

  /** Non-text content type, or bytes that are not valid UTF-8. */
  get isBinary(): boolean {
    if (this.binaryCache === undefined) {
      const type = this.contentType;
      if (this.response.body.length === 0) this.binaryCache = false;
      else if (type && !TEXT_TYPES.test(type)) this.binaryCache = true;
      else {
        try {
          this.textCache = fatalDecoder.decode(this.response.body);
          this.binaryCache = false;
        } catch {
          this.binaryCache = true;
        }
      }
    }
    return this.binaryCache;
  }

  /** The body as text (binary bodies decode with replacement characters; check `isBinary` first). */
  text(): string {
    this.textCache ??= this.response.body.toString('utf8');
    return this.textCache;
  }

  /** The body parsed as JSON, or why it is not JSON ("expected a JSON body, got text/html (…)"). */
  json(): JsonBody {
    if (this.jsonCache) return this.jsonCache;
    const type = this.contentType;
    if (this.isBinary) {
      this.jsonCache = { ok: false, reason: `expected a JSON body, got ${this.binaryDescription(type)}` };
    } else {
      const text = this.text();
      try {
        if (text.trim() === '') throw new Error('empty');
        this.jsonCache = { ok: true, value: JSON.parse(text) };
      } catch {
        const excerpt = text.length > 80 ? `${text.slice(0, 80)}…` : text;
        const what =
          text.trim() === ''
            ? 'an empty body'
            : JSON_TYPE.test(type)
              ? `invalid JSON (${type})`
              : type || 'a body without content type';
        this.jsonCache = {
          ok: false,
          reason: `expected a JSON body, got ${what}${text.trim() === '' ? '' : ` (${excerpt.replace(/\s+/g, ' ')})`}`,
        };
      }
    }
    return this.jsonCache;
  }

  /** A JSON type with bytes that are not UTF-8 says where; anything else is `<binary, N bytes>`. */
  private binaryDescription(type: string): string {
    const { body } = this.response;
    const offset = JSON_TYPE.test(type) ? invalidUtf8Offset(body) : -1;
    if (offset >= 0) {
      const byte = body[offset].toString(16).toUpperCase().padStart(2, '0');
      return `${type} that is not valid UTF-8 (byte 0x${byte} at offset ${offset}); JSON must be UTF-8`;
    }
    return `${type || 'a body without content type'} (<binary, ${body.length} bytes>)`;
  }
}
