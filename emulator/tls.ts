/**
 * The emulator's wss:// certificate: self-signed, made at start (like a factory-fresh device's), or kept in a state
 * folder so that a client pinned to it with `ca` can follow the device through restarts.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { generate } from 'selfsigned';
import { EmulatorError } from './errors';

export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
}

export async function selfSignedCertificate(host: string): Promise<TlsMaterial> {
  const isIp = /^[\d.]+$/.test(host) || host.includes(':');
  const altNames: { type: 2 | 7; value?: string; ip?: string }[] = [
    { type: 2, value: 'localhost' },
    { type: 7, ip: '127.0.0.1' },
    { type: 7, ip: '::1' },
  ];
  if (host && host !== 'localhost' && host !== '127.0.0.1' && host !== '::1' && host !== '0.0.0.0' && host !== '::') {
    altNames.push(isIp ? { type: 7, ip: host } : { type: 2, value: host });
  }
  const pems = await generate([{ name: 'commonName', value: 'xapi-emulator' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 365 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** File names inside a state folder. The key is private (mode 0600); the certificate is what clients pin. */
export const STATE_KEY_FILE = 'tls-key.pem';
export const STATE_CERT_FILE = 'tls-cert.pem';

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new EmulatorError(`Cannot read ${file}: ${(e as Error).message}`);
  }
}

/**
 * The certificate kept in `dir`: reused when both files are there (and belong together), otherwise generated
 * for `host` and saved. A half-written or mismatched pair is an error rather than silently replaced, since
 * replacing it would break every client that pinned the old certificate.
 */
export async function persistentCertificate(dir: string, host: string): Promise<TlsMaterial> {
  const keyFile = path.join(dir, STATE_KEY_FILE);
  const certFile = path.join(dir, STATE_CERT_FILE);
  const [key, cert] = await Promise.all([readIfPresent(keyFile), readIfPresent(certFile)]);
  if (key !== undefined && cert !== undefined) {
    let matches: boolean;
    try {
      matches = new X509Certificate(cert).checkPrivateKey(createPrivateKey(key));
    } catch (e) {
      throw new EmulatorError(`The TLS key or certificate in ${dir} is not valid PEM (${(e as Error).message}); delete both files to make new ones`);
    }
    if (!matches) throw new EmulatorError(`${keyFile} is not the key of ${certFile}; delete both files to make new ones`);
    return { key, cert };
  }
  if (key !== undefined || cert !== undefined) {
    throw new EmulatorError(`${dir} holds only one of ${STATE_KEY_FILE} and ${STATE_CERT_FILE}; delete it to make a new pair`);
  }
  const made = await selfSignedCertificate(host);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(keyFile, made.key, { mode: 0o600, flag: 'wx' });
    await chmod(keyFile, 0o600); // the umask may have taken bits off, never added: this only makes sure
    await writeFile(certFile, made.cert, { mode: 0o644, flag: 'wx' });
  } catch (e) {
    throw new EmulatorError(`Cannot save the TLS certificate in ${dir}: ${(e as Error).message}`);
  }
  return made;
}
