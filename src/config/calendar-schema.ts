import { z } from 'zod';

/**
 * The `calendar:` section of `rapport.config.yaml`: when each month's books are closed, and the other dates of the
 * reporting year (forecast deadlines, report dates). `rapport generate --period latest` uses it to pick the latest
 * closed month; `rapport calendar` lists the coming dates. Kept apart from `schema.ts`; hooked in as
 * `calendar: calendarConfigSchema.optional()`.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ange datumet som ÅÅÅÅ-MM-DD');
const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'ange månaden som ÅÅÅÅ-MM');

export const calendarConfigSchema = z
  .object({
    closing: z
      .object({
        /** Month M is closed on this calendar day of month M + 1 (8: August is closed on 8 September). */
        dayOfNextMonth: z.number().int().min(1).max(28).default(10),
        /** Exceptions: the closing date of a given month ("2024-07": "2024-08-20", July closing late after the holidays). */
        dates: z.record(isoMonth, isoDate).default({}),
      })
      .strict()
      .default({ dayOfNextMonth: 10, dates: {} }),
    /** Other dates of the year: forecast deadlines, report dates, board meetings. Listed by `rapport calendar`. */
    events: z
      .array(z.object({ date: isoDate, what: z.string().min(1) }).strict())
      .default([]),
  })
  .strict();

export type CalendarConfig = z.infer<typeof calendarConfigSchema>;
