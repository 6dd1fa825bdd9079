/** Loopback names and addresses: what only this machine can reach. */

/** Pure: true for `localhost`, an address in 127.0.0.0/8 and `::1` (with or without brackets). */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  const v4 = /^(?:::ffff:)?(\d{1,3})\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.exec(h);
  if (v4) return v4[1] === '127';
  return /^(0{0,4}:){2,7}0{0,3}1$/.test(h);
}
