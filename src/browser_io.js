// The outside world that scenarios reach through the page: a real fetch() of
// the page's own files, and a real IndexedDB database that plays the
// lecture's PostgreSQL server. Called from src/browser_io.rs.

export async function fetchText(path) {
  const response = await fetch(path, { cache: 'no-store' });
  if (!response.ok) {
    throw new Error(`${response.status} ${response.statusText || 'error'}: ${path}`);
  }
  return await response.text();
}

const DB_NAME = 'async-playground';

// Opens the database and makes its `users` store hold exactly `users`.
export function dbConnect(users) {
  return new Promise((resolve, reject) => {
    let open;
    try {
      open = indexedDB.open(DB_NAME, 1);
    } catch (error) {
      reject(new Error(`IndexedDB is not available here (${error.message ?? error})`));
      return;
    }
    open.onupgradeneeded = () => open.result.createObjectStore('users', { keyPath: 'id' });
    open.onblocked = () => reject(new Error('the database is blocked by another tab'));
    open.onerror = () => reject(open.error ?? new Error('the database could not be opened'));
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('users', 'readwrite');
      const store = tx.objectStore('users');
      store.clear();
      for (const user of users) store.put(user);
      tx.oncomplete = () => resolve(db);
      tx.onabort = () => {
        db.close();
        reject(tx.error ?? new Error('seeding the users table was aborted'));
      };
    };
  });
}

// SELECT * FROM users, ordered by id.
export function dbSelectUsers(db) {
  return new Promise((resolve, reject) => {
    try {
      const request = db.transaction('users', 'readonly').objectStore('users').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    } catch (error) {
      reject(error);
    }
  });
}

export function dbClose(db) {
  db.close();
}

// Copies text to the clipboard; falls back to a hidden textarea where the
// Clipboard API is not allowed (an iframe without permission, plain http).
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch (_) {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    if (!copied) throw new Error('the browser refused to copy');
  }
}

// Saves text as a file through a temporary link.
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// Offers the page's own timeline (`selector`, an <svg> whose every style is
// an attribute, see src/timeline.rs) as a standalone SVG file: the file is
// exactly what the page shows.
export function downloadShown(selector, name) {
  const shown = document.querySelector(selector);
  if (!shown) return;
  const text = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(shown) + '\n';
  download(name, 'image/svg+xml', text);
}

// Bytes of JavaScript heap in use (Chromium's performance.memory), or NaN
// where the browser does not say.
export function jsHeapBytes() {
  return performance.memory ? performance.memory.usedJSHeapSize : NaN;
}

// The stress scenario's baseline in plain JavaScript: the same delays (ms),
// one setTimeout each, awaited with Promise.all. Measured as the page
// measures its own runs: lateness of each callback against its deadline,
// main-thread time in the turns the timers start (and the loop that sets
// them), and wall time. `cancel()` clears every timer that has not fired.
export function jsBaseline(delays) {
  const late = new Float32Array(delays.length);
  const ids = new Array(delays.length);
  let busy = 0;
  let turnStarted = -1;
  const endTurn = () => {
    busy += performance.now() - turnStarted;
    turnStarted = -1;
  };
  const heapBefore = jsHeapBytes();
  const started = performance.now();
  const all = Promise.all(Array.from(delays, (delay, i) => new Promise((resolve) => {
    const due = performance.now() + delay;
    ids[i] = setTimeout(() => {
      const now = performance.now();
      late[i] = now - due;
      resolve();
      // After resolve(), so the turn ends after the reactions it queued.
      if (turnStarted < 0) {
        turnStarted = now;
        queueMicrotask(endTurn);
      }
    }, delay);
  })));
  busy += performance.now() - started;
  let stop;
  const stopped = new Promise((resolve) => { stop = () => resolve(null); });
  const done = Promise.race([stopped, all.then(() => ({
    late,
    wallMs: performance.now() - started,
    busyMs: busy,
    heapBytes: jsHeapBytes() - heapBefore,
  }))]);
  // Cancelled: no timer is left, and `done` gives null.
  return { done, cancel: () => { ids.forEach(clearTimeout); stop(); } };
}

// A task soon, without a timer: a MessageChannel message. A timer set from
// inside its handler is not nested in another timer, so the browser does not
// clamp it to 4 ms (src/browser_run.rs, the heap strategy).
export class Hop {
  constructor(callback) {
    this.channel = new MessageChannel();
    this.channel.port1.onmessage = () => callback();
  }
  post() { this.channel.port2.postMessage(null); }
  close() {
    this.channel.port1.onmessage = null;
    this.channel.port1.close();
    this.channel.port2.close();
  }
}

// The page's last word when the app panics: a banner at the top, made here
// rather than by the app (whose state may be broken), with a way to reload.
// Text only: the message goes in as textContent, never as markup.
export function showPanicBanner(heading, message, reload) {
  if (document.querySelector('.panic-banner')) return;
  const banner = document.createElement('div');
  banner.className = 'panic-banner';
  banner.setAttribute('role', 'alert');
  const title = document.createElement('strong');
  title.textContent = heading;
  const detail = document.createElement('p');
  detail.textContent = message;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = reload;
  button.addEventListener('click', () => location.reload());
  banner.append(title, detail, button);
  document.body.prepend(banner);
}

// A program for the fragment of a share link (`#code=`): UTF-8, deflated by
// the browser's own CompressionStream (raw deflate), in base64url.
export async function deflateBase64url(text) {
  const stream = new Blob([new TextEncoder().encode(text)]).stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// The inverse; rejects what is not base64url of deflated UTF-8, and stops
// reading past `maxChars` characters (a link cannot inflate into gigabytes).
export async function inflateBase64url(encoded, maxChars) {
  const base64 = encoded.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))
    .pipeThrough(new TextDecoderStream('utf-8', { fatal: true }));
  const reader = stream.getReader();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += value;
    if (text.length > maxChars) {
      await reader.cancel();
      return text;
    }
  }
}

// Types `text` into the focused field as the keyboard would, so the
// browser's own undo (Ctrl/Cmd-Z) takes it back; false where the browser
// has no such command, and the caller sets the value itself.
export function insertText(text) {
  try {
    return document.execCommand('insertText', false, text);
  } catch (_) {
    return false;
  }
}
