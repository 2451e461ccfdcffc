/**
 * Client behaviour that the local server cannot provoke: fetch failures whose messages carry
 * the full URL (and so the key), servers echoing the key, odd headers. No network, no DB.
 */
import { describe, expect, it } from 'vitest';
import { OddsApiClient, OddsApiError, parseQuota, scrubSecret } from '../../odds/client';

const KEY = 'k3y/with+chars&=';

function fakeFetch(handler: (url: URL) => Response | Promise<Response>): {
  fetch: typeof fetch;
  urls: URL[];
} {
  const urls: URL[] = [];
  const impl = async (input: Parameters<typeof fetch>[0]): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    urls.push(url);
    return handler(url);
  };
  return { fetch: impl, urls };
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

async function caught(promise: Promise<unknown>): Promise<OddsApiError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OddsApiError);
  return error as OddsApiError;
}

describe('OddsApiClient (mocked fetch)', () => {
  it('sends the key only in the fetched URL, encoded, and keeps it out of `request`', async () => {
    const fake = fakeFetch(() =>
      json([], 200, {
        'x-requests-remaining': '497',
        'x-requests-used': '3',
        'x-requests-last': '0',
      }),
    );
    const api = new OddsApiClient({
      baseUrl: 'https://api.example.test/prefix/',
      apiKey: KEY,
      fetch: fake.fetch,
      regions: 'us,uk',
    });
    const response = await api.getOdds('americanfootball_nfl', {
      markets: ['totals'],
      commenceTimeFrom: new Date('2023-12-10T05:00:00.123Z'),
      commenceTimeTo: '2023-12-11T04:59:59Z',
    });
    const [url] = fake.urls;
    expect(url!.pathname).toBe('/prefix/v4/sports/americanfootball_nfl/odds');
    expect(url!.searchParams.get('apiKey')).toBe(KEY);
    expect(url!.searchParams.get('commenceTimeFrom')).toBe('2023-12-10T05:00:00Z');
    expect(response.request).toBe(
      '/v4/sports/americanfootball_nfl/odds?regions=us,uk&markets=totals&oddsFormat=american&dateFormat=iso' +
        '&commenceTimeFrom=2023-12-10T05:00:00Z&commenceTimeTo=2023-12-11T04:59:59Z',
    );
    expect(response.quota).toEqual({ remaining: 497, used: 3, last: 0 });
  });

  it('scrubs the key from fetch failure messages and their causes', async () => {
    const fake = fakeFetch((url) => {
      throw new TypeError(`Failed to parse URL from ${url.toString()}`, {
        cause: new Error(`getaddrinfo ENOTFOUND while fetching ${url.toString()} key=${KEY}`),
      });
    });
    const e = await caught(
      new OddsApiClient({
        baseUrl: 'https://api.example.test',
        apiKey: KEY,
        fetch: fake.fetch,
      }).getSports(),
    );
    expect(e.name).toBe('OddsApiNetworkError');
    expect(e.message).toContain('ENOTFOUND');
    expect(e.message).toContain('apiKey=***');
    expect(e.message).not.toContain(KEY);
    expect(e.message).not.toContain(encodeURIComponent(KEY));
    expect(e.cause).toBeUndefined();
  });

  it('scrubs a key the server echoes back in its error message', async () => {
    const fake = fakeFetch(() =>
      json({ message: `key ${KEY} is not valid`, error_code: 'INVALID_KEY' }, 401),
    );
    const e = await caught(
      new OddsApiClient({
        baseUrl: 'https://api.example.test',
        apiKey: KEY,
        fetch: fake.fetch,
      }).getSports(),
    );
    expect(e.message).toBe(
      'GET /v4/sports: INVALID_KEY: the API key is invalid or not tied to a subscription (check ODDS_API_KEY) (API: "key *** is not valid")',
    );
  });

  it('treats an auth error_code as auth failure whatever the status', async () => {
    const fake = fakeFetch(() =>
      json({ message: 'quota', error_code: 'OUT_OF_USAGE_CREDITS' }, 403),
    );
    const e = await caught(
      new OddsApiClient({ baseUrl: 'https://x.test', apiKey: KEY, fetch: fake.fetch }).getSports(),
    );
    expect(e).toMatchObject({
      name: 'OddsApiAuthError',
      reason: 'OUT_OF_USAGE_CREDITS',
      retryable: false,
      status: 403,
    });
    const deactivated = fakeFetch(() =>
      json({ message: 'gone', error_code: 'DEACTIVATED_KEY' }, 401),
    );
    expect(
      await caught(
        new OddsApiClient({
          baseUrl: 'https://x.test',
          apiKey: KEY,
          fetch: deactivated.fetch,
        }).getSports(),
      ),
    ).toMatchObject({ reason: 'DEACTIVATED_KEY' });
  });

  it('classifies a 502 HTML page as a server error, not a bad response', async () => {
    const fake = fakeFetch(() => new Response('<html>bad gateway</html>', { status: 502 }));
    expect(
      await caught(
        new OddsApiClient({
          baseUrl: 'https://x.test',
          apiKey: KEY,
          fetch: fake.fetch,
        }).getSports(),
      ),
    ).toMatchObject({
      name: 'OddsApiServerError',
      status: 502,
      retryable: true,
    });
  });

  it('validates its inputs', () => {
    expect(() => new OddsApiClient({ baseUrl: 'https://x.test', apiKey: ' ' })).toThrow(
      /apiKey is empty/,
    );
    expect(
      () => new OddsApiClient({ baseUrl: 'https://x.test', apiKey: KEY, timeoutMs: 0 }),
    ).toThrow(/timeoutMs/);
    expect(
      () => new OddsApiClient({ baseUrl: 'https://x.test', apiKey: KEY, regions: 'us;drop' }),
    ).toThrow(/regions/);
    const api = new OddsApiClient({ baseUrl: 'https://x.test', apiKey: KEY });
    expect(() => api.getOdds('americanfootball_nfl', { markets: [] })).toThrow(/markets/);
    expect(() =>
      api.getOdds('americanfootball_nfl', { markets: ['totals'], commenceTimeFrom: 'soon' }),
    ).toThrow(/commenceTimeFrom/);
    expect(() => api.getScores('americanfootball_nfl', { daysFrom: 4 })).toThrow(/daysFrom/);
    expect(() => api.getScores('americanfootball_nfl', { date: '10/12/2023' })).toThrow(/date/);
  });

  it('parses quota headers only when all three are numbers', () => {
    expect(
      parseQuota(
        new Headers({
          'x-requests-remaining': '10',
          'x-requests-used': '5',
          'x-requests-last': '2',
        }),
      ),
    ).toEqual({
      remaining: 10,
      used: 5,
      last: 2,
    });
    expect(
      parseQuota(new Headers({ 'x-requests-remaining': '10', 'x-requests-used': '5' })),
    ).toBeNull();
    expect(
      parseQuota(
        new Headers({
          'x-requests-remaining': 'lots',
          'x-requests-used': '5',
          'x-requests-last': '1',
        }),
      ),
    ).toBeNull();
  });

  it('scrubSecret replaces raw and URL-encoded forms', () => {
    expect(scrubSecret(`a ${KEY} b ${encodeURIComponent(KEY)} c`, KEY)).toBe('a *** b *** c');
    expect(scrubSecret('nothing', '')).toBe('nothing');
    const odd = "it's a key!";
    const url = new URL(`http://x/?apiKey=${encodeURIComponent(odd)}`).toString();
    expect(scrubSecret(url, odd)).toBe('http://x/?apiKey=***');
    expect(scrubSecret(new URLSearchParams({ apiKey: odd }).toString(), odd)).toBe('apiKey=***');
  });
});
