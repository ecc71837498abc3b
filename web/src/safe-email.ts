import DOMPurify from 'dompurify';

/**
 * Customer mail is hostile. Two independent walls stand between it and the agent:
 * 1. DOMPurify removes scripts, event handlers, `javascript:` URLs, forms and frames, and a hook
 *    drops every remote resource reference (images, backgrounds) so nothing phones home;
 * 2. the result goes into `<iframe sandbox="" srcdoc>` (no scripts, no forms, no navigation of
 *    the page, a unique origin) whose document carries a CSP that allows nothing remote.
 * Either wall alone would hold; both together survive a bug in one.
 */
export const EMAIL_FRAME_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const REMOTE = /^\s*(?:https?:|\/\/|ftp:|cid:)/i;

let hooked = false;
function installHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    for (const attr of ['src', 'srcset', 'background', 'poster', 'lowsrc', 'dynsrc']) {
      const value = el.getAttribute?.(attr);
      if (value !== null && value !== undefined && (attr === 'srcset' || REMOTE.test(value))) {
        el.removeAttribute(attr);
        el.setAttribute('data-blocked', 'remote content blocked');
        if (el.tagName === 'IMG' && !el.getAttribute('alt')) el.setAttribute('alt', '[remote image blocked]');
      }
    }
    const style = el.getAttribute?.('style');
    if (style && /url\s*\(/i.test(style)) el.setAttribute('style', style.replace(/url\s*\([^)]*\)/gi, 'none'));
    if (el.tagName === 'A') {
      // Links are shown, not followed from inside the sandbox.
      el.setAttribute('rel', 'noopener noreferrer nofollow');
      el.setAttribute('target', '_blank');
    }
  });
}

/** Sanitised HTML of the customer's message (body content only). */
export function sanitizeEmailHtml(html: string): string {
  installHooks();
  return DOMPurify.sanitize(html, {
    WHOLE_DOCUMENT: false,
    FORBID_TAGS: ['style', 'link', 'meta', 'base', 'form', 'input', 'button', 'iframe', 'frame', 'object', 'embed', 'svg', 'math'],
    FORBID_ATTR: ['srcset', 'action', 'formaction'],
    ALLOW_DATA_ATTR: false,
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The full srcdoc document for the sandboxed frame. */
export function emailFrameDocument(message: { html: string | null; text: string }): string {
  const body = message.html ? sanitizeEmailHtml(message.html) : `<pre>${escapeHtml(message.text)}</pre>`;
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${EMAIL_FRAME_CSP}"><style>body{font:14px/1.5 system-ui,sans-serif;margin:12px;color:#1b1f24;word-wrap:break-word}pre{white-space:pre-wrap;font:inherit}img{max-width:100%}[data-blocked]{outline:1px dashed #b00;}</style></head><body>${body}</body></html>`;
}
