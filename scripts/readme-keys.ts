// `npm run readme-keys`: writes README's key tables from the key tables the desk runs on
// (source/key-catalog.ts), so no key is documented by hand.
import fs from 'node:fs';
import {documentedKeys} from '../source/key-catalog.js';
import {withKeyTables} from '../source/keys/key-docs.js';

const readme = fs.readFileSync('README.md', 'utf8');
const written = withKeyTables(readme, documentedKeys);
if (written !== readme) fs.writeFileSync('README.md', written);
console.log(written === readme ? 'README key tables are up to date' : 'README key tables written');
