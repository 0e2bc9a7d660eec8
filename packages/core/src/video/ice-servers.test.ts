import { describe, expect, it } from 'vitest';
import { stunUrl, turnUrl, videoSettingsUpdate } from '../contracts/video';
import { utf8, toHex } from '../drug-testing/hmac';
import { iceServersFor, turnCredential, turnCredentialExpiry, turnUsername } from './ice-servers';
import { hmacSha1, sha1, toBase64 } from './sha1';

const bytes = (n: number, b: number) => new Uint8Array(n).fill(b);

describe('sha1 and hmacSha1 (FIPS 180 and RFC 2202 vectors)', () => {
  it.each([
    ['empty', utf8(''), 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['abc', utf8('abc'), 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['a million a (many blocks)', utf8('a'.repeat(1_000_000)), '34aa973cd4c4daa4f61eeb2bdbad27316534016f'],
  ])('sha1 of %s', (_name, data, hex) => {
    expect(toHex(sha1(data))).toBe(hex);
  });

  it.each([
    ['case 1: 20-byte key', bytes(20, 0x0b), utf8('Hi There'), 'b617318655057264e28bc0b6fb378c8ef146be00'],
    ['case 2: short key', utf8('Jefe'), utf8('what do ya want for nothing?'), 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79'],
    ['case 3: 50 bytes of 0xdd', bytes(20, 0xaa), bytes(50, 0xdd), '125d7342b9ac11cd91a39af48aa17b4f63f175d3'],
    [
      'case 6: a key longer than the block is hashed first',
      bytes(80, 0xaa),
      utf8('Test Using Larger Than Block-Size Key - Hash Key First'),
      'aa4ae5e15272d00e95705637ce8a3b55ed402112',
    ],
  ])('hmacSha1 %s', (_name, key, message, hex) => {
    expect(toHex(hmacSha1(key, message))).toBe(hex);
  });

  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('toBase64(%j) is %j (RFC 4648 §10)', (text, b64) => {
    expect(toBase64(utf8(text))).toBe(b64);
  });
});

describe('turnCredential (TURN REST API, coturn use-auth-secret)', () => {
  // Known answers computed independently with Node's crypto, outside this code:
  //   require('crypto').createHmac('sha1', secret).update(username).digest('base64')
  it.each([
    ['a clinic secret', 'north-clinic-turn-secret-2027', '1812571200:k3Jd8xQ2pLm9Zr4T', 'hmOMp7Qh4+Sa3th5xJQ9ChKDdoI='],
    ['a non-ASCII secret (UTF-8)', 's3cr3t-ünïcode-κλειδί', '1700000000:abcdefgh', 'QFe2aajuZJgvaA3WUTtDIP5faBk='],
    ['a 100-character secret (longer than the block)', 'x'.repeat(100), '1812571200:AAAAAAAAAAAAAAAA', '6uhZfpcPXKpAqAwABByLSrqd7AI='],
  ])('%s', (_name, secret, username, credential) => {
    expect(turnCredential(secret, username)).toBe(credential);
  });

  it('another secret or another username gives another credential', () => {
    const base = turnCredential('north-clinic-turn-secret-2027', '1812571200:k3Jd8xQ2pLm9Zr4T');
    expect(turnCredential('north-clinic-turn-secret-2028', '1812571200:k3Jd8xQ2pLm9Zr4T')).not.toBe(base);
    expect(turnCredential('north-clinic-turn-secret-2027', '1812571201:k3Jd8xQ2pLm9Zr4T')).not.toBe(base);
  });
});

describe('turnUsername', () => {
  const expiry = new Date('2027-06-09T20:00:00Z'); // 1812571200

  it('is the expiry in unix seconds and the opaque connection id', () => {
    expect(turnUsername(expiry, 'k3Jd8xQ2pLm9Zr4T')).toBe('1812571200:k3Jd8xQ2pLm9Zr4T');
    expect(turnUsername(new Date(expiry.getTime() + 999), 'k3Jd8xQ2pLm9Zr4T')).toBe('1812571200:k3Jd8xQ2pLm9Zr4T'); // seconds, floored
  });

  it.each([
    ['a name', 'Rosalind Franklin'],
    ['an e-mail address', 'roz@example.test'],
    ['a uuid (a patient id has this shape)', '6f1c2a4e-8b7d-4e35-9a0b-2c4d6e8f0a1b'],
    ['a colon, which would forge the expiry', 'abcdefgh:1999999999'],
    ['too short to be random', 'abcdefgh'],
    ['empty', ''],
  ])('refuses anything but an opaque id: %s', (_name, id) => {
    expect(() => turnUsername(expiry, id)).toThrow('opaque connection id');
  });
});

describe('turnCredentialExpiry', () => {
  const now = new Date('2027-06-09T16:45:00Z');
  it.each([
    ['a 50-minute session: 4 hours from now', new Date('2027-06-09T18:20:00Z'), new Date('2027-06-09T20:45:00Z')],
    ['a 3-hour group joined early: an hour past the close', new Date('2027-06-09T20:30:00Z'), new Date('2027-06-09T21:30:00Z')],
    ['joined at the last moment: still 4 hours', now, new Date('2027-06-09T20:45:00Z')],
  ])('%s', (_name, closesAt, expected) => {
    expect(turnCredentialExpiry(now, closesAt)).toEqual(expected);
  });
});

describe('iceServersFor', () => {
  const expiry = new Date('2027-06-09T20:00:00Z');
  const stun = ['stun:stun.example.test:3478'];
  const turn = ['turn:turn.example.test:3478?transport=udp', 'turns:turn.example.test:5349?transport=tcp'];
  const secret = 'north-clinic-turn-secret-2027';

  it.each([
    ['nothing configured: no entries (same network only)', { stunUrls: [], turnUrls: [], turnSecret: null }, []],
    ['a secret but no TURN servers: no entries', { stunUrls: [], turnUrls: [], turnSecret: secret }, []],
    ['STUN only', { stunUrls: stun, turnUrls: [], turnSecret: null }, [{ urls: stun }]],
    ['TURN without a secret: left out', { stunUrls: stun, turnUrls: turn, turnSecret: null }, [{ urls: stun }]],
    [
      'TURN only',
      { stunUrls: [], turnUrls: turn, turnSecret: secret },
      [{ urls: turn, username: '1812571200:k3Jd8xQ2pLm9Zr4T', credential: 'hmOMp7Qh4+Sa3th5xJQ9ChKDdoI=' }],
    ],
    [
      'STUN and TURN',
      { stunUrls: stun, turnUrls: turn, turnSecret: secret },
      [{ urls: stun }, { urls: turn, username: '1812571200:k3Jd8xQ2pLm9Zr4T', credential: 'hmOMp7Qh4+Sa3th5xJQ9ChKDdoI=' }],
    ],
  ])('%s', (_name, settings, expected) => {
    expect(iceServersFor(settings, 'k3Jd8xQ2pLm9Zr4T', expiry)).toEqual(expected);
  });

  it('the TURN username names nobody: only digits, a colon and the connection id', () => {
    const [, relay] = iceServersFor({ stunUrls: stun, turnUrls: turn, turnSecret: secret }, 'Zx9_-kQ2pLm9Zr4T', expiry);
    expect(relay?.username).toMatch(/^\d{10}:Zx9_-kQ2pLm9Zr4T$/);
    expect(relay?.credential).not.toContain(secret);
  });
});

describe('the ICE server addresses the settings accept', () => {
  it.each([
    ['stun:stun.example.org', true],
    ['stun:stun.example.org:3478', true],
    ['stuns:stun.example.org:5349', true],
    ['STUN:Stun.Example.org:3478', true],
    ['stun:192.0.2.10:3478', true],
    ['stun:[2001:db8::1]:3478', true],
    ['  stun:stun.example.org:3478  ', true],
    ['stun:stun.example.org:0', false],
    ['stun:stun.example.org:65536', false],
    ['stun:stun.example.org:3478?transport=udp', false],
    ['turn:turn.example.org:3478', false],
    ['https://stun.example.org', false],
    ['stun://stun.example.org', false],
    ['stun:user@stun.example.org', false],
    ['stun:', false],
    ['stun:-bad-.example.org', false],
    ['stun:stun.example.org/path', false],
  ])('STUN %j → %s', (url, ok) => {
    expect(stunUrl.safeParse(url).success).toBe(ok);
  });

  it.each([
    ['turn:turn.example.org', true],
    ['turn:turn.example.org:3478?transport=udp', true],
    ['turns:turn.example.org:5349?transport=tcp', true],
    ['turn:[2001:db8::2]:3478?transport=tcp', true],
    ['turn:turn.example.org:3478?transport=sctp', false],
    ['turn:turn.example.org:3478?foo=bar', false],
    ['turn:turn.example.org:3478?transport=udp&x=1', false],
    ['stun:turn.example.org:3478', false],
    ['turn:user:pass@turn.example.org', false],
    ['turn:turn.example.org:99999', false],
  ])('TURN %j → %s', (url, ok) => {
    expect(turnUrl.safeParse(url).success).toBe(ok);
  });

  const base = { externalUrlTemplate: null, meshLimit: 6, stunUrls: [], turnUrls: [] };
  it.each([
    ['a bad STUN address names its place', { ...base, stunUrls: ['stun:a.example.org', 'http://b.example.org'] }, 'stunUrls.1'],
    ['a bad TURN address names its place', { ...base, turnUrls: ['turn:'] }, 'turnUrls.0'],
    ['more than five servers', { ...base, stunUrls: [1, 2, 3, 4, 5, 6].map((n) => `stun:s${n}.example.org`) }, 'stunUrls'],
    ['the same server twice', { ...base, turnUrls: ['turn:t.example.org', 'TURN:t.example.org'] }, 'turnUrls'],
    ['a short secret', { ...base, turnSecret: 'short' }, 'turnSecret'],
    ['a secret with spaces', { ...base, turnSecret: 'sixteen characters here' }, 'turnSecret'],
    ['the lists are required (a PUT replaces the settings)', { externalUrlTemplate: null, meshLimit: 6 }, 'stunUrls'],
  ])('%s', (_name, body, path) => {
    const res = videoSettingsUpdate.safeParse(body);
    expect(res.success).toBe(false);
    expect(res.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('a secret may be set, cleared (null) or left out (kept)', () => {
    expect(videoSettingsUpdate.parse({ ...base, turnSecret: 'north-clinic-turn-secret-2027' }).turnSecret).toBe(
      'north-clinic-turn-secret-2027',
    );
    expect(videoSettingsUpdate.parse({ ...base, turnSecret: null }).turnSecret).toBeNull();
    expect('turnSecret' in videoSettingsUpdate.parse(base)).toBe(false);
  });
});
