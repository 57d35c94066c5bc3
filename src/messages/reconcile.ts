import type { Catalogue } from './catalogue.js';

/**
 * Reconciliation before publishing (calc/reconcile.ts): checks of the sources against each other and against
 * themselves. Each stops the run (severity error) unless the user accepts it by name with `--allow CODE`; an accepted
 * finding becomes a warning and is printed on the report's title page.
 */
export const reconcileMessages = {
  'reconcile.periods-outside': {
    severity: 'error',
    text: 'Huvudboken har {rows} rader med perioder utanför åren {first}–{year} som rapporten använder (t.ex. {periods}; utfall {amount} kr). De räknas inte in i rapporten. Kontrollera exporten, eller godkänn med --allow reconcile.periods-outside.',
  },
  'reconcile.earlier-years-unused': {
    severity: 'info',
    text: 'Huvudboken har {rows} rader från {years}, före åren {first}–{year} som rapportens figurer använder. De räknas inte in i rapporten (layouten har inget mått som behöver dem).',
  },
  'reconcile.scale-mismatch': {
    severity: 'error',
    text: '{what} skiljer sig ungefär {ratio} gånger ({first} kr mot {second} kr). Det tyder på fel enhet (kr/tkr/mnkr) i någon källa; kontrollera inställningen "unit" för {sources}, eller godkänn med --allow reconcile.scale-mismatch.',
  },
  'reconcile.implausible-amount': {
    severity: 'error',
    text: 'Huvudboken har {rows} rader med belopp över {limit} kr (störst {amount} kr, ansvar {costCentre}, konto {account}, period {period}). Det är orimligt för en rad i en saldoexport och tyder på fel enhet; kontrollera inställningen "unit" ({unit}), eller godkänn med --allow reconcile.implausible-amount.',
  },
  'reconcile.ledger-cut-short': {
    severity: 'error',
    text: '{count} kombinationer av ansvar och konto med budget för året har rader varje månad men slutar före {expected} (t.ex. ansvar {costCentre}, konto {account}: sista period {last}). Filen ser avkortad ut; exportera på nytt, eller godkänn med --allow reconcile.ledger-cut-short.',
  },
  'reconcile.rendered-total': {
    severity: 'error',
    text: 'Summaraden "{label}" i tabellen "{table}" i {file} visar {shown} i kolumnen "{column}", men rapportens beräkning ger {expected}. Filen stämmer inte med beräkningen och ingenting publicerades; kör rapport generate igen, och om felet kvarstår, kontrollera mallen eller rapportera felet.',
  },
  'reconcile.rendered-total-missing': {
    severity: 'error',
    text: 'Summaraden "{label}" i tabellen "{table}" saknas i {file}. Filen stämmer inte med beräkningen och ingenting publicerades; kör rapport generate igen, och om felet kvarstår, rapportera felet.',
  },
  'reconcile.rendered-unreadable': {
    severity: 'error',
    text: 'Den skapade filen {file} gick inte att läsa tillbaka för kontroll av summaraderna. Ingenting publicerades; kör rapport generate igen.',
  },
  'reconcile.december-forecast': {
    severity: 'warning',
    text: 'I decemberrapporten är helårsprognosen årets utfall, och rapporten visar utfallet. Prognosfilens värden från prognostillfället {occasion} skiljer sig från utfallet för {count} kombinationer av ansvar och rad (mest för ansvar {costCentre}, rad "{row}": prognos {forecast} kr, utfall {outcome}); de visas inte.',
  },
  'reconcile.ledger-ends-early': {
    severity: 'error',
    text: 'Huvudbokens sista kombination av ansvar och konto (ansvar {costCentre}, konto {account}) har utfall varje månad från {first} men slutar {last}, medan minst hälften av huvudbokens kombinationer har utfall till {expected}. Filen ser avkortad ut vid en radgräns; exportera på nytt, eller godkänn med --allow reconcile.ledger-ends-early om kontot inte bokats de sista månaderna.',
  },
  'reconcile.scale-changed': {
    severity: 'warning',
    text: 'Utfallet för samma enheter, rader och stängda månader är nu ungefär {ratio} gånger {direction} än i rapporten som publicerades {published} ({now} kr mot {then} kr). Det tyder på fel enhet (kr/tkr/mnkr) i huvudboken; kontrollera inställningen "unit" ({unit}) för {file}.',
  },
  'reconcile.allowed': {
    severity: 'warning',
    text: 'Godkänd avvikelse (--allow {code}): {message}',
  },
} as const satisfies Catalogue;
