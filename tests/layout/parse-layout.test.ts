/** The layout file: the bundled layouts parse, and every mistake is a Swedish error naming file, line and the nearest name. */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { checkLayoutAgainstConfig, parseLayout } from '../../src/config/layout.js';
import { validateConfig } from '../../src/config/load-config.js';
import { BUNDLED_LAYOUTS } from '../../src/pipeline/layout.js';

const table = (columns: string, extra = '') => `version: 1
sections:
  - id: drift
    title: Driftredovisning
    blocks:
      - table:
          id: rr
          title: "Resultat {{år}}"
          unit: mnkr
          decimals: 1
          columns:
${columns}
          rows:
            - { kind: net, label: Resultat }
${extra}`;

describe('parseLayout', () => {
  it('accepts every bundled layout', () => {
    const files = readdirSync(BUNDLED_LAYOUTS).filter((f) => f.endsWith('.yaml'));
    expect(files).toContain('standard.yaml');
    for (const f of files) {
      const r = parseLayout(readFileSync(`${BUNDLED_LAYOUTS}/${f}`, 'utf8'), f);
      expect(r.ok ? [] : r.diagnostics).toEqual([]);
    }
  });

  it('an unknown measure names file and line and suggests the nearest measure', () => {
    const r = parseLayout(table('            - { measure: ackUtfall }\n            - { measure: ackAvvFgAr }'), 'min layout.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d.code).toBe('layout.unknown-measure');
    expect(d.message).toContain("Okänt mått 'ackAvvFgAr' — menade du 'ackAvvikelseForegaendeAr'?");
    expect(d.location).toEqual({ file: 'min layout.yaml', row: 13 });
    expect(d.value).toBe('ackAvvFgAr');
  });

  it('two columns of one table with the same heading are an error naming file and line (explain finds a column by heading)', () => {
    // The table helper puts the first column on line 12, the second (the repeat, which is reported) on line 13.
    const r = parseLayout(table('            - { measure: ackUtfall, heading: "Utfall {{år}}" }\n            - { measure: ackUtfallForegaendeAr, heading: "Utfall {{år}}" }'), 'min layout.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d.code).toBe('layout.duplicate-heading');
    expect(d.message).toBe("Tabellen rr har två kolumner med rubriken 'Utfall {{år}}' (kolumn 1 och 2). Ge varje kolumn en egen rubrik: rapport explain hittar en kolumn på dess rubrik.");
    expect(d.location).toEqual({ file: 'min layout.yaml', row: 13 });
    // Two columns of one measure without headings would both print its default heading.
    const same = parseLayout(table('            - { measure: ackAvvikelse }\n            - { measure: ackAvvikelse }'), 'l.yaml');
    expect(same.ok ? [] : same.diagnostics.map((x) => x.code)).toEqual(['layout.duplicate-heading']);
    // Columns never shown together (when / unless of one condition) may share a heading.
    const exclusive = parseLayout(table('            - { measure: helarsprognos, heading: Prognos, when: prognos }\n            - { measure: arsbudget, heading: Prognos, unless: prognos }'), 'l.yaml');
    expect(exclusive.ok).toBe(true);
  });

  it('an unknown key, placeholder, condition and a measure an investment row does not have are errors', () => {
    const r = parseLayout(table('            - { measure: ackUtfall, heading: "Utfall {{manad}}", when: prognoss, width: 3 }'), 'l.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => d.code)).toEqual(['layout.unknown-key']);
    expect(r.diagnostics[0]!.message).toContain('sections.0.blocks.0.table.columns.0.width');
    const names = parseLayout(table('            - { measure: ackUtfall, heading: "Utfall {{manad}}", when: prognoss }'), 'l.yaml');
    expect(names.ok).toBe(false);
    if (names.ok) return;
    const messages = names.diagnostics.map((d) => d.message);
    expect(messages).toContain("Okänt villkor 'prognoss' — menade du 'prognos'? Möjliga: prognos, foregaendePrognos, investeringar, underenheter, budget, personal, arsresultat, mal.");
    expect(messages.some((m) => m.startsWith("Okänd platshållare 'manad' — menade du 'månad'?"))).toBe(true);
    const inv = parseLayout(`version: 1
sections:
  - id: inv
    title: Investeringar
    blocks:
      - table:
          id: inv
          title: Investeringar
          columns: [{ measure: ackUtfall }, { measure: ackBudget }]
          rows: [{ kind: investmentAreas }, { kind: investmentTotal, label: Totalt }]
`, 'l.yaml');
    expect(inv.ok).toBe(false);
    if (inv.ok) return;
    expect(inv.diagnostics.map((d) => [d.code, d.location?.row])).toEqual([['layout.measure-not-for-row', 9]]);
  });

  it('YAML that does not parse names the line', () => {
    const r = parseLayout('version: 1\nsections:\n  - id: a\n    title: A\n    title: B\n', 'l.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]!.code).toBe('layout.yaml');
    expect(r.diagnostics[0]!.location?.file).toBe('l.yaml');
    expect(r.diagnostics[0]!.location?.row).toBe(5);
  });
});

describe('checkLayoutAgainstConfig', () => {
  const config = (withInvestments: boolean) => {
    const r = validateConfig({
      organisation: { name: 'Region X', unit: 'Nämnden' },
      sources: {
        ledger: { file: 'l.csv' },
        organisation: { file: 'o.csv', columns: { levels: ['Delområde', 'Område'] } },
        accountGroups: { file: 'k.csv' },
        ...(withInvestments ? { investments: { file: 'i.csv' } } : {}),
      },
    }, 'rapport.config.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    return r.config;
  };
  const investmentLayout = (gate: string) => `version: 1
sections:
  - id: inv
    title: Investeringar
    blocks:
      - table:
          id: inv
          title: Investeringar
          columns: [{ measure: ackUtfall }]
          rows: [{ kind: investmentAreas }, { kind: investmentTotal, label: Totalt }]${gate}
    levels: [Omrde]
`;

  it('the standard layout fits a configuration without investments (its investment parts are conditional)', () => {
    const std = parseLayout(readFileSync(`${BUNDLED_LAYOUTS}/standard.yaml`, 'utf8'), 'standard.yaml');
    if (!std.ok) throw new Error('standard');
    expect(checkLayoutAgainstConfig(std.value, config(false), { configFile: 'rapport.config.yaml' })).toEqual([]);
  });

  it('an investment table without `when: investeringar` where no investment source is configured, and an unknown level', () => {
    const l = parseLayout(investmentLayout(''), 'l.yaml');
    if (!l.ok) throw new Error(JSON.stringify(l.diagnostics));
    const problems = checkLayoutAgainstConfig(l.value, config(false), { configFile: 'rapport.config.yaml' });
    expect(problems.map((d) => [d.code, d.location?.row])).toEqual([['layout.unknown-level', 11], ['layout.source-missing', 10]]);
    expect(problems[0]!.message).toContain("Nivån 'Omrde' i layouten finns inte — menade du 'Område'?");
    expect(problems[1]!.message).toContain('men sources.investments är inte konfigurerat i rapport.config.yaml');
    const gated = parseLayout(investmentLayout('\n        when: investeringar'), 'l.yaml');
    if (!gated.ok) throw new Error(JSON.stringify(gated.diagnostics));
    expect(checkLayoutAgainstConfig(gated.value, config(false), { configFile: 'rapport.config.yaml' }).map((d) => d.code)).toEqual(['layout.unknown-level']);
    expect(checkLayoutAgainstConfig(l.value, config(true), { configFile: 'rapport.config.yaml' }).map((d) => d.code)).toEqual(['layout.unknown-level']);
  });
});
