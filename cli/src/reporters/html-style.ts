/** The HTML report's stylesheet: light and dark (prefers-color-scheme), visible focus. */
export const REPORT_STYLE = `
:root{--bg:#fff;--fg:#1b1f24;--dim:#57606a;--line:#d0d7de;--panel:#f6f8fa;--pass:#1a7f37;--fail:#cf222e;--skip:#9a6700;--focus:#0969da;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--dim:#9198a1;--line:#30363d;--panel:#161b22;--pass:#3fb950;--fail:#f85149;--skip:#d29922;--focus:#58a6ff}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:20px;margin:0 0 8px}
h2{font-size:16px;margin:16px 0 8px}
a{color:var(--focus)}
button,input{font:inherit;color:inherit}
:focus-visible{outline:2px solid var(--focus);outline-offset:2px}
.totals{display:flex;gap:16px;flex-wrap:wrap;margin-bottom:8px}
.bar{display:flex;height:10px;border-radius:5px;overflow:hidden;background:var(--line);margin-bottom:16px}
.bar span{display:block;height:100%}
.passed{color:var(--pass)}.failed,.errored{color:var(--fail)}.skipped{color:var(--skip)}
.bar .passed{background:var(--pass)}.bar .failed{background:var(--fail)}.bar .skipped{background:var(--skip)}
.controls{display:flex;gap:8px;flex-wrap:wrap;align-items:center;margin:12px 0;position:sticky;top:0;background:var(--bg);padding:8px 0;z-index:1}
.controls [role=group]{display:flex;gap:4px}
.controls button{border:1px solid var(--line);background:var(--panel);border-radius:6px;padding:4px 10px;cursor:pointer}
.controls button[aria-pressed=true]{border-color:var(--focus);font-weight:600}
.controls input{flex:1;min-width:200px;border:1px solid var(--line);background:var(--bg);border-radius:6px;padding:4px 8px}
ul{list-style:none;margin:0;padding:0}
.failures li{margin:2px 0}
.suite,.test{border:1px solid var(--line);border-radius:6px;margin:6px 0}
.test{margin:4px 0 4px 16px}
.toggle{display:flex;gap:8px;align-items:center;width:100%;text-align:left;border:0;background:var(--panel);padding:6px 10px;cursor:pointer;border-radius:6px}
.toggle .name{flex:1;overflow-wrap:anywhere}
.toggle .dim,.dim{color:var(--dim)}
.dur{display:inline-block;width:80px;height:6px;background:var(--line);border-radius:3px;overflow:hidden}
.dur span{display:block;height:100%;background:var(--dim)}
.group{margin:4px 0 4px 16px;color:var(--dim);font-weight:600}
.step{margin:6px 16px 6px 28px;padding:6px 8px;border-left:3px solid var(--line)}
.step.failed,.step.errored{border-left-color:var(--fail);color:var(--fg)}
.step:target,.step.target{background:var(--panel)}
.step h4{margin:0;font-size:14px;font-weight:600}
pre{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:8px;overflow:auto;max-height:400px;margin:4px 0;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre}
pre .add{color:var(--fail)}pre .del{color:var(--pass)}
details{margin:4px 0}
summary{cursor:pointer}
.more{margin:6px 16px}
.empty{color:var(--dim);margin:12px 0}
`;
