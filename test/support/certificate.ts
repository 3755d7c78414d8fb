import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {tempFolder} from './temp-db.js';

/** A self-signed certificate for 127.0.0.1 and localhost, made by Debian's openssl, for TLS servers in tests. */
export function selfSignedCertificate(): {cert: string; key: string; certFile: string; keyFile: string} {
	const folder = tempFolder('opsdesk-tls-');
	const certFile = path.join(folder, 'cert.pem');
	const keyFile = path.join(folder, 'key.pem');
	execFileSync('openssl', [
		'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2',
		'-keyout', keyFile, '-out', certFile, '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
	], {stdio: 'ignore'});
	return {cert: fs.readFileSync(certFile, 'utf8'), key: fs.readFileSync(keyFile, 'utf8'), certFile, keyFile};
}
