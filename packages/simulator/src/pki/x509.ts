// @peculiar/x509 resolves its services through tsyringe, which needs a Reflect metadata polyfill
// loaded before it ("tsyringe requires a reflect polyfill"). ESM evaluates imports in order, so
// the polyfill import must stay first in this file, and every module of this package imports
// @peculiar/x509 through this file only.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509, webcrypto };
