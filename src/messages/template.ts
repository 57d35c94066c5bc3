import type { Catalogue } from './catalogue.js';

/**
 * Organisations' Word templates: `rapport template check`, and filling a template with a report. `{where}` is a place
 * in the template in words ("brödtexten, stycke 12, tecken 5 ("Budgetavvikelsen är {{…")"); `{placeholder}` is the
 * placeholder as written. All are configuration problems (exit 78).
 */
export const templateMessages = {
  'template.file.unreadable': {
    severity: 'error',
    text: 'Mallen {file} går inte att läsa som Word-dokument (.docx eller .dotx): {detail}. Spara mallen i Word som Word-dokument eller Word-mall och försök igen.',
  },
  'template.file.too-large': {
    severity: 'error',
    text: 'Mallen {file} är för stor för att fyllas i säkert: {detail}. En mall ska vara ett vanligt Word-dokument; ta bort stora bilder och inbäddade filer.',
  },
  'template.file.external': {
    severity: 'error',
    text: 'Mallen {file} innehåller sådant som pekar ut ur filen och fylls inte i: {detail}. Bädda in bilder i stället för att länka dem, ta bort länkar till filer och nätverksmappar (file:, \\\\server) och ActiveX-kontroller, och spara mallen igen.',
  },
  'template.file.external-removed': {
    severity: 'warning',
    text: 'Mallen {file} pekade på en bifogad mall utanför filen ({detail}); hänvisningen tas bort ur rapporterna.',
  },
  'template.file.macros': {
    severity: 'error',
    text: 'Mallen {file} innehåller makron (.docm/.dotm) och fylls inte i. Spara den i Word som Word-mall (.dotx) eller Word-dokument (.docx) utan makron.',
  },
  'template.placeholder.unclosed': {
    severity: 'error',
    text: 'En platshållare börjar med "{{" men slutar inte med "}}" i samma stycke: {where}. Skriv hela platshållaren i samma stycke, t.ex. {{enhet}}.',
  },
  'template.placeholder.unopened': {
    severity: 'error',
    text: 'Texten har "}}" utan "{{" före i samma stycke: {where}. Kontrollera platshållarens klammerparenteser.',
  },
  'template.placeholder.split': {
    severity: 'error',
    text: 'Platshållaren "{text}" delas av en tabb eller radbrytning: {where}. Skriv den på en rad.',
  },
  'template.placeholder.syntax': {
    severity: 'error',
    text: 'Platshållaren {placeholder} går inte att tolka ({detail}): {where}.',
  },
  'template.placeholder.too-many': {
    severity: 'error',
    text: 'Mallen {file} har {count} platshållare; högst {max} tillåts. En så stor mall är troligen fel.',
  },
  'template.variable.unknown': {
    severity: 'error',
    text: 'Okänd variabel "{name}" i {placeholder}: {where}.{suggestion} Variablerna är: {variables}.',
  },
  'template.variable.group': {
    severity: 'error',
    text: '"{name}" i {placeholder} är en grupp av värden, inte ett värde: {where}. Välj ett av: {options}.',
  },
  'template.helper.unknown': {
    severity: 'error',
    text: 'Okänd hjälpfunktion "{name}" i {placeholder}: {where}.{suggestion} Hjälpfunktionerna är: {helpers}.',
  },
  'template.helper.arguments': {
    severity: 'error',
    text: 'Hjälpfunktionen "{name}" i {placeholder} {detail}: {where}.',
  },
  'template.value.needs-helper': {
    severity: 'error',
    text: '{placeholder} skriver ut {kind} utan format: {where}. Använd en hjälpfunktion, t.ex. {example}.',
  },
  'template.expression.denied': {
    severity: 'error',
    text: '{placeholder} är inte tillåtet i en mall ({detail}): {where}. En mall kan bara skriva ut rapportens värden.',
  },
  'template.expression.unsupported': {
    severity: 'error',
    text: '{placeholder} stöds inte i en mall ({detail}): {where}.',
  },
  'template.expression.too-long': {
    severity: 'error',
    text: 'En platshållare är längre än {max} tecken: {where}. Dela upp texten.',
  },
  'template.block.unknown': {
    severity: 'error',
    text: 'Okänt block "{name}" i {placeholder}: {where}.{suggestion} Blocken är: {blocks}.',
  },
  'template.block.argument': {
    severity: 'error',
    text: 'Blocket {placeholder} {detail}: {where}.',
  },
  'template.block.not-alone': {
    severity: 'error',
    text: 'Blocket {placeholder} måste stå ensamt i ett eget stycke i brödtexten (inte i en tabell, ett sidhuvud eller med annan text): {where}.',
  },
  'template.block.missing-target': {
    severity: 'warning',
    text: 'Rapporten för {unit} saknar {what} "{target}", så blocket {placeholder} blir tomt: {where}.',
  },
  'template.row.misplaced': {
    severity: 'error',
    text: '{placeholder} måste stå först i första cellen på en tabellrad: {where}. Raden upprepas då en gång per rad i rapportens tabell.',
  },
  'template.row.duplicate': {
    severity: 'error',
    text: 'Tabellen har flera rader med {placeholder}: {where}. Varje sorts rad ({{#rad}}, {{#summarad}}, {{#rubrikrad}}) får finnas en gång per tabell.',
  },
  'template.row.mixed': {
    severity: 'error',
    text: 'Raderna i samma tabell upprepar olika tabeller ({tables}): {where}. Använd samma tabell-id på alla rader som upprepas.',
  },
  'template.row.nested': {
    severity: 'error',
    text: 'En rad som upprepas ligger i en tabell inne i en annan rad som upprepas: {where}. Upprepade rader kan inte nästlas.',
  },
  'template.row.column-outside': {
    severity: 'error',
    text: '{placeholder} får bara stå i en tabellrad som upprepas (som börjar med {{#rad tabell}}): {where}.',
  },
  'template.row.missing-target': {
    severity: 'warning',
    text: 'Rapporten för {unit} saknar tabellen "{table}", så tabellen med {placeholder} tas bort: {where}.',
  },
  'template.style.missing': {
    severity: 'warning',
    text: 'Mallen saknar formatmallen "{style}" som {usedBy} använder. rapport lägger då till sin egen; skapa "{style}" i mallen (eller ändra den inbyggda) för att bestämma utseendet.',
  },
  'template.budget.exceeded': {
    severity: 'error',
    text: 'Mallen {file} kunde inte fyllas i inom gränserna: {detail}. Gränserna finns för att en trasig mall inte ska kunna hänga eller fylla disken.',
  },
  'template.render.failed': {
    severity: 'error',
    text: 'Platshållaren {placeholder} kunde inte fyllas i ({detail}): {where}.',
  },
} as const satisfies Catalogue;

/** A code of a template finding. */
export type TemplateCode = keyof typeof templateMessages;
