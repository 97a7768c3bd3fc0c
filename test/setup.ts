// Every kind, synchronously, for every test: the browser loads the heavy ones with the patterns
// that use them (src/kit/kinds/index.ts), which tests that build runs directly do not do.
import { registerAllKinds } from '../src/kit/kinds/all';

registerAllKinds();
