import { describe, expect, test } from 'vitest';
import { indicatorsSourceSchema, internalControlSourceSchema } from '../../src/config/goals-schema.js';
import { readIndicators, readInternalControl } from '../../src/sources/goals/index.js';
import { expectDiagnostic } from '../sources/helpers.js';

/** One fixture per goal code no other test names. */

const csv = (name: string, lines: string[]) => ({ bytes: new TextEncoder().encode(lines.join('\r\n') + '\r\n'), displayName: name });

describe('goal exports', () => {
  test('goals.definition-conflict: one indicator with another unit on a later row (warning; the latest period wins)', async () => {
    const spec = indicatorsSourceSchema.parse({ file: 'ind.csv', delimiter: ';' });
    const r = await readIndicators(csv('ind.csv', [
      'Indikator-id;Delmål-id;Indikator;Enhet;Riktning;Målvärde;Redovisas;Period;Utfall;Bedömning;Analys',
      'I1;D1;Antal besök;antal;;10;D2;2024-04;11;;',
      'I1;D1;Antal besök;st;;10;D2;2024-08;12;;',
    ]), spec);
    const d = expectDiagnostic(r.diagnostics, 'goals.definition-conflict', { file: 'ind.csv', row: 3, severity: 'warning' });
    expect(d.message).toContain('Indikatorn I1 har olika enhet på olika rader ("antal" och "st")');
  });

  test('goals.control-invalid: an internal-control result word that is not known', async () => {
    const spec = internalControlSourceSchema.parse({ file: 'ik.csv' });
    const r = await readInternalControl(csv('ik.csv', [
      'Granskningsområde;Berört reglemente, policy eller regler;Metod för granskningen;Resultat av granskningen;Åtgärder;Status',
      'Löner;Attestinstruktion;Stickprov;9 av 11 signerade;Information;Nästan',
    ]), spec);
    expectDiagnostic(r.diagnostics, 'goals.control-invalid', { file: 'ik.csv', row: 2, column: 'Status', value: 'Nästan' });
  });
});
