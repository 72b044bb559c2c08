// The portal's files as the web editor reads and writes them.
//
// Decap's own front-matter format re-serialises every field on each save: quoting, order and line
// breaks change, and a one-field edit becomes a diff of hundreds of lines in an official document.
// This format keeps the text of every field the editor did not change, byte for byte, and writes
// only the changed ones. The original front matter travels through the editor under SOURCE.
import { parse, stringify } from './yaml/index.js';
import { PHRASES, merged, nameUnnamedControls } from './cchc-phrases.js';
import { registerKeptFields } from './cchc-fields.js';

const SOURCE = '__nguon_goc';
const FRONT = /^---[ \t]*\r?\n([\s\S]*?)^---[ \t]*(?:\r?\n|$)/m;
// A top-level key at the start of a line: the start of that field's text.
const TOP_KEY = /^(?:"([^"]+)"|'([^']+)'|([^\s#'"\-?:][^:#]*?|-[^\s:][^:#]*?)):(?:[ \t]|\r?\n|$)/;

// YAML 1.2 core: dates stay text, as the date widgets write them.
const read = (text) => (text.trim() ? parse(text) ?? {} : {});

export function fromFile(content) {
  const match = FRONT.exec(content);
  if (!match || match.index !== 0) return { body: content };
  const front = match[1];
  return { ...read(front), body: content.slice(match[0].length), [SOURCE]: front };
}

export function toFile(data, sortedKeys = []) {
  const { body = '', [SOURCE]: front = '', ...fields } = data;
  const before = read(front);
  const out = [];
  for (const block of blocks(front)) {
    if (block.key === null) out.push(block);
    else if (!(block.key in fields) || (empty(fields[block.key]) && !empty(before[block.key]))) continue;
    else if (same(before[block.key], fields[block.key])) out.push(block);
    else out.push({ key: block.key, text: render(block.key, fields[block.key]) });
  }
  const present = new Set(out.map((b) => b.key));
  const order = [...sortedKeys, ...Object.keys(fields).filter((k) => !sortedKeys.includes(k))];
  order.forEach((key, index) => {
    if (present.has(key) || !(key in fields) || empty(fields[key])) return;
    // After the nearest field that comes before it in the form, so new fields land where an editor expects.
    const previous = order.slice(0, index).reverse().find((k) => present.has(k));
    const at = previous === undefined ? out.findIndex((b) => b.key !== null) : out.findIndex((b) => b.key === previous) + 1;
    out.splice(at < 0 ? out.length : at, 0, { key, text: render(key, fields[key]) });
    present.add(key);
  });
  return `---\n${out.map((b) => b.text).join('')}---\n${body}`;
}

// The preview pane as a page of the portal: its heading and the body, in the site's own typography.
function preview({ entry, widgetFor }) {
  const data = (key) => entry.getIn(['data', key]);
  const date = String(data('date') || data('issued') || data('answered') || '').match(/^(\d{4})-(\d{2})-(\d{2})/);
  const line = [[data('doc_type'), data('number')].filter(Boolean).join(' '), data('code'),
    date ? `${date[3]}/${date[2]}/${date[1]}` : ''].filter(Boolean).join(' · ');
  return window.h('article', { className: 'md-typeset', style: { padding: '0 1rem' } },
    window.h('h1', {}, data('title') || data('name') || ''), line ? window.h('p', {}, line) : null, widgetFor('body'));
}

// The front matter cut at each top-level key; comments and blank lines before the first key stay on their own.
function blocks(front) {
  const found = [];
  let current = { key: null, text: '' };
  for (const line of front.split(/(?<=\n)/)) {
    const match = TOP_KEY.exec(line);
    if (match) {
      if (current.key !== null || current.text) found.push(current);
      current = { key: match[1] ?? match[2] ?? match[3].trim(), text: '' };
    }
    current.text += line;
  }
  if (current.key !== null || current.text) found.push(current);
  if (found.length && !found[found.length - 1].text.endsWith('\n')) found[found.length - 1].text += '\n';
  return found;
}

// YAML 1.1 quoting, as the build reads files (PyYAML): `no`, `on` or `2024-03-05` meant as text stay text.
function render(key, value) {
  return stringify({ [key]: value }, { version: '1.1', lineWidth: 0, singleQuote: true, indentSeq: false });
}

function empty(value) {
  return value === undefined || value === null || value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && !Array.isArray(value) && Object.values(value).every(empty));
}

function same(a, b) {
  if (empty(a) && empty(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => same(a[k], b[k]));
  }
  // A widget may hand back a number or date as text: equal when they read the same.
  return a === b || String(a) === String(b);
}

const script = document.querySelector('script[data-styles]');
const onThisMachine = ['localhost', '127.0.0.1'].includes(location.hostname);
if (script.dataset.localOnly === 'true' && !onThisMachine) {
  // No forge configured (extra.cms): the editor only works beside `make serve`.
  document.body.innerHTML = `<main style="font: 16px/1.5 system-ui, sans-serif; max-width: 40em; margin: 3em auto; padding: 0 1em">
    <h1>Trình soạn thảo web chưa được bật cho cổng này</h1>
    <p>Biên tập viên soạn trên máy của mình: chạy <code>make serve</code> rồi mở
    <a href="http://127.0.0.1:8000/admin/">http://127.0.0.1:8000/admin/</a>.</p>
    <p>Để soạn trực tiếp trên cổng, quản trị viên khai báo kho nội dung (GitHub hoặc GitLab) ở mục
    <code>extra.cms</code> của <code>mkdocs.yml</code>, theo README, mục “Trình soạn thảo web”.</p></main>`;
} else {
  window.CMS.registerCustomFormat('cchc-frontmatter', 'md', { fromFile, toFile });
  registerKeptFields(window.CMS);
  for (const style of JSON.parse(script.dataset.styles)) window.CMS.registerPreviewStyle(style);
  window.CMS.registerLocale('vi', merged(window.CMS.getLocale('vi'), PHRASES));
  new MutationObserver(() => nameUnnamedControls(document)).observe(document.body, { childList: true, subtree: true });
  for (const name of JSON.parse(script.dataset.collections)) window.CMS.registerPreviewTemplate(name, preview);
  window.cchcFormat = { fromFile, toFile };  // for the round-trip test over every sample file
  // Decap wants a full address; only the page knows the host and port `make serve` runs on.
  const local = new URL(script.dataset.local, location.href).href;
  // Read here rather than by Decap, which ignores a config.yml served without a YAML content type.
  const response = await fetch('config.yml', { cache: 'no-cache' });
  const config = { ...parse(await response.text()), load_config_file: false };
  if (onThisMachine) config.local_backend = { url: local, allowed_hosts: [location.hostname] };
  if (script.dataset.localOnly === 'true') config.backend = { name: 'proxy', proxy_url: local, branch: 'main' };
  window.CMS.init({ config });
}
