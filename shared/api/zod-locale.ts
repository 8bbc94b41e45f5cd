/** zod's English messages for every schema: imported by each module that declares schemas, before it declares them. */
import { config } from 'zod/mini';
import { en } from 'zod/locales';

config(en());
