/**
 * A customer email built to attack the agents' page: an inline script, event handlers, a
 * `javascript:` link, remote images (the tracking pixel points at `remoteOrigin`, a server the
 * test watches), a CSS background, an iframe, an SVG with onload, a form and a meta refresh.
 * Each attack sets `window.__pwned` (or calls the remote origin) if it ever runs.
 */
export function hostileEmail(options: { remoteOrigin: string; from?: string; to?: string; messageId?: string; subject?: string }): string {
  const remote = options.remoteOrigin.replace(/\/+$/, '');
  const html = [
    '<html><head><meta http-equiv="refresh" content="0;url=' + remote + '/refresh">',
    '<link rel="stylesheet" href="' + remote + '/style.css">',
    '<style>body{background:url(' + remote + '/bg.png)}</style>',
    '<script>window.top.__pwned = "script"; fetch("' + remote + '/script")</script></head>',
    '<body onload="window.top.__pwned=\'onload\'">',
    '<p>Hello, I <b>forgot my password</b> and the reset mail never came.</p>',
    '<img src="' + remote + '/pixel.png" alt="pixel" width="1" height="1">',
    '<img src="x" onerror="window.top.__pwned=\'onerror\'; new Image().src=\'' + remote + '/onerror\'">',
    '<a id="js-link" href="javascript:window.top.__pwned=\'javascript-link\'">Click here to verify your account</a>',
    '<div style="background-image:url(' + remote + '/div-bg.png)">styled</div>',
    '<iframe src="' + remote + '/frame"></iframe>',
    '<svg onload="window.top.__pwned=\'svg\'"><image href="' + remote + '/svg.png"/></svg>',
    '<form action="' + remote + '/form"><input name="q" value="x"><button>go</button></form>',
    '<video poster="' + remote + '/poster.png"></video>',
    '</body></html>',
  ].join('\r\n');
  const b = 'b1_hostile_boundary';
  return [
    `From: Mallory Author <${options.from ?? 'mallory@example.org'}>`,
    `To: ${options.to ?? 'support@kdp.example.com'}`,
    `Subject: ${options.subject ?? 'Password reset never arrives'}`,
    `Message-ID: <${options.messageId ?? `hostile-${Date.now()}@example.org`}>`,
    'Date: Tue, 10 Mar 2026 11:00:00 +0000',
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${b}"`,
    '',
    `--${b}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hello, I forgot my password and the reset mail never came.',
    '',
    `--${b}`,
    'Content-Type: text/html; charset=utf-8',
    '',
    html,
    '',
    `--${b}--`,
    '',
  ].join('\r\n');
}
