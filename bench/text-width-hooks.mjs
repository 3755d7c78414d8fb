// `node --import ./bench/text-width-hooks.mjs`: Ink gets source/text/text-width.ts for
// string-width, as in the desk's bundle (scripts/text-width-alias.mjs), so the benchmarks
// measure what ships.
import {register} from 'node:module';

register('./text-width-resolve.mjs', import.meta.url);
