import type { Catalogue } from './catalogue.js';

/** The report layout (`report.layout`, docs/layout.md): reading it, and checking it against the sources. */
export const layoutMessages = {
  'layout.not-found': { severity: 'error', text: 'Hittar inte layouten "{name}" (report.layout i {config}). Ange en fil relativt konfigurationsfilen eller en inbyggd layout: {known}.' },
  'layout.yaml': { severity: 'error', text: 'Layoutfilen går inte att läsa som YAML: {detail}' },
  'layout.invalid': { severity: 'error', text: 'Ogiltig layout, {path}: {detail} (se docs/layout.md).' },
  'layout.unknown-key': { severity: 'error', text: 'Okänd nyckel {path} i layouten. Kontrollera stavningen (se docs/layout.md).' },
  'layout.unknown-measure': { severity: 'error', text: 'Okänt mått \'{name}\'{suggestion} Mått som finns: {known}.' },
  'layout.unknown-name': { severity: 'error', text: '{what} \'{name}\'{suggestion} Möjliga: {known}.' },
  'layout.measure-not-for-row': { severity: 'error', text: 'Måttet \'{measure}\' finns inte för rader av typen {kind} i tabellen {table}.{suggestion} Mått för {rows}: {known}.' },
  'layout.indicator-measure-not-for-row': { severity: 'error', text: 'Måttet \'{measure}\' gäller en indikator och finns bara för rader av typen indicators, inte {kind} i tabellen {table}. Lägg indikatorerna i en egen tabell med rows: [{ kind: indicators }].' },
  'layout.personnel-measure-row': { severity: 'error', text: 'Personalmåttet \'{measure}\' i tabellen {table} finns {where}. Personalmått per underenhet: {known}; övriga personalmått visas på raden för enheten själv (kind: net).' },
  'layout.unit-measure-not-for-row': { severity: 'error', text: 'Måttet \'{measure}\' gäller en hel enhet och finns bara för rader av typen net och children, inte {kind} i tabellen {table}.' },
  'layout.mixed-rows': { severity: 'error', text: 'Tabellen {table} blandar {rows} med {others}; lägg dem i var sin tabell.' },
  'layout.duplicate-id': { severity: 'error', text: 'Id \'{id}\' finns två gånger i layouten; varje {what} behöver ett eget id.' },
  'layout.duplicate-heading': { severity: 'error', text: 'Tabellen {table} har två kolumner med rubriken \'{heading}\' (kolumn {first} och {second}). Ge varje kolumn en egen rubrik: rapport explain hittar en kolumn på dess rubrik.' },
  'layout.unknown-report-row': { severity: 'error', text: 'Raden \'{name}\' i layoutens tabell {table} finns inte i kontogrupperingen {file}{suggestion}' },
  'layout.unknown-section': { severity: 'error', text: 'Avsnittet \'{name}\' i layoutens tabell {table} finns inte bland sections i konfigurationen{suggestion} Avsnitt som finns: {known}.' },
  'layout.unknown-level': { severity: 'error', text: 'Nivån \'{level}\' i layouten finns inte{suggestion} Nivåer som finns: {known}.' },
  'layout.source-missing': { severity: 'error', text: 'Layouten placerar {what}, som läser {source}, men {source} är inte konfigurerat i {config}. Konfigurera källan, ta bort {what} ur layouten eller ange "when: {condition}".' },
} as const satisfies Catalogue;
