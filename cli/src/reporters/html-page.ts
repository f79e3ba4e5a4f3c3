/**
 * The HTML report page: one self-contained file (inline style and script, no network, works from
 * `file://`). The data rides along as JSON in a `<script type="application/json">`; every `<` in
 * it is escaped so no value can close the element. The script (html-script.ts) renders it lazily.
 */
import type { ReportData } from './html-model.js';
import { REPORT_SCRIPT } from './html-script.js';
import { REPORT_STYLE } from './html-style.js';

export function renderHtmlReport(data: ReportData): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(data.title)}</title>`,
    `<style>${REPORT_STYLE}</style>`,
    '</head>',
    '<body>',
    '<main id="app" aria-live="polite"><p>Loading the report…</p></main>',
    `<script type="application/json" id="report-data">${embedJson(data)}</script>`,
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** JSON safe inside `<script>`: no `<` (so no `</script`), no line separators. */
export function embedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
