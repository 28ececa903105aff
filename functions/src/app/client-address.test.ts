import { describe, expect, it } from 'vitest';
import { clientAddress, clientKey } from './client-address';

describe('clientAddress', () => {
  it.each<[string, string | string[] | undefined, string | undefined, string | undefined]>([
    ['the address Google appended', '203.0.113.7', '169.254.1.1', '203.0.113.7'],
    ['a forged first entry is ignored: the last is the platform’s', '1.2.3.4, 203.0.113.7', undefined, '203.0.113.7'],
    ['many forged entries', '10.0.0.1,10.0.0.2 ,  198.51.100.9', undefined, '198.51.100.9'],
    ['a header sent twice (Node may hand an array)', ['1.2.3.4', '203.0.113.7'], undefined, '203.0.113.7'],
    ['IPv6', '1.2.3.4, 2001:db8::1', undefined, '2001:db8::1'],
    ['no header: the socket peer', undefined, '127.0.0.1', '127.0.0.1'],
    ['an empty header: the socket peer', ' , ', '::1', '::1'],
    ['nothing at all', undefined, undefined, undefined],
  ])('%s', (_what, header, peer, expected) => {
    expect(clientAddress(header, peer)).toBe(expected);
  });
});

describe('clientKey', () => {
  it.each<[string, string | undefined, string | undefined, string]>([
    ['IPv4, no App Check', '203.0.113.7', undefined, '203.0.113.7|-'],
    ['IPv4 with an App Check app', '203.0.113.7', '1:123:web:abc', '203.0.113.7|1:123:web:abc'],
    ['IPv4 mapped into IPv6', '::ffff:203.0.113.7', undefined, '203.0.113.7|-'],
    ['IPv6: its /64', '2001:db8:aa:bb:1:2:3:4', undefined, '2001:db8:aa:bb::/64|-'],
    ['IPv6 with :: and leading zeros', '2001:0DB8:0000:00bb::1', undefined, '2001:db8:0:bb::/64|-'],
    ['IPv6 with :: inside the /64', '2001:db8::5', undefined, '2001:db8:0:0::/64|-'],
    ['IPv6 in brackets with a zone', '[fe80::1%eth0]', undefined, 'fe80:0:0:0::/64|-'],
    ['IPv6 with an IPv4 tail', '64:ff9b::192.0.2.33', undefined, '64:ff9b:0:0::/64|-'],
    ['garbage', 'not-an-ip', undefined, 'unknown|-'],
    ['an address with a port', '203.0.113.7:443', undefined, 'unknown|-'],
    ['none', undefined, undefined, 'unknown|-'],
  ])('%s', (_what, address, appId, expected) => {
    expect(clientKey(address, appId)).toBe(expected);
  });

  it('gives two addresses of one /64 one key, and the next /64 another', () => {
    expect(clientKey('2001:db8:1:2:aaaa::1', undefined)).toBe(clientKey('2001:db8:1:2:ffff:ffff:ffff:ffff', undefined));
    expect(clientKey('2001:db8:1:3::1', undefined)).not.toBe(clientKey('2001:db8:1:2::1', undefined));
  });

  it('gives another client another key: another address, or the same address in another app', () => {
    expect(clientKey('203.0.113.7', undefined)).not.toBe(clientKey('203.0.113.8', undefined));
    expect(clientKey('203.0.113.7', 'app-a')).not.toBe(clientKey('203.0.113.7', 'app-b'));
  });
});
