import { z } from 'zod';

/** Settings every source file has (kept apart from schema.ts so area schemas can use them without a cycle). */
export const amountProfile = z
  .object({
    /** `1234,50-` means −1 234,50 (some Raindance reports print the minus last). */
    trailingMinus: z.boolean().default(false),
    /** `(1 234,50)` means −1 234,50. */
    parenthesesNegative: z.boolean().default(false),
    /** `1.234,50` uses period as thousands separator. Without it, `1.234` is ambiguous and an error. */
    periodThousands: z.boolean().default(false),
    /** `1 234,50 kr` / `SEK 1 234,50`: strip the currency with a warning instead of an error. */
    stripCurrency: z.boolean().default(true),
  })
  .strict()
  .default({ trailingMinus: false, parenthesesNegative: false, periodThousands: false, stripCurrency: true });

export const sourceBase = {
  /** Path to the export, relative to the config file. */
  file: z.string().min(1),
  format: z.enum(['auto', 'csv', 'xlsx']).default('auto'),
  encoding: z.enum(['auto', 'utf-8', 'windows-1252']).default('auto'),
  /** Sheet name for xlsx sources; required when the workbook has more than one sheet. */
  sheet: z.string().optional(),
  delimiter: z.enum(['auto', ';', ',', '\t']).default('auto'),
  amounts: amountProfile,
  /** Unit of the amounts in the file. */
  unit: z.enum(['kr', 'tkr', 'mnkr']).default('kr'),
};

