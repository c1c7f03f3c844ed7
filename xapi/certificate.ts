/**
 * Reads the certificate a device presents, without trusting it, so the user can pin exactly that certificate (the
 * extension's "Trust this device's certificate", `xapi fleet trust`) and keep verification on for every later connection.
 */
import * as tls from 'node:tls';
import { resolveUrl } from './transport';

export interface PresentedCertificate {
  readonly pem: string;
  /** SHA-256 fingerprint as `AB:CD:…`, for the user to compare with the device's own page. */
  readonly fingerprint256: string;
  readonly subject: string;
}

export function fetchPresentedCertificate(urlOrHost: string, timeoutMs = 10_000): Promise<PresentedCertificate> {
  const url = new URL(resolveUrl(urlOrHost).url);
  if (url.protocol !== 'wss:') return Promise.reject(new Error(`${url.host} does not use TLS (${url.protocol})`));
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 443), servername: isIp(url.hostname) ? undefined : url.hostname,
      // Only to read the certificate: nothing is sent over this socket.
      rejectUnauthorized: false,
    }, () => {
      const cert = socket.getPeerCertificate();
      socket.destroy();
      if (!cert?.raw) { reject(new Error(`${url.host} presented no certificate`)); return; }
      const b64 = cert.raw.toString('base64').replace(/(.{64})/g, '$1\n').trimEnd();
      resolve({ pem: `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`, fingerprint256: cert.fingerprint256, subject: [cert.subject?.CN ?? url.hostname].flat().join(', ') });
    });
    socket.setTimeout(timeoutMs, () => { socket.destroy(); reject(new Error(`no TLS answer from ${url.host} within ${timeoutMs} ms`)); });
    socket.on('error', reject);
  });
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':') || host.startsWith('[');
}
