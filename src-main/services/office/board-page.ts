// The office TV board, served by the hub to any browser in the office (PC, smart TV). One
// self-contained page: it holds the board token in its URL fragment (never sent to a server,
// never in a log), asks the hub for the calls with it, and shows "A-017 → Meja 2" large, with a
// chime and the call spoken once someone has pressed "Suara" (browsers refuse sound before a
// click). The token reads the board and nothing else.
import { createHash } from 'node:crypto';

const SCRIPT = `
(function () {
  var token = new URLSearchParams(location.hash.slice(1)).get('t') || '';
  var sound = false;
  var lastKey = null;
  var el = function (id) { return document.getElementById(id); };
  function chime() {
    try {
      var C = window.AudioContext || window.webkitAudioContext;
      var ctx = new C();
      [659, 523].forEach(function (f, i) {
        var o = ctx.createOscillator();
        var g = ctx.createGain();
        o.frequency.value = f;
        o.connect(g);
        g.connect(ctx.destination);
        var t = ctx.currentTime + i * 0.45;
        g.gain.setValueAtTime(0.0001, t);
        g.gain.exponentialRampToValueAtTime(0.4, t + 0.03);
        g.gain.exponentialRampToValueAtTime(0.0001, t + 0.42);
        o.start(t);
        o.stop(t + 0.45);
      });
    } catch (e) {}
  }
  function say(number, desk) {
    if (!window.speechSynthesis) return;
    var m = /^([A-Za-z]+)-?0*(\\d+)$/.exec(number);
    var said = m ? m[1] + ' ' + m[2] : number;
    var u = new SpeechSynthesisUtterance('Nomor antrian ' + said + ', silakan menuju ' + desk + '.');
    u.lang = 'id-ID';
    u.rate = 0.9;
    window.speechSynthesis.speak(u);
  }
  function render(s) {
    var calls = s.calls || [];
    var latest = calls[0];
    el('now-number').textContent = latest ? latest.number : '—';
    el('now-desk').textContent = latest ? latest.desk : '';
    el('now-arrow').style.visibility = latest ? 'visible' : 'hidden';
    el('waiting').textContent = 'Menunggu: ' + s.waiting + ' orang';
    var list = el('earlier');
    list.textContent = '';
    calls.slice(1, 6).forEach(function (c) {
      var li = document.createElement('li');
      li.textContent = c.number + ' \\u2192 ' + c.desk;
      list.appendChild(li);
    });
    var key = latest ? latest.cardId + '|' + latest.at : null;
    if (key && lastKey !== null && key !== lastKey) {
      el('now').classList.remove('flash');
      void el('now').offsetWidth;
      el('now').classList.add('flash');
      if (sound) { chime(); setTimeout(function () { say(latest.number, latest.desk); }, 900); }
    }
    lastKey = key || '';
  }
  function poll() {
    fetch('/board/state', { headers: { authorization: 'Bearer ' + token }, cache: 'no-store' })
      .then(function (r) {
        if (r.status === 401) throw new Error('token');
        return r.json();
      })
      .then(function (s) { el('error').hidden = true; render(s); })
      .catch(function (e) {
        el('error').hidden = false;
        el('error').textContent = e.message === 'token'
          ? 'Tautan papan tidak berlaku. Minta tautan baru dari teknisi (layar Kantor di hub).'
          : 'Hub kantor tidak terjangkau — mencoba lagi…';
      })
      .finally(function () { setTimeout(poll, 1500); });
  }
  el('sound').addEventListener('click', function () {
    sound = !sound;
    el('sound').textContent = sound ? 'Suara: aktif' : 'Suara: mati';
    el('sound').setAttribute('aria-pressed', String(sound));
    if (sound) chime();
  });
  poll();
})();
`;

const STYLE = `
  html, body { margin: 0; height: 100%; background: #0b2545; color: #fff;
    font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; }
  body { display: flex; flex-direction: column; }
  header { display: flex; justify-content: space-between; align-items: center;
    padding: 2vh 3vw; font-size: 3.2vh; background: #13315c; }
  header b { color: #ffd166; }
  button { font-size: 2.4vh; padding: 1vh 2vw; border-radius: 1vh; border: 0.3vh solid #fff;
    background: transparent; color: #fff; cursor: pointer; }
  button[aria-pressed="true"] { background: #ffd166; color: #0b2545; }
  #now { flex: 1; display: flex; align-items: center; justify-content: center; gap: 4vw;
    font-weight: 700; }
  #now-number { font-size: 22vh; letter-spacing: 0.5vw; color: #ffd166; }
  #now-arrow { font-size: 14vh; }
  #now-desk { font-size: 16vh; }
  .flash { animation: flash 1s ease-in-out 3; }
  @keyframes flash { 50% { background: #1d4e89; } }
  footer { display: flex; justify-content: space-between; align-items: flex-end;
    padding: 2vh 3vw 3vh; font-size: 4.5vh; background: #13315c; }
  ol { list-style: none; margin: 0; padding: 0; display: flex; gap: 3vw; }
  #error { background: #c1121f; margin: 0; padding: 1.5vh 3vw; font-size: 3vh; }
`;

export function boardPageScriptHash(): string {
  return `sha256-${createHash('sha256').update(SCRIPT).digest('base64')}`;
}

export function boardPageHtml(): string {
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta name="referrer" content="no-referrer">
<title>Antrean Perekaman KTP-el</title><style>${STYLE}</style></head>
<body>
<header><span>Antrean Perekaman KTP-el — <b>Layanan GRATIS</b></span>
<button id="sound" type="button" aria-pressed="false">Suara: mati</button></header>
<p id="error" role="alert" hidden></p>
<main id="now" aria-live="assertive" aria-atomic="true" data-testid="board-now">
<span id="now-number">—</span><span id="now-arrow" aria-hidden="true">→</span><span id="now-desk"></span>
</main>
<footer><ol id="earlier" aria-label="Panggilan sebelumnya"></ol><span id="waiting"></span></footer>
<script>${SCRIPT}</script>
</body></html>`;
}
