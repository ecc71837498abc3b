import type { ApiErrorBody, Me, Stats, StatusCounts, TicketDetail, TicketPage } from '../../shared/queue/api-types.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The agent API, with the bearer token on every call. A 401 signs the page out. */
export class AgentApi {
  constructor(
    private readonly base: string,
    private readonly token: string,
    private readonly onUnauthorized: () => void,
  ) {}

  private async call<T>(method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
    const res = await fetch(`${this.base.replace(/\/+$/, '')}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        accept: 'application/json',
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    const body = text ? (JSON.parse(text) as unknown) : null;
    if (!res.ok) {
      const err = (body as ApiErrorBody | null)?.error;
      if (res.status === 401) this.onUnauthorized();
      throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? `HTTP ${res.status}`);
    }
    return body as T;
  }

  me(): Promise<Me> {
    return this.call('GET', '/me');
  }
  tickets(query: Record<string, string>): Promise<TicketPage> {
    const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '')).toString();
    return this.call('GET', `/tickets${qs ? `?${qs}` : ''}`);
  }
  counts(): Promise<StatusCounts> {
    return this.call('GET', '/tickets/counts');
  }
  ticket(id: string): Promise<TicketDetail> {
    return this.call('GET', `/tickets/${encodeURIComponent(id)}`);
  }
  update(id: string, version: number, patch: Record<string, unknown>): Promise<TicketDetail> {
    return this.call('PATCH', `/tickets/${encodeURIComponent(id)}`, { body: patch, headers: { 'if-match': String(version) } });
  }
  /** `key` is made once per composed reply, so a retried request cannot send it twice. */
  reply(id: string, body: { article: string } | { text: string }, key: string): Promise<TicketDetail> {
    return this.call('POST', `/tickets/${encodeURIComponent(id)}/reply`, { body: { ...body, idempotencyKey: key } });
  }
  /** An attachment's bytes (the API always serves them as a download). */
  async attachment(id: string, index: number): Promise<Blob> {
    const res = await fetch(`${this.base.replace(/\/+$/, '')}/tickets/${encodeURIComponent(id)}/attachments/${index}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (res.status === 401) this.onUnauthorized();
    if (!res.ok) {
      const err = ((await res.json().catch(() => null)) as ApiErrorBody | null)?.error;
      throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? `HTTP ${res.status}`);
    }
    return res.blob();
  }
  stats(window: '24h' | '7d'): Promise<Stats> {
    return this.call('GET', `/stats?window=${window}`);
  }
}
